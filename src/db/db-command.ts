/**
 * `npm run db:deploy` and `npm run db:status`: Sitrep's own migrator, the one
 * that runs at every start (Prisma's JavaScript schema engine splits the
 * trigger's `$$` body and fails), on DATABASE_URL or on the embedded server
 * under DATA_DIR: the running one, or one started for the command.
 */
import { pathToFileURL } from "node:url";
import { loadEnvFile } from "../env-file.js";
import { createLogger } from "../logger.js";
import { connect } from "./connection.js";
import { describeUrl, EMBEDDED_DATABASE, openDatabaseServer, type DatabaseServer } from "./database-server.js";
import { runningServerUrl } from "./embedded/running-server.js";
import { migrate, migrationStatus } from "./migrate.js";

type Say = (line: string) => void;

export async function runDbCommand(command: string, env: NodeJS.ProcessEnv, say: Say): Promise<number> {
  if (command !== "deploy" && command !== "status") {
    say("usage: db-command deploy|status");
    return 2;
  }
  const server = await databaseFor(env);
  try {
    const connection = await connect({ databaseUrl: server.url, poolSize: 2 });
    try {
      const where =
        server.description.mode === "embedded"
          ? `the embedded PostgreSQL in ${server.description.dataDir}`
          : `${server.description.host}/${server.description.database}`;
      if (command === "deploy") {
        const applied = await migrate(connection);
        say(applied.length === 0 ? `${where}: no migration to apply; the schema is up to date` : `${where}: applied ${applied.join(", ")}`);
        return 0;
      }
      const status = await migrationStatus(connection);
      say(`${where}: ${status.applied.length} of ${status.applied.length + status.pending.length} migrations applied`);
      for (const name of status.pending) say(`  not yet applied: ${name}`);
      say(status.pending.length === 0 ? "The schema is up to date." : "Run `npm run db:deploy` (or start Sitrep) to apply them.");
      return status.pending.length === 0 ? 0 : 1;
    } finally {
      await connection.close();
    }
  } finally {
    await server.stop();
  }
}

async function databaseFor(env: NodeJS.ProcessEnv): Promise<DatabaseServer> {
  const dataDir = env.DATA_DIR || "./data";
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, description: describeUrl(env.DATABASE_URL), stop: async () => undefined };
  const running = runningServerUrl(dataDir, EMBEDDED_DATABASE);
  if (running) return { url: running, description: { mode: "embedded", dataDir }, stop: async () => undefined };
  return openDatabaseServer({ DATA_DIR: dataDir }, createLogger({ level: "warn" }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadEnvFile();
  runDbCommand(process.argv[2] ?? "", process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`db: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
