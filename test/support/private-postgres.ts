import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { postgresBinaries } from "../../src/db/embedded/binaries.js";
import { handOver, serverUser } from "../../src/db/embedded/server-user.js";

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, on a
 * free port, from the same npm-shipped binaries as the embedded server), so a
 * fault test can stop and restart its server without touching the shared one
 * every other test uses. As root it runs as the `postgres` account.
 */
export interface PrivatePostgres {
  readonly url: string;
  start(): void;
  stop(): void;
  destroy(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const binaries = postgresBinaries();
  const user = serverUser();
  const root = mkdtempSync(join(tmpdir(), "sitrep-pg-"));
  const data = join(root, "data");
  handOver(user, root, root);
  const run = (file: string, args: string[]) =>
    execFileSync(file, args, { ...(user ?? {}), stdio: "pipe", timeout: 120_000, env: { ...process.env, LC_ALL: "C" } });
  run(binaries.initdb, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-instructions"]);
  const port = await freePort();
  const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off`;
  const pg = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start: () => void run(binaries.pgCtl, ["-D", data, "-o", options, "-w", "-l", join(root, "log"), "start"]),
    stop: () => void run(binaries.pgCtl, ["-D", data, "-m", "fast", "-w", "stop"]),
    destroy() {
      try {
        pg.stop();
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
