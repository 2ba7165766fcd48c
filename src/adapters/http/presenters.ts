import { describeEntry } from "../../domain/describe-entry.js";
import type { Incident } from "../../domain/incident.js";
import type { FollowUp, StatusUpdate } from "../../domain/status-update.js";
import type { TimelineEntry } from "../../domain/timeline.js";

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** The incident as the API shows it (design.md lists the fields clients rely on). */
export function presentIncident(incident: Incident) {
  return {
    number: incident.number,
    title: incident.title,
    description: incident.description,
    severity: incident.severity,
    phase: incident.phase,
    public: incident.public,
    private: incident.private,
    mode: incident.mode,
    commander: incident.commander,
    communications: incident.communications,
    declaredBy: incident.declaredBy,
    components: incident.components,
    source: incident.source,
    provider: incident.provider,
    causes: incident.causes,
    channelId: incident.channelId,
    channelName: incident.channelName,
    statuspageIncidentId: incident.statuspageIncidentId,
    statuspageState: incident.statuspageState,
    pagerdutyIncidentId: incident.pagerdutyIncidentId,
    pagerdutyUrl: incident.pagerdutyUrl,
    declaredAt: incident.declaredAt.toISOString(),
    identifiedAt: iso(incident.identifiedAt),
    monitoringAt: iso(incident.monitoringAt),
    resolvedAt: iso(incident.resolvedAt),
    impactStartedAt: iso(incident.impactStartedAt),
    impactEndedAt: iso(incident.impactEndedAt),
    lastUpdateAt: iso(incident.lastUpdateAt),
    nextUpdateDueAt: iso(incident.nextUpdateDueAt),
  };
}

export function presentEntry(entry: TimelineEntry) {
  return {
    id: entry.id,
    kind: entry.kind,
    actor: entry.actor,
    via: entry.via,
    occurredAt: entry.occurredAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    summary: describeEntry(entry),
    payload: entry.payload,
  };
}

export function presentUpdate(update: StatusUpdate) {
  return {
    id: update.id,
    phase: update.phase,
    body: update.body,
    author: update.author,
    postedAt: update.postedAt.toISOString(),
    approval: update.approval,
    statuspage: update.statuspage,
  };
}

export function presentFollowUp(followUp: FollowUp & { incidentNumber?: number }) {
  return {
    id: followUp.id,
    ...(followUp.incidentNumber !== undefined ? { incident: followUp.incidentNumber } : {}),
    text: followUp.text,
    owner: followUp.owner,
    createdBy: followUp.createdBy,
    createdAt: followUp.createdAt.toISOString(),
    done: followUp.doneAt !== null,
    doneAt: iso(followUp.doneAt),
  };
}
