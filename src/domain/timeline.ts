import type { Actor, Via } from "./actor.js";
import type { IncidentMode, IncidentSource } from "./incident.js";
import type { Phase } from "./phase.js";
import type { Role } from "./roles.js";
import type { Severity } from "./severity.js";
import type { Approval } from "./status-update.js";

/** A Slack message captured into the timeline (shortcut or :pushpin:). */
export interface CapturedMessage {
  readonly channel: string;
  readonly ts: string;
  readonly author: string;
  readonly text: string;
  readonly permalink: string | null;
}

/** Every kind of timeline entry and the payload it carries. */
export interface TimelinePayloads {
  incident_declared: {
    title: string;
    severity: Severity;
    description: string;
    public: boolean;
    private: boolean;
    components: string[];
    mode: IncidentMode;
  };
  role_assigned: { role: Role; user: string; previous: string | null };
  role_handed_off: { role: "commander"; from: string | null; to: string; notes: string };
  status_update_posted: { updateId: number; phase: Phase; body: string; public: boolean; approval: string };
  /** `body` is what goes to the status page (absent only on entries written before it was recorded). */
  status_update_approved: { updateId: number; body?: string };
  /** `approval` is that of the status update the text became, when there is one. */
  phase_changed: { from: Phase; to: Phase; text: string; forced: boolean; updateId: number | null; approval?: Approval };
  severity_changed: { from: Severity; to: Severity };
  note_added: { text: string };
  message_pinned: { message: CapturedMessage };
  /**
   * `latestUpdate`: the status update the status page opens with (none when published at declaration).
   * `awaitsApproval`: published by someone whose words need the commander's approval, so the page opens with the standard wording.
   */
  incident_published: { components: string[]; latestUpdate?: { id: number; body: string } | null; awaitsApproval?: boolean };
  follow_up_added: { followUpId: number; text: string; owner: string | null };
  follow_up_done: { followUpId: number; text: string };
  source_set: { source: IncidentSource; provider: string | null; causes: string[] };
  impact_set: { start: string | null; end: string | null };
  checklist_ticked: { item: string; label: string; checked: boolean };
  checklist_open_at_resolution: { open: Array<{ item: string; label: string }> };
  reminder_sent: { dueAt: string; level: number; mentions: string[] };
  monitoring_window_completed: { since: string };
  break_suggested: { commander: string; since: string; suggestions: string[] };
  /** What the channel is told about the status page: a push waiting too long (since), landed again, or failed. */
  statuspage_delivery: { state: "pending" | "published" | "failed" | "recovered"; detail: string; since?: string };
  /** A circuit breaker opened or closed while this incident had deliveries waiting on that upstream. */
  breaker_changed: { upstream: string; state: "open" | "closed"; manual: boolean; waiting: number; misconfigured?: boolean };
  pagerduty_event: { eventType: string; summary: string; agent: string | null; pagerdutyIncidentId: string };
  /** `pagerdutyUser` is the assignee's name ("" when nobody is assigned); `reason` says why no Slack user was found. */
  pagerduty_assignee_unmatched: { email: string | null; pagerdutyUser: string; reason: string };
  /** A page asked for ("requested"), then what PagerDuty made of it ("paged" or "failed"); drills page nobody. */
  team_paged: {
    service: string;
    state: "requested" | "paged" | "failed" | "drill";
    pagerdutyIncidentId: string | null;
    url: string | null;
    detail: string;
    /** What the pager asked the team, when they said (`/incident page <service> <message>`). */
    message?: string;
  };
  runbook_suggested: { runbooks: string[] };
  incident_imported: { importKey: string; file: string | null };
  drill_started: { scenario: string; brief: string };
}

export type TimelineKind = keyof TimelinePayloads;

export type TimelineEntry = {
  [K in TimelineKind]: {
    readonly id: number;
    readonly incidentId: number;
    readonly kind: K;
    readonly actor: string;
    readonly via: Via;
    readonly occurredAt: Date;
    readonly recordedAt: Date;
    readonly payload: TimelinePayloads[K];
  };
}[TimelineKind];

/** An entry not yet written: the store assigns id, incidentId and recordedAt. */
export type NewTimelineEntry = {
  [K in TimelineKind]: {
    readonly kind: K;
    readonly actor: string;
    readonly via: Via;
    readonly occurredAt: Date;
    readonly payload: TimelinePayloads[K];
    /** Makes a repeated delivery of the same fact a no-op. */
    readonly dedupeKey?: string;
  };
}[TimelineKind];

/** Who did it, from where and when (and, for what may arrive twice, the key that records it once). */
export interface EntryStamp {
  readonly actor: string;
  readonly via: Via;
  readonly occurredAt: Date;
  readonly dedupeKey?: string;
}

/** The stamp every timeline entry carries, from the actor who acted. */
export function stamp(actor: Pick<Actor, "id" | "via">, occurredAt: Date, dedupeKey?: string): EntryStamp {
  return { actor: actor.id, via: actor.via, occurredAt, ...(dedupeKey === undefined ? {} : { dedupeKey }) };
}

export function entry<K extends TimelineKind>(kind: K, fields: EntryStamp, payload: TimelinePayloads[K]): NewTimelineEntry {
  return { kind, ...fields, payload } as NewTimelineEntry;
}
