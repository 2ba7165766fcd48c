import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startSitrep, type RunningSitrep } from "../../src/main.js";
import type { IntegrationFactory } from "../../src/integration.js";

export const BENCH_TOKEN = "bench-api-token-0123456789abcdef";

/** A real Sitrep for a benchmark, silent, on the given database. */
export async function startBenchSitrep(
  databaseUrl: string | undefined,
  env: Record<string, string> = {},
  integrations: readonly IntegrationFactory[] = [],
): Promise<RunningSitrep> {
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    API_TOKEN: BENCH_TOKEN,
    LOG_LEVEL: "warn",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  return startSitrep(config, { log: createLogger({ level: "warn" }), integrations });
}
