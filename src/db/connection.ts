import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client.js";

export type DatabaseKind = "pglite" | "postgres";

/** Raw SQL access for what Prisma does not do: migrations, pg-boss, row locks, health. */
export interface SqlRunner {
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters. */
  exec(script: string): Promise<void>;
}

export interface Connection {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  readonly sql: SqlRunner;
  /** For pg-boss: a connection string (PostgreSQL) or nothing (PGlite goes through `sql`). */
  readonly connectionString: string | null;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres:// or postgresql:// for PostgreSQL; otherwise embedded PGlite. */
  readonly databaseUrl?: string;
  /** Where PGlite keeps its files; "memory://" keeps them in memory (tests). */
  readonly dataDir: string;
  readonly poolSize?: number;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export async function connect(options: ConnectOptions): Promise<Connection> {
  return isPostgresUrl(options.databaseUrl) ? connectPostgres(options.databaseUrl, options.poolSize ?? 10) : connectPglite(options.dataDir);
}

async function connectPostgres(url: string, poolSize: number): Promise<Connection> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // A server restart drops idle clients; without a listener that error would crash the process.
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql: SqlRunner = {
    async query(text, values) {
      const result = await pool.query(text, values as unknown[] | undefined);
      return result.rows;
    },
    async exec(script) {
      await pool.query(script);
    },
  };
  return {
    kind: "postgres",
    prisma,
    sql,
    connectionString: url,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function connectPglite(dataDir: string): Promise<Connection> {
  // Loaded only when used: PGlite's module alone is ~35 MB of resident memory a PostgreSQL deployment should not carry.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
  const location = dataDir.startsWith("memory://") ? dataDir : pgliteDirectory(dataDir);
  const db = await PGlite.create(location);
  // pglite-prisma-adapter 0.6 is typed against an older adapter-utils; its runtime
  // contract is the one Prisma 6.19 calls (the suite runs every query through it).
  const adapter = new PrismaPGlite(db) as unknown as SqlDriverAdapterFactory;
  const prisma = new PrismaClient({ adapter });
  const sql: SqlRunner = {
    async query(text, values) {
      const result = await db.query(text, values as unknown[] | undefined);
      return result.rows as never[];
    },
    async exec(script) {
      await db.exec(script);
    },
  };
  return {
    kind: "pglite",
    prisma,
    sql,
    connectionString: null,
    async close() {
      await prisma.$disconnect();
      await db.close();
    },
  };
}

function pgliteDirectory(dataDir: string): string {
  const dir = join(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  return dir;
}
