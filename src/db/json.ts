import { Prisma } from "./generated/client.js";

/**
 * A value for a `Json` column, as JSON would write it (dates as text, undefined
 * left out); null is stored as JSON `null`, since Prisma reserves a bare null
 * for "no value".
 */
export function jsonValue(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  if (value === null || value === undefined) return Prisma.JsonNull;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
