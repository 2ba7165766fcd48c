import type { Incident } from "./incident.js";

/** The built-in status page's practice view: the only place a published drill appears. */
export const DRILL_STATUS_PAGE_PATH = "/status?view=drill";

/**
 * What `publish` did, said the same way in Slack and the CLI. A drill is
 * published like a real incident (that is the practice), but only to the
 * practice view of the built-in status page: never to the real page, never to
 * Atlassian Statuspage.
 */
export function publishedAnswer(incident: Pick<Incident, "number" | "mode">): string {
  if (incident.mode === "drill") {
    return (
      `Drill #${incident.number} is on the practice status page, ${DRILL_STATUS_PAGE_PATH}. ` +
      "Drills never reach the real status page or Statuspage."
    );
  }
  return `#${incident.number} is now customer-facing; it goes on the status page.`;
}
