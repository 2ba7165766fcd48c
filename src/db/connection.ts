import { mkdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

export type DatabaseKind = "pglite" | "postgres";

/** SQL on the driver: on the pool, or on one transaction's connection. */
export interface SqlRunner {
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters. */
  exec(script: string): Promise<void>;
}

export interface Connection {
  readonly kind: DatabaseKind;
  readonly sql: SqlRunner;
  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
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
  /** How long to wait for a connection (DATABASE_CONNECT_TIMEOUT); default 5 s. */
  readonly connectTimeoutMs?: number;
  /**
   * How long one statement may run (DATABASE_STATEMENT_TIMEOUT); default 10 s.
   * The server cancels it, and the client gives up a second later when the
   * server itself does not answer (a hung host or a black-holed network).
   */
  readonly statementTimeoutMs?: number;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export async function connect(options: ConnectOptions): Promise<Connection> {
  return isPostgresUrl(options.databaseUrl) ? connectPostgres(options.databaseUrl, options) : connectPglite(options.dataDir);
}

async function connectPostgres(url: string, options: ConnectOptions): Promise<Connection> {
  const statementTimeout = options.statementTimeoutMs ?? 10_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 1_000,
    // A transaction left open by a hung request would hold its incident's row lock; the server ends it.
    idle_in_transaction_session_timeout: 30_000,
  });
  // A server restart drops idle clients; without a listener that error would crash the process.
  pool.on("error", () => undefined);
  return {
    kind: "postgres",
    sql: runnerOn(pool),
    async transaction(work) {
      const client = await pool.connect();
      // A checked-out client has no listener of the pool's: a connection dropped between two
      // statements would crash the process. The next statement fails and says so instead.
      const dropped = () => undefined;
      client.on("error", dropped);
      try {
        await client.query("BEGIN");
        const result = await work(runnerOn(client));
        await client.query("COMMIT");
        client.off("error", dropped);
        client.release();
        return result;
      } catch (error) {
        // A connection that cannot even roll back is broken: the pool drops it instead of lending it again.
        const broken = await client.query("ROLLBACK").then(
          () => false,
          () => true,
        );
        client.off("error", dropped);
        client.release(broken);
        throw error;
      }
    },
    connectionString: url,
    async close() {
      await pool.end();
    },
  };
}

async function connectPglite(dataDir: string): Promise<Connection> {
  // Loaded only when used: PGlite's module alone is ~35 MB of resident memory a PostgreSQL deployment should not carry.
  const { PGlite } = await import("@electric-sql/pglite");
  const location = dataDir.startsWith("memory://") ? dataDir : pgliteDirectory(dataDir);
  const db = await PGlite.create(location);
  return {
    kind: "pglite",
    // PGlite is one connection: a query outside an open transaction waits for it to end.
    sql: runnerOn(db),
    transaction: (work) => db.transaction((tx) => work(runnerOn(tx))),
    connectionString: null,
    async close() {
      await db.close();
    },
  };
}

/** The pool, a pooled client, PGlite and a PGlite transaction all answer `query(text, values)` with `{ rows }`. */
interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

function runnerOn(target: Queryable & { exec?(script: string): Promise<unknown> }): SqlRunner {
  return {
    async query<R>(text: string, values?: readonly unknown[]) {
      const result = await target.query(text, values as unknown[] | undefined);
      return result.rows as R[];
    },
    async exec(script) {
      await (target.exec ? target.exec(script) : target.query(script));
    },
  };
}

function pgliteDirectory(dataDir: string): string {
  const dir = join(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  return dir;
}
