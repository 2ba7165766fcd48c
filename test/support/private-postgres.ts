import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, on a
 * free port), so a fault test can stop and restart its server without touching
 * the shared one every other test uses. Run as the `postgres` user, since
 * PostgreSQL refuses to run as root.
 */
export interface PrivatePostgres {
  readonly url: string;
  start(): void;
  stop(): void;
  destroy(): void;
}

const BIN = `/usr/lib/postgresql/${readdirSync("/usr/lib/postgresql")[0]}/bin`;

function asPostgres(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", `${BIN}/${command}`, ...args]] : [`${BIN}/${command}`, args];
  execFileSync(file, argv, { stdio: "pipe", timeout: 60_000 });
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
  const root = mkdtempSync(join(tmpdir(), "sitrep-pg-"));
  chmodSync(root, 0o755);
  const data = join(root, "data");
  if (process.getuid?.() === 0)
    chownSync(root, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
  asPostgres("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
  const port = await freePort();
  const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c fsync=off`;
  const pg = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start: () => asPostgres("pg_ctl", ["-D", data, "-o", options, "-w", "-l", join(root, "log"), "start"]),
    stop: () => asPostgres("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
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
