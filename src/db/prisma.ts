/** The only module that names Prisma's generated types; nothing outside src/db imports it. */
export { PrismaClient, Prisma } from "./generated/client.js";
export type { TimelineEntry as TimelineRow, StatusUpdate as StatusUpdateRow, FollowUp as FollowUpRow } from "./generated/client.js";
import type { Prisma } from "./generated/client.js";

/** Either the client or an interactive transaction: stores work on both. */
export type Db = Prisma.TransactionClient;
