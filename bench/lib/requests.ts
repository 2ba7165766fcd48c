import { slackSignature } from "../../test/support/slack-driver.js";

/** What one request carries on top of the load's URL, method and headers. */
export interface Request {
  readonly body: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
}

/**
 * How a load makes its requests, as plain data: the load runs in a process of
 * its own (see load.ts), where no closure can follow. In a template, `{i}` is
 * the request's number in the load (0, 1, …).
 */
export type Recipe =
  /** Form bodies made by a SlackDriver, each signed when it is sent: Slack's signature covers the moment of sending. */
  | { readonly name: "slack-signed"; readonly secret: string; readonly bodies: readonly string[] }
  /** PagerDuty deliveries (body and its x-pagerduty-signature, made beforehand), each with its own webhook id. */
  | { readonly name: "pagerduty-webhook"; readonly events: readonly { readonly body: string; readonly signature: string }[] }
  /** HTTP API declare: `{ title, severity: 2 }`. */
  | { readonly name: "api-declare"; readonly title: string }
  /** HTTP API status update `{ text }`, round-robin over incidents first … first + count - 1 when given. */
  | { readonly name: "api-status-update"; readonly text: string; readonly incidents?: { readonly first: number; readonly count: number } }
  /** The same body every time (a hostile one, say). */
  | { readonly name: "fixed"; readonly body: string };

const numbered = (template: string, i: number) => template.replaceAll("{i}", String(i));

/** The request numbered `i` of a load made by `recipe`. */
export function requestMaker(recipe: Recipe): (i: number) => Request {
  switch (recipe.name) {
    case "slack-signed":
      return (i) => {
        const body = recipe.bodies[i]!;
        const timestamp = Math.floor(Date.now() / 1000);
        return {
          body,
          headers: { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": slackSignature(recipe.secret, timestamp, body) },
        };
      };
    case "pagerduty-webhook":
      return (i) => ({
        body: recipe.events[i]!.body,
        headers: { "x-pagerduty-signature": recipe.events[i]!.signature, "x-webhook-id": `wh-${i}` },
      });
    case "api-declare":
      return (i) => ({ body: JSON.stringify({ title: numbered(recipe.title, i), severity: 2 }) });
    case "api-status-update": {
      const { incidents } = recipe;
      return (i) => ({
        body: JSON.stringify({ text: numbered(recipe.text, i) }),
        ...(incidents ? { path: `/api/v1/incidents/${incidents.first + (i % incidents.count)}/updates` } : {}),
      });
    }
    case "fixed":
      return () => ({ body: recipe.body });
  }
}
