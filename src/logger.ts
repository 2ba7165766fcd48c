import pino, { type Logger } from "pino";
import { logScopeFields } from "./log-context.js";
import { loggableValue } from "./log-values.js";

export type { Logger };

/**
 * Secrets never reach the logs: tokens and signatures are redacted by path, and
 * anything that looks like a Slack or bearer token is masked wherever it appears.
 */
const REDACT_PATHS = [
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "*.headers['x-slack-signature']",
  "*.headers['x-pagerduty-signature']",
  "secret",
  "*.secret",
  "apiKey",
  "*.apiKey",
  "config.API_TOKEN",
  "config.SLACK_BOT_TOKEN",
  "config.SLACK_SIGNING_SECRET",
  "config.SLACK_APP_TOKEN",
  "config.STATUSPAGE_API_KEY",
  "config.PAGERDUTY_API_TOKEN",
  "config.PAGERDUTY_WEBHOOK_SECRET",
];

const SECRET_PATTERN =
  /(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|Bearer\s+[A-Za-z0-9._~+/=-]+|OAuth\s+[A-Za-z0-9._~+/=-]+|Token token=[A-Za-z0-9._~+/=-]+)/g;

/** Masks token-shaped substrings in free text (error messages from SDKs can carry them). */
export function maskSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, "[redacted]");
}

const passThrough = (value: unknown) => value;

export function createLogger(options: { level: string; pretty?: boolean; destination?: pino.DestinationStream }): Logger {
  const base: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    // The incident the current work is about (log-context.ts); a field the line names itself wins.
    mixin: () => ({ ...logScopeFields() }),
    // Errors are serialized here, before masking (log-values.ts): pino's own `err` serializer would run
    // after this formatter, on what is left of the error once masked, and an Error has no JSON of its own.
    serializers: { err: passThrough, error: passThrough },
    formatters: {
      log(object) {
        return loggableValue(object, maskSecrets) as Record<string, unknown>;
      },
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === "string" ? maskSecrets(a) : a)) as Parameters<typeof method>;
        method.apply(this, masked);
      },
    },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) return pino({ ...base, transport: { target: "pino-pretty", options: { colorize: true } } });
  return pino(base);
}
