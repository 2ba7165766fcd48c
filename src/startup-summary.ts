import type { Config } from "./config.js";
import type { DatabaseDescription } from "./db/database-server.js";

/** What the startup line says is configured and what is not, in words (never a secret). */
export interface StartupSummary {
  readonly slack: string;
  readonly statuspage: string;
  readonly pagerduty: string;
  readonly database: string;
}

export function startupSummary(config: Config, database: DatabaseDescription): StartupSummary {
  const pagerduty = [config.PAGERDUTY_API_TOKEN ? "REST API" : null, config.PAGERDUTY_WEBHOOK_SECRET ? "webhooks" : null].filter(Boolean);
  return {
    slack: !config.SLACK_BOT_TOKEN ? "not configured" : config.SLACK_APP_TOKEN ? "Socket Mode" : "HTTP (/slack/events)",
    statuspage: config.STATUSPAGE_API_KEY
      ? `Atlassian Statuspage page ${config.STATUSPAGE_PAGE_ID}`
      : "not configured (the built-in /status page only)",
    pagerduty: pagerduty.length > 0 ? pagerduty.join(" and ") : "not configured",
    database:
      database.mode === "embedded"
        ? `embedded PostgreSQL in ${database.dataDir}`
        : `external PostgreSQL at ${database.host}, database ${database.database}`,
  };
}
