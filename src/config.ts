import { z } from "zod";
import { parseIsoDuration } from "./domain/policies.js";

/**
 * The whole environment, parsed once at start. Every problem is reported at
 * once, each naming its variable, and a bad configuration stops the start.
 */
const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseIsoDuration(text);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: `"${text}" is not an ISO-8601 duration such as ${fallback}` });
        return z.NEVER;
      }
      return ms;
    });

/** A period something repeats at: zero would make it fire without pause. */
const period = (fallback: string) =>
  duration(fallback).refine((ms) => ms > 0, { message: `must be longer than zero, such as ${fallback}` });

/** A TCP port, said in words when it is not one. */
const port = z
  .string()
  .default("3000")
  .transform((text, ctx) => {
    if (text.trim() === "") return 3000;
    const value = Number(text.trim());
    if (!Number.isInteger(value) || value < 0 || value > 65535) {
      ctx.addIssue({ code: "custom", message: `"${text}" is not a port number (0 to 65535), such as 3000` });
      return z.NEVER;
    }
    return value;
  });

/** Unset means off. */
const optionalDuration = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text.trim() === "") return undefined;
    const ms = parseIsoDuration(text.trim());
    if (ms === null || ms <= 0) {
      ctx.addIssue({ code: "custom", message: `"${text}" is not an ISO-8601 duration longer than zero, such as PT15M` });
      return z.NEVER;
    }
    return ms;
  });

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : ["true", "1", "yes"].includes(v)));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const url = (fallback: string) => z.url({ message: "must be an http(s) URL" }).default(fallback);

const idList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

const schema = z.object({
  PORT: port,
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: optionalString,
  DATABASE_URL: optionalString.refine((v) => v === undefined || isDatabaseUrl(v), {
    message:
      "must be a postgres:// or postgresql:// URL with a host, such as postgresql://sitrep@db.example:5432/sitrep (leave it unset for the embedded database)",
  }),
  /** A database that does not answer must not hold a request (Slack waits 3 s) or a shutdown. */
  DATABASE_CONNECT_TIMEOUT: duration("PT5S").refine((ms) => ms > 0, { message: "must be longer than zero" }),
  DATABASE_STATEMENT_TIMEOUT: duration("PT10S").refine((ms) => ms > 0, { message: "must be longer than zero" }),
  DATA_DIR: z.string().default("./data"),
  RUNBOOKS_DIR: z.string().default("./runbooks"),
  API_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, { message: "must be at least 16 characters" }),
  METRICS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, { message: "must be at least 16 characters" }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  STATUS_UPDATE_INTERVAL: period("PT20M"),
  MONITORING_WINDOW: duration("PT30M"),
  COMMANDER_BREAK_AFTER: period("PT3H"),
  WORKING_HOURS: z
    .string()
    .default("09-18")
    .refine((v) => /^\d{1,2}-\d{1,2}$/.test(v), { message: 'must look like "09-18"' }),

  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: url("https://slack.com/api/"),
  INCIDENT_ANNOUNCE_CHANNEL: optionalString,
  SLACK_ADMIN_USERS: idList,

  STATUSPAGE_API_KEY: optionalString,
  STATUSPAGE_PAGE_ID: optionalString,
  STATUSPAGE_API_URL: url("https://api.statuspage.io/v1"),
  STATUSPAGE_REQUIRE_APPROVAL: flag(false),
  STATUSPAGE_NOTIFY_SUBSCRIBERS: flag(true),
  STATUSPAGE_TIMEOUT: duration("PT10S").refine((ms) => ms > 0, { message: "must be longer than zero" }),
  STATUSPAGE_PENDING_ALERT_AFTER: duration("PT2M").refine((ms) => ms > 0, { message: "must be longer than zero" }),
  STATUS_PAGE_TITLE: z.string().trim().min(1).max(100).default("Service status"),
  STATUS_PAGE_COMPONENTS: idList,

  /** How often the scheduled self-test runs; unset = never. */
  SELFTEST_INTERVAL: optionalDuration,
  /** How long a claimed outbox message is ours; a crashed replica's claims are taken again after it. */
  OUTBOX_LEASE: duration("PT1M").refine((ms) => ms >= 1000, { message: "must be at least one second" }),

  BREAKER_WINDOW: duration("PT1M").refine((ms) => ms > 0, { message: "must be longer than zero" }),
  BREAKER_FAILURE_RATE: z.coerce.number().min(0).lt(1, "must be below 1 (the breaker opens above it)").default(0.5),
  BREAKER_MIN_CALLS: z.coerce.number().int().min(1).default(5),
  BREAKER_COOL_DOWN: duration("PT30S").refine((ms) => ms > 0, { message: "must be longer than zero" }),

  PAGERDUTY_API_TOKEN: optionalString,
  PAGERDUTY_FROM_EMAIL: optionalString,
  PAGERDUTY_WEBHOOK_SECRET: optionalString,
  PAGERDUTY_API_URL: url("https://api.pagerduty.com"),
  PAGERDUTY_DECLARE_SERVICES: idList,
  PAGERDUTY_DECLARE_URGENCIES: z
    .string()
    .optional()
    .transform((v) =>
      (v === undefined || v.trim() === "" ? "high" : v)
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(["high", "low"], { message: 'must list "high" and/or "low", comma-separated' }))),
  PAGERDUTY_DECLARE_PRIORITIES: idList,
  PAGERDUTY_RESOLVE_ON_RESOLVE: flag(true),
});

export type Config = z.infer<typeof schema>;

function isDatabaseUrl(text: string): boolean {
  if (!/^postgres(ql)?:\/\//.test(text)) return false;
  try {
    return new URL(text).hostname !== "";
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Sitrep cannot start: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  const config = parsed.data;
  const problems = [
    ...pairProblem(
      config.SLACK_BOT_TOKEN,
      config.SLACK_SIGNING_SECRET ?? config.SLACK_APP_TOKEN,
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN)",
    ),
    ...pairProblem(config.STATUSPAGE_API_KEY, config.STATUSPAGE_PAGE_ID, "STATUSPAGE_API_KEY", "STATUSPAGE_PAGE_ID"),
    ...pairProblem(config.PAGERDUTY_API_TOKEN, config.PAGERDUTY_FROM_EMAIL, "PAGERDUTY_API_TOKEN", "PAGERDUTY_FROM_EMAIL"),
    // Replicas on one PostgreSQL must accept the same token; one generated per machine would not be.
    ...(config.DATABASE_URL !== undefined && config.API_TOKEN === undefined
      ? ["API_TOKEN is required with DATABASE_URL (every replica must accept the same token)"]
      : []),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function pairProblem(a: string | undefined, b: string | undefined, nameA: string, nameB: string): string[] {
  if (a !== undefined && b === undefined) return [`${nameA} is set but ${nameB} is not; set both or neither`];
  if (a === undefined && b !== undefined) return [`${nameB} is set but ${nameA} is not; set both or neither`];
  return [];
}
