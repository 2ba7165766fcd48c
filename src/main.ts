import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import type { AddressInfo } from "node:net";
import { operationsIntegration } from "./adapters/http/operations/integration.js";
import { reportLinks } from "./adapters/http/report-link.js";
import { buildHttpServer } from "./adapters/http/server.js";
import { publicStatusPageIntegration } from "./adapters/http/public-page/routes.js";
import { slackIntegration } from "./adapters/slack/integration.js";
import { statuspageIntegration } from "./adapters/statuspage/integration.js";
import { tokenVerifier } from "./adapters/http/auth.js";
import type { HttpIntegrationFactory, RouteRegistrar } from "./adapters/http/context.js";
import { loadRunbookLibrary } from "./adapters/runbooks/runbook-library.js";
import { resolveApiToken } from "./api-token.js";
import { announceBreakerChange } from "./app/announce-breaker-change.js";
import { upstreamProblems } from "./app/upstream-problems.js";
import type { AppContext } from "./app/context.js";
import type { EffectPlanner } from "./app/effects.js";
import type { ChannelMembers, Clock, PeopleNames, TimeZones } from "./app/ports.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { breakerStore } from "./db/breaker-store.js";
import { connect, type Connection } from "./db/connection.js";
import { createDatabase } from "./db/database.js";
import { openDatabaseServer, type DatabaseServer } from "./db/database-server.js";
import { migrate } from "./db/migrate.js";
import { outboxQueue } from "./db/outbox-queue.js";
import { loadEnvFile } from "./env-file.js";
import { checkDataDirWritable, checkPortFree, databaseUnreachable, StartupError } from "./startup-checks.js";
import { startupSummary } from "./startup-summary.js";
import type { Integration, Runtime } from "./integration.js";
import { TIMER_QUEUES } from "./app/timers/plan-timers.js";
import { BreakerGate, breakerPolicy } from "./jobs/breaker-gate.js";
import { createJobEngine, startJobEngine } from "./jobs/job-engine.js";
import { OutboxDispatcher } from "./jobs/outbox-dispatcher.js";
import { selfTestFor } from "./jobs/self-test-integration.js";
import { jobTimerStore } from "./jobs/timer-store.js";
import { timersIntegration, type TimerObserver } from "./jobs/timers-integration.js";
import { createLogger, type Logger } from "./logger.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { pagerdutyIntegration } from "./adapters/pagerduty/integration.js";
import { pageRoute } from "./adapters/pagerduty/page-route.js";
import { webhookSubscriptions } from "./db/webhook-subscriptions.js";

/** Every integration Sitrep knows; each returns null when it is not configured. */
const INTEGRATIONS: readonly HttpIntegrationFactory[] = [
  operationsIntegration,
  pagerdutyIntegration,
  publicStatusPageIntegration,
  slackIntegration,
  statuspageIntegration,
];

export interface StartOptions {
  readonly log?: Logger;
  readonly clock?: Clock;
  /** Extra integrations (tests add fakes of nothing: they point real ones at fake servers). */
  readonly integrations?: readonly HttpIntegrationFactory[];
  /** Told how late each timer fired (the timer benchmark). */
  readonly timerObserver?: TimerObserver;
  /** Default: a registry of this process's own (tests and benchmarks starting several Sitreps get one each). */
  readonly metrics?: Metrics;
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
  // What can be checked before anything is started, migrated or written, is.
  await checkPortFree(config.HOST, config.PORT);
  if (!config.DATABASE_URL || !config.API_TOKEN) checkDataDirWritable(config.DATA_DIR);
  const databaseServer = await openDatabaseServer(config, log);
  try {
    return await startOn(databaseServer, config, log, options);
  } catch (error) {
    await databaseServer.stop();
    throw error;
  }
}

async function openConnection(databaseServer: DatabaseServer, config: Config): Promise<Connection> {
  const connection = await connect({
    databaseUrl: databaseServer.url,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT,
  });
  try {
    // The bare driver's error names the host, the refusal or the timeout for the one start-up line.
    await connection.sql.query("SELECT 1");
    return connection;
  } catch (error) {
    await connection.close();
    throw databaseUnreachable(databaseServer.description, error);
  }
}

async function startOn(databaseServer: DatabaseServer, config: Config, log: Logger, options: StartOptions): Promise<RunningSitrep> {
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const connection = await openConnection(databaseServer, config);
  const applied = await migrate(connection);
  if (applied.length > 0) log.info({ migrations: applied }, "database migrated");

  // The job engine starts first: use cases schedule timers in their own transactions.
  const engine = createJobEngine(connection, log);
  await startJobEngine(engine, connection, TIMER_QUEUES);

  const library = loadRunbookLibrary(config.RUNBOOKS_DIR);
  for (const problem of library.problems) log.warn({ problem }, "runbook skipped");

  const planners: EffectPlanner[] = [];
  const app: AppContext = {
    db: createDatabase(connection, { now: () => clock.now(), timers: jobTimerStore(engine, clock) }),
    clock,
    settings: {
      statusUpdateIntervalMs: config.STATUS_UPDATE_INTERVAL,
      monitoringWindowMs: config.MONITORING_WINDOW,
      requireApproval: config.STATUSPAGE_REQUIRE_APPROVAL,
    },
    planners,
    library,
    // Integrations are built below; whichever can tell operators (Slack's announce channel) does.
    notices: { notice: (text, key) => integrations.flatMap((i) => i.notices?.notice(text, key) ?? []) },
  };
  // Circuit breakers shared by every replica; when calls stop or resume, waiting incidents' channels are told.
  const gate = new BreakerGate({
    store: breakerStore(connection.prisma),
    policy: breakerPolicy(config),
    clock,
    log,
    onChange: (change) => announceBreakerChange(app, change),
  });
  const metrics = options.metrics ?? createMetrics();
  const runtime: Runtime = { config, log, app, connection, gate, breakers: gate, metrics };
  const timerObserver: TimerObserver = {
    fired(name, latenessMs) {
      metrics.timerLateness.observe({ timer: name }, Math.max(0, latenessMs) / 1000);
      options.timerObserver?.fired?.(name, latenessMs);
    },
  };
  const integrations: Integration<RouteRegistrar>[] = [];
  // Timers start first but learn people's zones from whichever integration knows them (Slack), once it is built.
  const zones: TimeZones = { of: async (user) => (await integrations.find((i) => i.timeZones)?.timeZones?.of(user)) ?? null };
  const members: ChannelMembers = {
    of: async (channel) => (await integrations.find((i) => i.channelMembers)?.channelMembers?.of(channel)) ?? [],
  };
  const names: PeopleNames = { nameOf: async (user) => (await integrations.find((i) => i.peopleNames)?.peopleNames?.nameOf(user)) ?? null };
  integrations.push(timersIntegration(engine, { app, config, log, zones, members, observer: timerObserver }));
  for (const factory of [...INTEGRATIONS, ...(options.integrations ?? [])]) {
    const integration = await factory(runtime);
    if (integration) integrations.push(integration);
  }
  const selfTest = selfTestFor(runtime, engine, integrations, (upstream) => dispatcher.drain(upstream));
  integrations.push(selfTest);
  for (const integration of integrations) planners.push(...(integration.planners ?? []));

  const dispatcher = new OutboxDispatcher({
    queue: outboxQueue(connection.prisma),
    deliverers: integrations.flatMap((i) => i.deliverers ?? []),
    log,
    clock,
    gate: runtime.gate,
    leaseMs: config.OUTBOX_LEASE,
  });

  const { token: apiToken, generated } = resolveApiToken(config.API_TOKEN, config.DATA_DIR);
  const server = buildHttpServer(
    {
      app,
      tokens: tokenVerifier(apiToken, (hash) => app.db.read.tokens.findByHash(hash)),
      log,
      ping: async () => void (await connection.prisma.$queryRaw`SELECT 1`),
      problems: () => upstreamProblems(gate, webhookSubscriptions(connection.prisma)),
      names,
      reportLinks: reportLinks(apiToken, clock),
      publicUrl: config.PUBLIC_URL,
      selfTest: (actor) => selfTest.runAs(actor),
    },
    [
      ...integrations.flatMap((i) => i.routes ?? []),
      // Paging is part of the API either way: without PagerDuty it answers why it cannot page.
      ...(integrations.some((i) => i.name === "pagerduty") ? [] : [pageRoute({ pagingConfigured: false })]),
    ],
  );
  // Whatever a request committed may have enqueued side effects: deliver them now.
  server.addHook("onResponse", async () => dispatcher.kick());

  for (const integration of integrations) await integration.start?.();
  // An upstream held for its credentials is probed at once: this start may carry the corrected key.
  await gate.probeHeldNow();
  dispatcher.start();
  await server.listen({ port: config.PORT, host: config.HOST });
  const port = (server.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  log.info(
    { port, ...startupSummary(config, databaseServer.description), integrations: integrations.map((i) => i.name) },
    "sitrep listening",
  );
  // The token itself never goes to the log: the CLI on this machine reads the file.
  if (generated)
    log.info(
      { file: `${config.DATA_DIR}/api-token` },
      "API token generated and stored in DATA_DIR/api-token; the CLI on this machine reads it there",
    );

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
        await databaseServer.stop();
      })();
      return closing;
    },
  };
}

/** Under the 10 s most orchestrators give between SIGTERM and SIGKILL. */
const SHUTDOWN_WATCHDOG_MS = 8_000;

async function runProcess(): Promise<void> {
  // V8 lets the old generation grow to about three times the live heap before collecting it, and keeps
  // what it grew: a burst of declarations left Sitrep at ~240 MB RSS while ~40 MB was live. Collecting
  // at 1.3 times keeps it under 200 MB, at no throughput cost measured (bench/RESULTS.md, memory, http-api).
  setFlagsFromString("--heap-growing-percent=30");
  loadEnvFile();
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
    // A database that does not answer would hold the close for ever; orchestrators kill at 10 s: go first, and say why.
    setTimeout(() => {
      sitrep.log.error({ signal, afterMs: SHUTDOWN_WATCHDOG_MS }, "shutdown did not finish in time (is the database answering?); exiting");
      process.exit(1);
    }, SHUTDOWN_WATCHDOG_MS).unref();
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
    const said = error instanceof StartupError ? "Sitrep cannot start" : "Sitrep failed to start";
    process.stderr.write(`${said}: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
