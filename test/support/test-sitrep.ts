import { Writable } from "node:stream";
import { loadConfig } from "../../src/config.js";
import type { IntegrationFactory } from "../../src/integration.js";
import { createLogger } from "../../src/logger.js";
import { startSitrep, type RunningSitrep } from "../../src/main.js";
import type { Clock } from "../../src/app/ports.js";
import { apiCaller, type ApiCaller } from "./api-caller.js";
import { freshDatabase, type TestDatabase } from "./test-database.js";

export const TEST_API_TOKEN = "test-api-token-0123456789abcdef";

export interface TestSitrep extends RunningSitrep {
  readonly database: TestDatabase;
  /** Every log line written, parsed; tests read them (e.g. to prove no secret leaks). */
  readonly logs: Array<Record<string, unknown>>;
  /** Calls the API with the admin token; returns status and parsed JSON. */
  readonly api: ApiCaller;
  /** A raw request with the admin token (for bodies that are not JSON, or answers that are not). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * A real Sitrep on a random loopback port, on a fresh database of the kind
 * under test, with the environment given (as the process would read it).
 */
export async function startTestSitrep(
  env: Record<string, string> = {},
  options: { clock?: Clock; integrations?: readonly IntegrationFactory[]; database?: TestDatabase } = {},
): Promise<TestSitrep> {
  const database = options.database ?? (await freshDatabase());
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: database.dataDir,
    API_TOKEN: TEST_API_TOKEN,
    LOG_LEVEL: "info",
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = createLogger({ level: config.LOG_LEVEL, destination });
  const running = await startSitrep(config, { log, clock: options.clock, integrations: options.integrations });
  return {
    ...running,
    database,
    logs,
    api: apiCaller(running.url, TEST_API_TOKEN),
    fetch: (path, init = {}) =>
      fetch(`${running.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${TEST_API_TOKEN}`, ...(init.headers as Record<string, string>) },
      }),
    async stop() {
      await running.close();
      if (!options.database) await database.drop();
    },
  };
}
