import { outbox, type Change, type Effect, type EffectPlanner } from "../../app/effects.js";
import type { Incident } from "../../domain/incident.js";
import { noteHeading, pageIncidentKey } from "../../domain/pagerduty.js";
import { severityLabel } from "../../domain/severity.js";
import type { TimelineEntry } from "../../domain/timeline.js";

export const NOTE = "pagerduty.add_note";
export const RESOLVE = "pagerduty.resolve_incident";
export const ASSIGN_COMMANDER = "pagerduty.assign_commander";
export const PAGE = "pagerduty.page_team";

export interface PlannerOptions {
  /** PAGERDUTY_RESOLVE_ON_RESOLVE: resolving in Sitrep resolves the PagerDuty incident. */
  readonly resolveOnResolve: boolean;
  /** Whether a Slack channel will be opened (and so noted on PagerDuty when it is). */
  readonly slackConfigured: boolean;
  /** Without PAGERDUTY_API_TOKEN nothing is written to PagerDuty; pages and the on-call lookup still say why in the timeline. */
  readonly apiConfigured: boolean;
}

const message = (incident: Incident, kind: string, payload: Record<string, unknown>, orderingKey = `pagerduty:${incident.id}`) =>
  outbox({ upstream: "pagerduty", kind, payload, orderingKey, incidentId: incident.id });

/**
 * What PagerDuty is told of a change, for live incidents only (never drills or
 * self-tests). An incident PagerDuty declared gets a note when it is declared
 * (worded without the Slack channel, which does not exist yet) and another
 * naming the channel once Slack has opened it; resolving resolves it on
 * PagerDuty; a page asked for opens a PagerDuty incident on that service. The
 * on-call engineer is looked up on a key of its own, so a slow lookup never
 * holds a note back.
 */
export function pagerdutyPlanner(options: PlannerOptions): EffectPlanner {
  return (change: Change) => {
    const incident = change.after;
    if (incident.mode !== "live") return [];
    const effects = change.entries.flatMap((e) => planEntry(incident, e, options));
    const channelOpened = change.before !== null && change.before.channelId === null && incident.channelId !== null;
    if (incident.pagerdutyIncidentId !== null && channelOpened && options.apiConfigured) {
      effects.push(message(incident, NOTE, { pagerdutyIncidentId: incident.pagerdutyIncidentId, content: channelNote(incident) }));
    }
    return effects;
  };
}

function planEntry(incident: Incident, entry: TimelineEntry, options: PlannerOptions): Effect[] {
  if (entry.kind === "team_paged" && entry.payload.state === "requested") {
    const payload = {
      incidentNumber: incident.number,
      service: entry.payload.service,
      title: `[Sitrep #${incident.number}] ${incident.title}`,
      details:
        `Paged by ${entry.actor} from Sitrep incident #${incident.number} (${severityLabel(incident.severity)}, ${incident.phase}).` +
        (entry.payload.message ? `\n\n${entry.payload.message}` : ""),
      incidentKey: pageIncidentKey(incident.id, entry.id),
    };
    return [message(incident, PAGE, payload, `pagerduty:${incident.id}:page`)];
  }
  const pagerdutyIncidentId = incident.pagerdutyIncidentId;
  if (pagerdutyIncidentId === null) return [];
  if (entry.kind === "incident_declared") {
    const effects = options.apiConfigured
      ? [message(incident, NOTE, { pagerdutyIncidentId, content: declarationNote(incident, options) })]
      : [];
    if (incident.commander === null) {
      effects.push(
        message(incident, ASSIGN_COMMANDER, { pagerdutyIncidentId, incidentNumber: incident.number }, `pagerduty:${incident.id}:commander`),
      );
    }
    return effects;
  }
  if (entry.kind === "phase_changed" && entry.payload.to === "resolved" && options.resolveOnResolve && options.apiConfigured) {
    return [message(incident, RESOLVE, { pagerdutyIncidentId, resolution: entry.payload.text })];
  }
  return [];
}

function declarationNote(incident: Incident, options: PlannerOptions): string {
  const channel = options.slackConfigured ? " Its Slack channel will be noted here once it is open." : "";
  return `${noteHeading(incident)} declared from this alert: "${incident.title}" (${severityLabel(incident.severity)}).${channel}`;
}

function channelNote(incident: Incident): string {
  const link = `https://slack.com/app_redirect?channel=${incident.channelId}`;
  return `${noteHeading(incident)} — Slack channel #${incident.channelName ?? incident.channelId} (${link})`;
}
