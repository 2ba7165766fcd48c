import type { ApiTokenInfo } from "../domain/api-token.js";
import type { Incident, IncidentMode, IncidentSource, StatuspageState } from "../domain/incident.js";
import type { Phase } from "../domain/phase.js";
import type { Role } from "../domain/roles.js";
import type { Severity } from "../domain/severity.js";
import type { Approval, FollowUp, StatusUpdate } from "../domain/status-update.js";
import type { ImportedIncident } from "../domain/incident-import/import-row.js";
import type { ReportIncident } from "../domain/reliability/aggregate.js";
import type { ChecklistItem, DrillScenario, Runbook } from "../domain/runbooks.js";
import type { NewTimelineEntry, TimelineEntry, TimelineKind } from "../domain/timeline.js";

/** Time comes from here, so tests control it without fake timers. */
export interface Clock {
  now(): Date;
}

export type IncidentPatch = Partial<Omit<Incident, "id" | "number" | "declaredAt" | "declaredBy" | "updatedAt">>;

export interface NewIncident {
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly public: boolean;
  readonly private: boolean;
  readonly mode: IncidentMode;
  readonly components: readonly string[];
  readonly declaredBy: string;
  readonly declaredAt: Date;
  readonly commander: string | null;
  readonly pagerdutyIncidentId?: string | null;
  readonly pagerdutyUrl?: string | null;
  readonly pagerdutyServiceId?: string | null;
  readonly source?: IncidentSource | null;
  readonly provider?: string | null;
  readonly nextUpdateDueAt: Date | null;
}

export interface IncidentFilter {
  readonly open?: boolean;
  readonly phase?: Phase;
  readonly modes?: readonly IncidentMode[];
  readonly declaredFrom?: Date;
  readonly declaredTo?: Date;
  /** Only incidents this person may see (private ones only as their responder); applied before the limit. */
  readonly visibleTo?: string;
  readonly limit?: number;
}

export interface IncidentStore {
  /**
   * With the next human number: consecutive, because the counter row it comes from
   * is updated in the transaction (and stays locked until it ends).
   */
  create(fields: NewIncident): Promise<Incident>;
  /** With `lock`, the row is locked until the transaction ends (serialises changes to one incident). */
  findByNumber(number: number, options?: { lock?: boolean }): Promise<Incident | null>;
  findById(id: number, options?: { lock?: boolean }): Promise<Incident | null>;
  findByChannel(channelId: string): Promise<Incident | null>;
  findByPagerdutyId(pagerdutyIncidentId: string): Promise<Incident | null>;
  /** Writes `patch` over `current`, the incident as locked in this transaction, and returns the row as now stored. */
  update(current: Incident, patch: IncidentPatch): Promise<Incident>;
  list(filter: IncidentFilter): Promise<Incident[]>;
  /** Open incidents whose update was due at or before `dueBy` and has not had reminder `lastLevel` yet. */
  overdueUpdates(dueBy: Date, lastLevel: number): Promise<OverdueUpdate[]>;
  /** Only the columns the reliability report reads, declared in [from, to), oldest first: tens of thousands of rows. */
  listForReport(filter: { modes: readonly IncidentMode[]; declaredFrom: Date; declaredTo: Date }): Promise<ReportIncident[]>;
  /** How many such incidents were declared before `declaredFrom` and from `declaredTo` on, and the first and last declaration of all. */
  reportSpan(filter: {
    modes: readonly IncidentMode[];
    declaredFrom: Date;
    declaredTo: Date;
    includePrivate: boolean;
  }): Promise<ReportSpan>;
}

/** An open incident's overdue update, with the highest reminder level sent for its due time (0: none). */
export interface OverdueUpdate {
  readonly incidentId: number;
  readonly dueAt: Date;
  readonly levelSent: number;
}

export interface ReportSpan {
  readonly before: number;
  readonly after: number;
  readonly earliest: Date | null;
  readonly latest: Date | null;
}

export interface RoleAssignmentRecord {
  readonly role: Role;
  readonly userId: string;
  readonly assignedBy: string;
  readonly assignedAt: Date;
  readonly endedAt: Date | null;
}

export interface RoleStore {
  /** A new incident's first holder of a role: there is no assignment to end yet. */
  assignFirst(incidentId: number, role: Role, userId: string, assignedBy: string, at: Date): Promise<void>;
  /** Ends the current holder's assignment and starts the new one. */
  assign(incidentId: number, role: Role, userId: string, assignedBy: string, at: Date): Promise<void>;
  vacate(incidentId: number, role: Role, at: Date): Promise<void>;
  history(incidentId: number): Promise<RoleAssignmentRecord[]>;
}

export interface TimelineStore {
  /** Appends entries; an entry whose dedupe key was already used is skipped and not returned. */
  append(incidentId: number, entries: readonly NewTimelineEntry[], recordedAt: Date): Promise<TimelineEntry[]>;
  list(
    incidentId: number,
    options?: { afterId?: number; limit?: number; newestFirst?: boolean; kinds?: readonly TimelineKind[] },
  ): Promise<TimelineEntry[]>;
}

export interface NewStatusUpdate {
  readonly incidentId: number;
  readonly phase: Phase;
  readonly body: string;
  readonly author: string;
  readonly postedAt: Date;
  readonly approval: Approval;
}

export interface StatusUpdateStore {
  create(update: NewStatusUpdate): Promise<StatusUpdate>;
  find(id: number): Promise<StatusUpdate | null>;
  list(incidentId: number): Promise<StatusUpdate[]>;
  latest(incidentId: number): Promise<StatusUpdate | null>;
  update(id: number, patch: Partial<Pick<StatusUpdate, "approval" | "approvedBy" | "statuspage" | "publishedAt">>): Promise<void>;
}

export interface FollowUpStore {
  create(followUp: Omit<FollowUp, "id" | "doneAt">): Promise<FollowUp>;
  find(id: number): Promise<FollowUp | null>;
  list(incidentId: number): Promise<FollowUp[]>;
  listAll(options: { open?: boolean }): Promise<Array<FollowUp & { incidentNumber: number }>>;
  markDone(id: number, at: Date): Promise<FollowUp | null>;
}

export type Upstream = "slack" | "statuspage" | "pagerduty";

/** A side effect to deliver after commit. Messages with one ordering key go out one at a time, in order. */
export interface NewOutboxMessage {
  readonly upstream: Upstream;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly orderingKey: string;
  readonly incidentId: number | null;
  /** Deliver no earlier than this (defaults to now). */
  readonly notBefore?: Date;
}

/**
 * Lines for the operators in the announce channel (a credential refused, a
 * webhook signature failing), as outbox messages; none when there is nowhere
 * to say it. `key` makes a notice go out once however often it is enqueued.
 */
export interface OperatorNotices {
  notice(text: string, key: string): NewOutboxMessage[];
}

/** One incident's deliveries to one upstream that have not landed yet. */
export interface OutboxBacklog {
  readonly incidentId: number;
  /** Pending messages (0 when the incident is listed only for `deliveredSince`). */
  readonly pending: number;
  readonly oldestPendingAt: Date | null;
}

/** A message an operator put back in the queue, as the use case needs it to keep the status-page state honest. */
export type RetriedMessage = Pick<NewOutboxMessage, "upstream" | "incidentId" | "payload"> & { readonly id: number };

export interface OutboxStore {
  enqueue(messages: readonly NewOutboxMessage[], at: Date): Promise<void>;
  /** Makes failed ("dead") messages pending again, due at `at` (all failed ones when `ids` is null); answers those it changed, by id. */
  retryFailed(ids: readonly number[] | null, at: Date): Promise<RetriedMessage[]>;
  /**
   * Incidents with messages for `upstream` still pending (one incident with
   * `incidentId`; `excludeId` leaves out the message being delivered), and with
   * `deliveredSince` also those that had one delivered since then.
   */
  backlog(upstream: Upstream, options?: { incidentId?: number; excludeId?: number; deliveredSince?: Date }): Promise<OutboxBacklog[]>;
}

export type IdempotencyClaim = { readonly fresh: true } | { readonly fresh: false; readonly result: unknown };

export interface IdempotencyStore {
  /**
   * Claims a key inside the transaction, with the answer to replay when it is already known;
   * a concurrent claim of the same key waits for this one to end.
   */
  claim(key: string, useCase: string, at: Date, result?: unknown): Promise<IdempotencyClaim>;
  remember(key: string, result: unknown): Promise<void>;
}

export interface ChecklistStore {
  tick(incidentId: number, item: string, checked: boolean, by: string, at: Date): Promise<void>;
  list(incidentId: number): Promise<Array<{ item: string; checked: boolean; by: string; at: Date }>>;
}

/** Past incidents loaded in bulk (sitrep import): a few statements per thousand rows. */
export interface ImportStore {
  /** Reserves `count` consecutive incident numbers; returns the first. */
  reserveNumbers(count: number): Promise<number>;
  /** Of these import keys, the ones already imported. */
  existingKeys(keys: readonly string[]): Promise<Set<string>>;
  /** Inserts resolved incidents with mode "imported"; a key imported meanwhile is skipped. */
  insert(
    incidents: ReadonlyArray<ImportedIncident & { number: number }>,
    importedBy: string,
    at: Date,
  ): Promise<Array<{ id: number; number: number; key: string }>>;
  /** One timeline entry per incident, in one statement per batch. */
  appendEntries(items: ReadonlyArray<{ incidentId: number; entry: NewTimelineEntry }>, recordedAt: Date): Promise<void>;
}

/** Everything a use case may touch, bound to one transaction. */
export interface Tx {
  readonly incidents: IncidentStore;
  readonly roles: RoleStore;
  readonly timeline: TimelineStore;
  readonly updates: StatusUpdateStore;
  readonly followUps: FollowUpStore;
  readonly checklist: ChecklistStore;
  readonly outbox: OutboxStore;
  readonly idempotency: IdempotencyStore;
  readonly timers: TimerStore;
  readonly imports: ImportStore;
  readonly tokens: ApiTokenStore;
}

export interface Database {
  /** One transaction; everything written inside commits together or not at all. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** The same stores outside a transaction, for reads. */
  readonly read: Tx;
}

export type StatuspageStateValue = StatuspageState;

/**
 * A durable timer (pg-boss job) scheduled inside the transaction, so it exists only if the change commits.
 * A later change does not replace an earlier timer: each one checks, when it fires, that what it was set
 * for still holds (see plan-timers.ts), so a superseded timer does nothing.
 */
export interface NewTimer {
  readonly name: string;
  readonly data: Record<string, unknown>;
  readonly at: Date;
}

export interface TimerStore {
  /** Every timer of one change, together. */
  schedule(timers: readonly NewTimer[]): Promise<void>;
}

/** Finds the Slack user behind an email address (Slack's `users.lookupByEmail`); null when there is none. */
export interface SlackDirectory {
  lookupByEmail(email: string): Promise<string | null>;
}

/** A PagerDuty webhook event as it is kept before (and after) it is processed. */
export interface InboundPagerdutyEvent {
  readonly id: string;
  readonly webhookId: string | null;
  readonly eventType: string;
  readonly pagerdutyIncidentId: string | null;
  readonly occurredAt: Date;
  readonly payload: unknown;
  /** "pending" to be processed; "ignored" when there is nothing to do with it. */
  readonly status: "pending" | "ignored";
  readonly note: string | null;
}

/** Where webhook events wait for the worker. Storing an event id twice keeps the first (PagerDuty retries). */
export interface PagerdutyInbox {
  store(event: InboundPagerdutyEvent, receivedAt: Date): Promise<"stored" | "duplicate">;
}

/** Where people are: a Slack user's IANA time zone (from `users.info`), or null when unknown or not a person (a bot, a deleted user). */
export interface TimeZones {
  of(userId: string): Promise<string | null>;
}

/** People's names as Slack shows them (display name, else real name), or null when unknown; text outside Slack shows these, not ids. */
export interface PeopleNames {
  nameOf(userId: string): Promise<string | null>;
}

/** Who is in an incident's Slack channel (people and bots alike), or [] when that cannot be read. */
export interface ChannelMembers {
  of(channelId: string): Promise<string[]>;
}

/** The team's runbooks and incident checklist (files under runbooks/). */
export interface Library {
  readonly runbooks: readonly Runbook[];
  readonly checklist: readonly ChecklistItem[];
  readonly drills: readonly DrillScenario[];
}

/** API tokens beyond API_TOKEN, kept as SHA-256 hashes. */
export interface ApiTokenStore {
  create(token: ApiTokenInfo & { hash: string }): Promise<boolean>;
  findByHash(hash: string): Promise<ApiTokenInfo | null>;
  list(): Promise<ApiTokenInfo[]>;
  revoke(name: string): Promise<boolean>;
}
