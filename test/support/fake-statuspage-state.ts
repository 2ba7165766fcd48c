import { randomBytes } from "node:crypto";

/** What the fake keeps, shaped like Statuspage's own objects (CONTRACTS.md §3). */
export interface FakeComponent {
  id: string;
  page_id: string;
  group_id: string | null;
  name: string;
  description: string | null;
  status: string;
  position: number;
  showcase: boolean;
  only_show_if_degraded: boolean;
  group: boolean;
  created_at: string;
  updated_at: string;
  start_date: string;
}

export interface FakeIncidentUpdate {
  id: string;
  incident_id: string;
  status: string;
  body: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: Array<{ code: string; name: string; old_status: string; new_status: string }>;
  deliver_notifications: boolean;
  custom_tweet: null;
  tweet_id: null;
  twitter_updated_at: null;
  wants_twitter_update: false;
}

export interface FakeIncident {
  id: string;
  page_id: string;
  name: string;
  status: string;
  impact: string;
  impact_override: string | null;
  created_at: string;
  updated_at: string;
  started_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  shortlink: string;
  metadata: Record<string, Record<string, unknown>>;
  /** Newest first, as Statuspage answers. */
  incident_updates: FakeIncidentUpdate[];
  components: FakeComponent[];
}

export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"];
export const COMPONENT_STATUSES = ["operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage", ""];
const IMPACTS = ["none", "maintenance", "minor", "major", "critical"];

/** An error the way Statuspage answers it: a status and `{"error": "…"}`. */
export class FakeError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const newId = () => randomBytes(6).toString("hex");
const nowIso = () => new Date().toISOString();

export function makeComponent(pageId: string, name: string, position: number): FakeComponent {
  const at = nowIso();
  return {
    id: newId(),
    page_id: pageId,
    group_id: null,
    name,
    description: null,
    status: "operational",
    position,
    showcase: true,
    only_show_if_degraded: false,
    group: false,
    created_at: at,
    updated_at: at,
    start_date: at.slice(0, 10),
  };
}

type IncidentInput = Record<string, unknown>;

/** The page: components and incidents, changed the way the real API changes them. */
export class FakePage {
  readonly components = new Map<string, FakeComponent>();
  readonly incidents = new Map<string, FakeIncident>();

  constructor(readonly pageId: string) {}

  createIncident(input: IncidentInput): FakeIncident {
    if (typeof input.name !== "string" || input.name.trim() === "") throw new FakeError(422, "Name can't be blank");
    if (input.name.length > 255) throw new FakeError(422, "Name is too long (maximum is 255 characters)");
    const status = this.checkedStatus(input.status ?? "investigating");
    const at = nowIso();
    const incident: FakeIncident = {
      id: newId(),
      page_id: this.pageId,
      name: input.name,
      status,
      impact: "none",
      impact_override: null,
      created_at: at,
      updated_at: at,
      started_at: at,
      monitoring_at: null,
      resolved_at: null,
      shortlink: `http://stspg.io/${newId()}`,
      metadata: this.checkedMetadata(input.metadata),
      incident_updates: [],
      components: [],
    };
    this.apply(incident, { ...input, status }, true);
    this.incidents.set(incident.id, incident);
    return incident;
  }

  updateIncident(id: string, input: IncidentInput): FakeIncident {
    const incident = this.incidents.get(id);
    if (!incident) throw new FakeError(404, "Incident not found");
    if (input.name !== undefined) {
      if (typeof input.name !== "string" || input.name.trim() === "") throw new FakeError(422, "Name can't be blank");
      incident.name = input.name;
    }
    if (input.metadata !== undefined) incident.metadata = this.checkedMetadata(input.metadata);
    this.apply(incident, input, false);
    return incident;
  }

  /** Status, body, components, impact: a new status or body appends an incident update (newest first). */
  private apply(incident: FakeIncident, input: IncidentInput, creating: boolean): void {
    const at = nowIso();
    const status = input.status !== undefined ? this.checkedStatus(input.status) : incident.status;
    if (typeof input.body === "string" && input.body.length > 25_000) throw new FakeError(422, "Body is too long");
    if (input.impact_override !== undefined) {
      if (!IMPACTS.includes(String(input.impact_override))) throw new FakeError(422, "Impact override is not included in the list");
      incident.impact_override = String(input.impact_override);
      incident.impact = incident.impact_override;
    }
    const affected = this.applyComponents(incident, input);
    if (creating || input.status !== undefined || input.body !== undefined) {
      incident.incident_updates.unshift({
        id: newId(),
        incident_id: incident.id,
        status,
        body: typeof input.body === "string" ? input.body : "",
        created_at: at,
        updated_at: at,
        display_at: at,
        affected_components: affected,
        deliver_notifications: input.deliver_notifications !== false,
        custom_tweet: null,
        tweet_id: null,
        twitter_updated_at: null,
        wants_twitter_update: false,
      });
    }
    if (status === "monitoring" && incident.monitoring_at === null) incident.monitoring_at = at;
    incident.resolved_at = status === "resolved" ? (incident.resolved_at ?? at) : null;
    incident.status = status;
    incident.updated_at = at;
  }

  private applyComponents(incident: FakeIncident, input: IncidentInput): FakeIncidentUpdate["affected_components"] {
    const statuses = (input.components ?? {}) as Record<string, unknown>;
    if (typeof statuses !== "object" || statuses === null || Array.isArray(statuses)) throw new FakeError(422, "Components is invalid");
    const ids = new Set([...((input.component_ids as string[] | undefined) ?? []), ...Object.keys(statuses)]);
    const affected: FakeIncidentUpdate["affected_components"] = [];
    for (const id of ids) {
      const component = this.components.get(id);
      if (!component) throw new FakeError(422, `Component ${id} could not be found`);
      if (!incident.components.some((c) => c.id === id)) incident.components.push(component);
      const next = statuses[id];
      if (next === undefined) continue;
      if (!COMPONENT_STATUSES.includes(String(next))) throw new FakeError(422, "Component status is not included in the list");
      affected.push({ code: id, name: component.name, old_status: component.status, new_status: String(next) });
      component.status = String(next);
      component.updated_at = nowIso();
    }
    return affected;
  }

  private checkedStatus(value: unknown): string {
    if (!INCIDENT_STATUSES.includes(String(value))) throw new FakeError(422, "Status is not included in the list");
    return String(value);
  }

  private checkedMetadata(value: unknown): Record<string, Record<string, unknown>> {
    if (value === undefined || value === null) return {};
    const valid =
      typeof value === "object" &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => typeof v === "object" && v !== null && !Array.isArray(v));
    if (!valid) throw new FakeError(422, "Metadata: all top-level values in the object must also be objects");
    return value as Record<string, Record<string, unknown>>;
  }
}
