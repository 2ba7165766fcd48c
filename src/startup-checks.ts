import { accessSync, constants, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import type { DatabaseDescription } from "./db/database-server.js";
import { StartupError } from "./startup-error.js";

export { StartupError };

/** Before anything is migrated or written: a taken port would otherwise fail only after all of it. */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((done, fail) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      fail(
        error.code === "EADDRINUSE"
          ? new StartupError(`port ${port} is in use; set PORT to a free port (or stop what listens there)`)
          : error.code === "EACCES"
            ? new StartupError(`port ${port} needs privileges Sitrep does not have; set PORT to 1024 or above`)
            : new StartupError(`cannot listen on ${host}:${port} (${error.code ?? error.message}); check HOST and PORT`, { cause: error }),
      ),
    );
    probe.listen(port, host, () => probe.close(() => done()));
  });
}

/** DATA_DIR holds the embedded database and the generated token: it must be a folder Sitrep may write. */
export function checkDataDirWritable(dataDir: string): void {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StartupError(`DATA_DIR ${dir} is not a folder Sitrep can write (${code}); set DATA_DIR to one it can`, { cause: error });
  }
}

/** The first query's failure, said in terms of DATABASE_URL (never its credentials). */
export function databaseUnreachable(description: DatabaseDescription, error: unknown): StartupError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === "ECONNREFUSED"
      ? "connection refused"
      : code === "ENOTFOUND" || code === "EAI_AGAIN"
        ? "unknown host"
        : code === "28P01" || code === "28000"
          ? "authentication failed"
          : code === "3D000"
            ? "no such database"
            : (error as Error).message;
  if (description.mode === "external") {
    return new StartupError(
      `DATABASE_URL: cannot reach PostgreSQL at ${description.host}, database "${description.database}" (${reason}); check DATABASE_URL, or unset it for the embedded database`,
      { cause: error },
    );
  }
  return new StartupError(`the embedded PostgreSQL under DATA_DIR ${description.dataDir} does not answer (${reason})`, { cause: error });
}
