import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { releasingBrokenTransactions } from "./broken-transactions.js";
import { PrismaClient, type Prisma } from "./generated/client.js";

/**
 * What a store runs on: the Prisma Client outside a transaction, or one
 * interactive transaction's client inside it (the client is assignable to it).
 */
export type Db = Prisma.TransactionClient;

/**
 * SQL on the bare driver, for what must run outside Prisma: the migrator (whole
 * scripts with `$$` bodies, see migrate.ts) and the session advisory lock
 * (startup-lock.ts). Stores never use it.
 */
export interface SqlRunner {
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters. */
  exec(script: string): Promise<void>;
}

export interface Connection {
  /** The one typed data layer: every store goes through it. */
  readonly prisma: PrismaClient;
  /** The same pool on the bare driver, for the migrator and session-scoped work (see SqlRunner). */
  readonly sql: SqlRunner;
  /** For pg-boss and session-scoped locks, which need connections of their own. */
  readonly connectionString: string;
  /** What a transaction may wait for a connection and how long it may stay open (see transactionOptions). */
  readonly transactionOptions: { readonly maxWait: number; readonly timeout: number };
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres:// or postgresql:// */
  readonly databaseUrl: string;
  readonly poolSize?: number;
  /** How long to wait for a connection (DATABASE_CONNECT_TIMEOUT); default 5 s. */
  readonly connectTimeoutMs?: number;
  /**
   * How long one statement may run (DATABASE_STATEMENT_TIMEOUT); default 10 s.
   * The server cancels it, and the client gives up a second later when the
   * server itself does not answer (a hung host or a black-holed network).
   */
  readonly statementTimeoutMs?: number;
}

/** A transaction left open by a hung request would hold its incident's row lock; the server ends it. */
const IDLE_IN_TRANSACTION_MS = 30_000;

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

/**
 * One `pg` pool on PostgreSQL (embedded server or external), shared by the
 * Prisma Client (through @prisma/adapter-pg) and the migrator, so the pool
 * size, the timeouts and the connection count are those of one pool.
 */
export async function connect(options: ConnectOptions): Promise<Connection> {
  const pool = new pg.Pool(poolConfig(options));
  // A server restart drops idle clients; without a listener that error would crash the process.
  pool.on("error", () => undefined);
  // "minimal": Prisma otherwise captures a stack trace on every call, to point at the calling line if
  // the call is invalid (2.5 % of Sitrep's CPU under load); our logs carry their own context.
  const prisma = new PrismaClient({ adapter: releasingBrokenTransactions(new PrismaPg(pool)), errorFormat: "minimal" });
  return {
    prisma,
    sql: runnerOn(pool),
    connectionString: options.databaseUrl,
    transactionOptions: transactionOptions(options),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function poolConfig(options: ConnectOptions): pg.PoolConfig {
  const statementTimeout = options.statementTimeoutMs ?? 10_000;
  return {
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 1_000,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    // @prisma/adapter-pg sends a Date as UTC text without an offset: a session in
    // another zone would read it as local time and shift every timestamp.
    options: "-c TimeZone=UTC",
  };
}

/**
 * Prisma's own limits on an interactive transaction (defaults 2 s and 5 s)
 * would cut shorter than the driver's: the wait for a connection is left to the
 * pool's connect timeout (whose error says the database is unavailable), and a
 * transaction may run as long as the server lets it, since every statement is
 * bounded by the statement timeout and every pause by the idle-in-transaction one.
 */
function transactionOptions(options: ConnectOptions): Connection["transactionOptions"] {
  const connect = options.connectTimeoutMs ?? 5_000;
  return { maxWait: connect + 1_000, timeout: 10 * 60_000 };
}

/** The pool answers `query(text, values)` with `{ rows }`. */
interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export function runnerOn(target: Queryable): SqlRunner {
  return {
    async query<R>(text: string, values?: readonly unknown[]) {
      const result = await target.query(text, values as unknown[] | undefined);
      return result.rows as R[];
    },
    async exec(script) {
      await target.query(script);
    },
  };
}
