import type { ServerResponse } from "node:http";
import { sendJson, startFakeServer, type RecordedCall } from "./fake-http.js";

export interface FakeUser {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
}
export interface FakeService {
  readonly id: string;
  readonly name: string;
}
export interface FakeIncident {
  id: string;
  number: number;
  title: string;
  status: "triggered" | "acknowledged" | "resolved";
  serviceId: string;
  assigneeIds: string[];
  incidentKey: string | null;
  urgency: string;
  notes: string[];
  resolution: string | null;
}

export interface FakePagerduty {
  /** Give as PAGERDUTY_API_URL. */
  readonly url: string;
  readonly token: string;
  readonly calls: RecordedCall[];
  readonly users: Map<string, FakeUser>;
  readonly services: Map<string, FakeService>;
  readonly incidents: Map<string, FakeIncident>;
  addIncident(fields: Partial<FakeIncident> & { id: string; serviceId: string }): FakeIncident;
  /** The next `count` requests answer 429 with `ratelimit-*` headers (reset in `resetSeconds`). */
  rateLimitNext(count: number, resetSeconds?: number): void;
  /** The next `count` requests answer `status` (500 by default). */
  failNext(count: number, status?: number): void;
  /** Calls other than GETs, e.g. to count notes and resolves. */
  writes(): RecordedCall[];
  close(): Promise<void>;
}

type Reply = (status: number, body: unknown) => void;

/**
 * A fake PagerDuty REST API v2 on loopback, after CONTRACTS §2.2 and §4: it
 * checks `Authorization: Token token=…` and the `From` header on writes (with
 * PagerDuty's error answers), answers errors as `{error:{message,code,errors}}`,
 * 429 with `ratelimit-*` headers, paginates with limit/offset/more/total, keeps
 * users, services, incidents and notes, and records every call.
 */
export async function startFakePagerduty(token = "fake-pagerduty-token"): Promise<FakePagerduty> {
  const users = new Map<string, FakeUser>();
  const services = new Map<string, FakeService>();
  const incidents = new Map<string, FakeIncident>();
  const faults = { limited: 0, reset: 1, failing: 0, failStatus: 500 };
  let nextNumber = 1000;
  const addIncident: FakePagerduty["addIncident"] = (fields) => {
    const incident: FakeIncident = {
      number: ++nextNumber,
      title: "Something is wrong",
      status: "triggered",
      assigneeIds: [],
      incidentKey: null,
      urgency: "high",
      notes: [],
      resolution: null,
      ...fields,
    };
    incidents.set(incident.id, incident);
    return incident;
  };
  const state = { users, services, incidents, addIncident, newId: () => `Q${String(++nextNumber).padStart(6, "0")}` };

  const server = await startFakeServer((call, res) => {
    const headers = { "ratelimit-limit": "960", "ratelimit-remaining": "900", "ratelimit-reset": String(faults.reset) };
    const reply: Reply = (status, body) => sendJson(res, status, body, headers);
    if (faults.limited > 0) {
      faults.limited--;
      return sendJson(res, 429, pdError("Rate Limit Exceeded", 2020), { ...headers, "ratelimit-remaining": "0" });
    }
    if (faults.failing > 0) {
      faults.failing--;
      return sendJson(res, faults.failStatus, pdError("Internal Server Error", 2000), headers);
    }
    if (call.headers.authorization !== `Token token=${token}`) return reply(401, pdError("Authentication failed", 2006));
    if (call.method !== "GET") {
      const problem = fromProblem(call, users);
      if (problem) return reply(400, problem);
    }
    route(call, reply, res, state);
  });

  return {
    url: server.url,
    token,
    calls: server.calls,
    users,
    services,
    incidents,
    addIncident,
    rateLimitNext(count, resetSeconds = 1) {
      faults.limited = count;
      faults.reset = resetSeconds;
    },
    failNext(count, status = 500) {
      faults.failing = count;
      faults.failStatus = status;
    },
    writes: () => server.calls.filter((c) => c.method !== "GET"),
    close: server.close,
  };
}

export function pdError(message: string, code: number, errors: string[] = []) {
  return { error: { message, code, errors } };
}

/** The answers PagerDuty gives to a missing, malformed or unknown `From` (pdpyras#78, go-pagerduty#336). */
function fromProblem(call: RecordedCall, users: Map<string, FakeUser>) {
  const from = call.headers.from;
  if (typeof from !== "string" || from === "") {
    return pdError('You must specify a user\'s email address in the "From" header to perform this action', 2001);
  }
  if (!/^[^@\s]+@[^@\s]+$/.test(from)) return pdError('Malformed "From" header', 1028);
  if (![...users.values()].some((u) => u.email === from)) return pdError("Requester User Not Found", 1008);
  return null;
}

interface State {
  users: Map<string, FakeUser>;
  services: Map<string, FakeService>;
  incidents: Map<string, FakeIncident>;
  addIncident: FakePagerduty["addIncident"];
  newId(): string;
}

function route(call: RecordedCall, reply: Reply, _res: ServerResponse, state: State): void {
  const parts = call.path.split("/").filter(Boolean);
  const [resource, id, sub] = parts;
  const incident = id ? state.incidents.get(id) : undefined;
  const notFound = () => reply(404, pdError("Not Found", 2100));
  if (resource === "incidents" && !id && call.method === "GET") {
    const key = call.query.get("incident_key");
    const all = [...state.incidents.values()].filter((i) => key === null || i.incidentKey === key);
    return reply(
      200,
      paginate(
        call,
        "incidents",
        all.map((i) => presentIncident(i, state)),
      ),
    );
  }
  if (resource === "incidents" && !id && call.method === "POST") return createIncident(call, reply, state);
  if (resource === "incidents" && id && !sub) {
    if (!incident) return notFound();
    if (call.method === "GET") return reply(200, { incident: presentIncident(incident, state) });
    if (call.method === "PUT") return updateIncident(call, reply, incident, state);
  }
  if (resource === "incidents" && sub === "notes") {
    if (!incident) return notFound();
    if (call.method === "GET") return reply(200, { notes: incident.notes.map((content, n) => note(incident, content, n)) });
    const content = (JSON.parse(call.body || "{}") as { note?: { content?: string } }).note?.content;
    if (!content) return reply(400, pdError("Invalid Input Provided", 2001, ["Note content is required."]));
    incident.notes.push(content);
    return reply(201, { note: note(incident, content, incident.notes.length - 1) });
  }
  if (resource === "users" && id && call.method === "GET") {
    const user = state.users.get(id);
    return user ? reply(200, { user: presentUser(user) }) : notFound();
  }
  if (resource === "users" && !id) {
    // PagerDuty's `query` matches users by name or email address.
    const query = (call.query.get("query") ?? "").toLowerCase();
    const found = [...state.users.values()].filter((u) => `${u.name} ${u.email ?? ""}`.toLowerCase().includes(query));
    return reply(200, paginate(call, "users", found.map(presentUser)));
  }
  if (resource === "services" && !id && call.method === "GET") {
    const query = (call.query.get("query") ?? "").toLowerCase();
    const found = [...state.services.values()].filter((s) => s.name.toLowerCase().includes(query));
    return reply(
      200,
      paginate(
        call,
        "services",
        found.map((s) => ({ ...reference(s.id, s.name, "service"), name: s.name })),
      ),
    );
  }
  notFound();
}

function createIncident(call: RecordedCall, reply: Reply, state: State): void {
  const body = (JSON.parse(call.body || "{}") as { incident?: Record<string, unknown> }).incident;
  const service = state.services.get(((body?.service as { id?: string }) ?? {}).id ?? "");
  if (!body || typeof body.title !== "string" || !service)
    return reply(400, pdError("Invalid Input Provided", 2001, ["Service not found"]));
  const key = typeof body.incident_key === "string" ? body.incident_key : null;
  const open = [...state.incidents.values()].find(
    (i) => key !== null && i.incidentKey === key && i.serviceId === service.id && i.status !== "resolved",
  );
  if (open)
    return reply(400, pdError("Invalid Input Provided", 2001, ["Open incident with matching dedup key already exists on this service"]));
  const created = state.addIncident({
    id: state.newId(),
    title: body.title,
    serviceId: service.id,
    incidentKey: key,
    urgency: String(body.urgency ?? "high"),
  });
  reply(201, { incident: presentIncident(created, state) });
}

function updateIncident(call: RecordedCall, reply: Reply, incident: FakeIncident, state: State): void {
  const body = (JSON.parse(call.body || "{}") as { incident?: { status?: string; resolution?: string } }).incident ?? {};
  if (body.status === "resolved") {
    if (incident.status === "resolved") return reply(400, pdError("Incident Already Resolved", 1001));
    incident.status = "resolved";
    incident.resolution = body.resolution ?? null;
  } else if (body.status === "acknowledged" || body.status === "triggered") {
    incident.status = body.status;
  } else if (body.status !== undefined) {
    return reply(400, pdError("Invalid Status Provided", 1003));
  }
  reply(200, { incident: presentIncident(incident, state) });
}

/** limit (default 25, at most 100), offset, more; total only with total=true, as PagerDuty does. */
function paginate<T>(call: RecordedCall, key: string, all: T[]) {
  const limit = Math.min(100, Math.max(1, Number(call.query.get("limit") ?? 25) || 25));
  const offset = Math.max(0, Number(call.query.get("offset") ?? 0) || 0);
  return {
    [key]: all.slice(offset, offset + limit),
    limit,
    offset,
    more: offset + limit < all.length,
    total: call.query.get("total") === "true" ? all.length : null,
  };
}

const reference = (id: string, summary: string, type: string) => ({
  id,
  type: `${type}_reference`,
  summary,
  self: `https://api.pagerduty.com/${type}s/${id}`,
  html_url: `https://acme.pagerduty.com/${type}s/${id}`,
});

function presentIncident(incident: FakeIncident, state: State) {
  const service = state.services.get(incident.serviceId);
  return {
    id: incident.id,
    type: "incident",
    summary: `[#${incident.number}] ${incident.title}`,
    incident_number: incident.number,
    title: incident.title,
    status: incident.status,
    urgency: incident.urgency,
    incident_key: incident.incidentKey,
    created_at: "2026-08-20T14:03:11Z",
    service: reference(incident.serviceId, service?.name ?? incident.serviceId, "service"),
    assignments: incident.assigneeIds.map((userId) => ({
      at: "2026-08-20T14:03:11Z",
      assignee: reference(userId, state.users.get(userId)?.name ?? userId, "user"),
    })),
    self: `https://api.pagerduty.com/incidents/${incident.id}`,
    html_url: `https://acme.pagerduty.com/incidents/${incident.id}`,
  };
}

function presentUser(user: FakeUser) {
  return { ...reference(user.id, user.name, "user"), type: "user", name: user.name, email: user.email, time_zone: "UTC", role: "user" };
}

function note(incident: FakeIncident, content: string, n: number) {
  return {
    id: `N${incident.number}${n}`,
    user: reference("PSITREP", "Sitrep", "user"),
    channel: { summary: "The PagerDuty website or APIs" },
    content,
    created_at: "2026-08-20T14:05:00Z",
  };
}
