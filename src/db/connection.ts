import pg from "pg";

/** SQL on the driver: on the pool, or on one transaction's connection. */
export interface SqlRunner {
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters. */
  exec(script: string): Promise<void>;
}

export interface Connection {
  readonly sql: SqlRunner;
  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** For pg-boss and session-scoped locks, which need connections of their own. */
  readonly connectionString: string;
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

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

/** A pool on PostgreSQL: the one driver and the one code path, embedded server or external. */
export async function connect(options: ConnectOptions): Promise<Connection> {
  const pool = new pg.Pool(poolConfig(options));
  // A server restart drops idle clients; without a listener that error would crash the process.
  pool.on("error", () => undefined);
  return {
    sql: runnerOn(pool),
    transaction: (work) => inTransaction(pool, work),
    connectionString: options.databaseUrl,
    async close() {
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
    // A transaction left open by a hung request would hold its incident's row lock; the server ends it.
    idle_in_transaction_session_timeout: 30_000,
  };
}

async function inTransaction<T>(pool: pg.Pool, work: (tx: SqlRunner) => Promise<T>): Promise<T> {
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
}

/** The pool and a pooled client both answer `query(text, values)` with `{ rows }`. */
interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

function runnerOn(target: Queryable): SqlRunner {
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
