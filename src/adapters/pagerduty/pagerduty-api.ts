import { z } from "zod";
import { PagerdutyApiError, type PagerdutyRestClient } from "./rest-client.js";

const reference = z.object({ id: z.string(), summary: z.string().nullish() });
const incident = z.object({
  id: z.string(),
  incident_number: z.number().nullish(),
  html_url: z.string().nullish(),
  status: z.string().nullish(),
  assignments: z.array(z.object({ assignee: reference })).nullish(),
});
const incidentAnswer = z.object({ incident });
const incidentsAnswer = z.object({ incidents: z.array(incident) });
const userAnswer = z.object({ user: z.object({ id: z.string(), name: z.string().nullish(), email: z.string().nullish() }) });
const usersPage = z.object({ users: z.array(z.object({ id: z.string(), name: z.string().nullish(), email: z.string().nullish() })) });
const notesAnswer = z.object({ notes: z.array(z.object({ content: z.string().nullish() })) });
const servicesPage = z.object({ services: z.array(z.object({ id: z.string(), name: z.string() })), more: z.boolean().nullish() });

export interface PagerdutyIncident {
  readonly id: string;
  readonly number: number | null;
  readonly url: string | null;
  readonly status: string | null;
  /** The first assignee: on a fresh incident, the on-call engineer of the first escalation level. */
  readonly assignee: { readonly id: string; readonly name: string } | null;
}

export interface NewPagerdutyIncident {
  readonly title: string;
  readonly serviceId: string;
  readonly incidentKey: string;
  readonly details: string;
}

/** "Incident Already Resolved" (code 1001): resolving twice is resolved. */
const ALREADY_RESOLVED = 1001;
const MAX_SERVICE_PAGES = 10;

function toIncident(data: z.infer<typeof incident>): PagerdutyIncident {
  const first = data.assignments?.[0]?.assignee;
  return {
    id: data.id,
    number: data.incident_number ?? null,
    url: data.html_url ?? null,
    status: data.status ?? null,
    assignee: first ? { id: first.id, name: first.summary ?? first.id } : null,
  };
}

/** The few PagerDuty operations Sitrep makes, with their answers checked. */
export class PagerdutyApi {
  constructor(private readonly rest: PagerdutyRestClient) {}

  async getIncident(id: string): Promise<PagerdutyIncident> {
    const data = await this.rest.request({ method: "GET", path: `/incidents/${encodeURIComponent(id)}` });
    return toIncident(incidentAnswer.parse(data).incident);
  }

  async getUser(id: string): Promise<{ name: string; email: string | null }> {
    const { user } = userAnswer.parse(await this.rest.request({ method: "GET", path: `/users/${encodeURIComponent(id)}` }));
    return { name: user.name ?? id, email: user.email ?? null };
  }

  /** Users whose name or email matches `query` (first page): a read-only call that proves the token. */
  async findUsers(query: string): Promise<Array<{ id: string; name: string; email: string | null }>> {
    const data = await this.rest.request({ method: "GET", path: "/users", query: { query, limit: "25" } });
    return usersPage.parse(data).users.map((u) => ({ id: u.id, name: u.name ?? u.id, email: u.email ?? null }));
  }

  async addNote(incidentId: string, content: string): Promise<void> {
    await this.rest.request({ method: "POST", path: `/incidents/${encodeURIComponent(incidentId)}/notes`, data: { note: { content } } });
  }

  async noteContents(incidentId: string): Promise<string[]> {
    const data = await this.rest.request({ method: "GET", path: `/incidents/${encodeURIComponent(incidentId)}/notes` });
    return notesAnswer.parse(data).notes.map((n) => n.content ?? "");
  }

  async resolve(incidentId: string, resolution: string): Promise<"resolved" | "already_resolved"> {
    const body = { type: "incident_reference", status: "resolved", ...(resolution ? { resolution } : {}) };
    try {
      await this.rest.request({ method: "PUT", path: `/incidents/${encodeURIComponent(incidentId)}`, data: { incident: body } });
      return "resolved";
    } catch (error) {
      if (error instanceof PagerdutyApiError && error.code === ALREADY_RESOLVED) return "already_resolved";
      throw error;
    }
  }

  async findIncidentByKey(incidentKey: string): Promise<PagerdutyIncident | null> {
    const data = await this.rest.request({ method: "GET", path: "/incidents", query: { incident_key: incidentKey } });
    const found = incidentsAnswer.parse(data).incidents[0];
    return found ? toIncident(found) : null;
  }

  async createIncident(input: NewPagerdutyIncident): Promise<PagerdutyIncident> {
    const data = await this.rest.request({
      method: "POST",
      path: "/incidents",
      data: {
        incident: {
          type: "incident",
          title: input.title,
          service: { id: input.serviceId, type: "service_reference" },
          urgency: "high",
          incident_key: input.incidentKey,
          body: { type: "incident_body", details: input.details },
        },
      },
    });
    return toIncident(incidentAnswer.parse(data).incident);
  }

  /** Services whose name contains `query`, every page of them (PagerDuty pages by limit and offset). */
  async findServices(query: string): Promise<Array<{ id: string; name: string }>> {
    const found: Array<{ id: string; name: string }> = [];
    for (let page = 0; page < MAX_SERVICE_PAGES; page++) {
      const data = await this.rest.request({
        method: "GET",
        path: "/services",
        query: { query, limit: "100", offset: String(page * 100) },
      });
      const parsed = servicesPage.parse(data);
      found.push(...parsed.services);
      if (!parsed.more) break;
    }
    return found;
  }
}
