import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import { buildHttpServer } from "./adapters/http/server.js";
import { tokenVerifier } from "./adapters/http/auth.js";
import { resolveApiToken } from "./api-token.js";
import type { AppContext } from "./app/context.js";
import type { EffectPlanner } from "./app/effects.js";
import type { Clock } from "./app/ports.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { connect, type Connection } from "./db/connection.js";
import { createDatabase } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { outboxQueue } from "./db/outbox-queue.js";
import type { Integration, IntegrationFactory, Runtime } from "./integration.js";
import { OPEN_GATE } from "./jobs/delivery.js";
import { OutboxDispatcher } from "./jobs/outbox-dispatcher.js";
import { createLogger, type Logger } from "./logger.js";
import { pagerdutyIntegration } from "./adapters/pagerduty/integration.js";

/** Every integration Sitrep knows; each returns null when it is not configured. */
const INTEGRATIONS: readonly IntegrationFactory[] = [pagerdutyIntegration];

export interface StartOptions {
  readonly log?: Logger;
  readonly clock?: Clock;
  /** Extra integrations (tests add fakes of nothing: they point real ones at fake servers). */
  readonly integrations?: readonly IntegrationFactory[];
}

export interface RunningSitrep {
  readonly url: string;
  readonly port: number;
  readonly apiToken: string;
  readonly app: AppContext;
  readonly connection: Connection;
  readonly dispatcher: OutboxDispatcher;
  readonly log: Logger;
  /** Stops taking work, finishes what is in flight, closes the database. */
  close(): Promise<void>;
}

export async function startSitrep(config: Config, options: StartOptions = {}): Promise<RunningSitrep> {
  const log = options.log ?? createLogger({ level: config.LOG_LEVEL, pretty: process.stdout.isTTY });
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const connection = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const applied = await migrate(connection);
  if (applied.length > 0) log.info({ migrations: applied }, "database migrated");

  const planners: EffectPlanner[] = [];
  const app: AppContext = {
    db: createDatabase(connection, { now: () => clock.now() }),
    clock,
    settings: {
      statusUpdateIntervalMs: config.STATUS_UPDATE_INTERVAL,
      monitoringWindowMs: config.MONITORING_WINDOW,
      requireApproval: config.STATUSPAGE_REQUIRE_APPROVAL,
    },
    planners,
  };
  const runtime: Runtime = { config, log, app, connection, gate: OPEN_GATE };
  const integrations: Integration[] = [];
  for (const factory of [...INTEGRATIONS, ...(options.integrations ?? [])]) {
    const integration = await factory(runtime);
    if (integration) integrations.push(integration);
  }
  for (const integration of integrations) planners.push(...(integration.planners ?? []));

  const dispatcher = new OutboxDispatcher({
    queue: outboxQueue(connection.sql),
    deliverers: integrations.flatMap((i) => i.deliverers ?? []),
    log,
    clock,
    gate: runtime.gate,
  });

  const { token: apiToken, generated } = resolveApiToken(config.API_TOKEN, config.DATA_DIR);
  const server = buildHttpServer(
    { app, tokens: tokenVerifier(apiToken), log, ping: async () => void (await connection.sql.query("SELECT 1")) },
    integrations.flatMap((i) => i.routes ?? []),
  );
  // Whatever a request committed may have enqueued side effects: deliver them now.
  server.addHook("onResponse", async () => dispatcher.kick());

  for (const integration of integrations) await integration.start?.();
  dispatcher.start();
  await server.listen({ port: config.PORT, host: config.HOST });
  const port = (server.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  log.info({ port, database: connection.kind, integrations: integrations.map((i) => i.name) }, "sitrep listening");
  if (generated || config.API_TOKEN === undefined) log.info(`API token (stored in ${config.DATA_DIR}/api-token): ${apiToken}`);

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    apiToken,
    app,
    connection,
    dispatcher,
    log,
    close() {
      closing ??= (async () => {
        await server.close();
        await dispatcher.stop();
        for (const integration of [...integrations].reverse()) await integration.stop?.();
        await connection.close();
      })();
      return closing;
    },
  };
}

async function runProcess(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const sitrep = await startSitrep(config);
  if (!config.SLACK_BOT_TOKEN) {
    sitrep.log.info("Slack is not configured (SLACK_BOT_TOKEN unset): running with the API, the CLI and the status page only");
  }
  const shutdown = (signal: string) => {
    sitrep.log.info({ signal }, "shutting down");
    sitrep.close().then(
      () => process.exit(0),
      (error: unknown) => {
        sitrep.log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runProcess().catch((error: unknown) => {
    process.stderr.write(`Sitrep failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
