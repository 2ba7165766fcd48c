import { Writable } from "node:stream";
import { loadConfig } from "../../src/config.js";
import type { IntegrationFactory } from "../../src/integration.js";
import { createLogger } from "../../src/logger.js";
import { startSitrep, type RunningSitrep } from "../../src/main.js";
import type { Clock } from "../../src/app/ports.js";
import { freshDatabase, type TestDatabase } from "./test-database.js";

export const TEST_API_TOKEN = "test-api-token-0123456789abcdef";

export interface TestSitrep extends RunningSitrep {
  readonly database: TestDatabase;
  /** Every log line written, parsed; tests read them (e.g. to prove no secret leaks). */
  readonly logs: Array<Record<string, unknown>>;
  /** Calls the API with the admin token; returns status and parsed JSON. */
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
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
    async api(method, path, body, headers = {}) {
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TEST_API_TOKEN}`,
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as never };
    },
    async stop() {
      await running.close();
      if (!options.database) await database.drop();
    },
  };
}
