import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeError, FakePage, makeComponent, type FakeIncident } from "./fake-statuspage-state.js";

/**
 * A local Atlassian Statuspage (CONTRACTS.md §3 and §4): checks
 * `Authorization: OAuth <key>`, limits each key by rolling windows and answers
 * 420 or 429 with Retry-After, keeps incidents (updates newest first) and
 * components, answers errors as `{"error": "…"}`, records every call, and can
 * be told to fail for a while: 500s, hangs, answers lost after the change is
 * made, or 401s.
 */
export type Trouble = "500" | "hang" | "lose-answer" | "401";

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body: Record<string, unknown> | null;
  /** Date.now() when the request arrived. */
  readonly at: number;
  /** What the fake answered; "hang" when it never did. */
  status: number | "hang";
}

export interface FakeStatuspageOptions {
  readonly apiKey?: string;
  readonly pageId?: string;
  readonly components?: readonly string[];
  /** Rolling windows per key; the default is Statuspage's 60 a minute, plus no bursts above 3 a second. */
  readonly rateLimits?: ReadonlyArray<{ readonly limit: number; readonly windowMs: number }>;
  readonly rateLimitStatus?: 420 | 429;
}

const ROUTE = /^\/v1\/pages\/([^/]+?)(?:\.json)?(?:\/(incidents|components)(?:\/([^/]+?))?)?(?:\.json)?\/?$/;

export class FakeStatuspage {
  readonly apiKey: string;
  readonly pageId: string;
  readonly calls: RecordedCall[] = [];
  readonly page: FakePage;
  private server!: Server;
  private trouble: Trouble | null = null;
  private oneOff: Array<{ status: 420 | 429; retryAfter: string }> = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly seen: number[] = [];

  constructor(private readonly options: FakeStatuspageOptions = {}) {
    this.apiKey = options.apiKey ?? "fake-statuspage-key-0123456789";
    this.pageId = options.pageId ?? "kctbh9vrtdwd";
    this.page = new FakePage(this.pageId);
    (options.components ?? []).forEach((name, i) => {
      const component = makeComponent(this.pageId, name, i + 1);
      this.page.components.set(component.id, component);
    });
  }

  /** STATUSPAGE_API_URL for Sitrep. */
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  /** The environment that points Sitrep here. */
  env(): Record<string, string> {
    return { STATUSPAGE_API_URL: this.url, STATUSPAGE_API_KEY: this.apiKey, STATUSPAGE_PAGE_ID: this.pageId };
  }

  /** From now on every authenticated call fails this way, until `recover()`. */
  failWith(trouble: Trouble): void {
    this.trouble = trouble;
  }

  /** Healthy again; calls left hanging are cut off (the client has long given up on them). */
  recover(): void {
    this.trouble = null;
    this.cutHanging();
  }

  /** The next authenticated call is rate limited with this Retry-After (seconds or an HTTP date). */
  rateLimitNext(retryAfter: string, status: 420 | 429 = 429): void {
    this.oneOff.push({ status, retryAfter });
  }

  incidents(): FakeIncident[] {
    return [...this.page.incidents.values()];
  }

  componentStatus(name: string): string | undefined {
    return [...this.page.components.values()].find((c) => c.name === name)?.status;
  }

  /** Calls that reached the API (authenticated), oldest first. */
  apiCalls(): RecordedCall[] {
    return this.calls.filter((c) => c.status !== 401);
  }

  async close(): Promise<void> {
    this.cutHanging();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private cutHanging(): void {
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const raw = await readBody(req);
    const call: RecordedCall = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: parseBody(raw, req.headers["content-type"]),
      at: Date.now(),
      status: 0,
    };
    this.calls.push(call);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));
    };
    const key = /^OAuth\s+(\S+)$/.exec(req.headers.authorization ?? "")?.[1] ?? url.searchParams.get("api_key");
    if (key !== this.apiKey || this.trouble === "401") return answer(401, { error: "Could not authenticate" });
    if (this.trouble === "500") return answer(500, { error: "Internal server error" });
    if (this.trouble === "hang") return this.hang(call, res);
    const limited = this.oneOff.shift() ?? this.rateLimited();
    if (limited) return answer(limited.status, { error: "Rate limit exceeded" }, { "retry-after": limited.retryAfter });
    let result: { status: number; body: unknown };
    try {
      result = this.route(call);
    } catch (error) {
      if (!(error instanceof FakeError)) throw error;
      result = { status: error.status, body: { error: error.message } };
    }
    if (this.trouble === "lose-answer") return this.hang(call, res);
    answer(result.status, result.body);
  }

  private hang(call: RecordedCall, res: ServerResponse): void {
    call.status = "hang";
    this.hanging.add(res);
  }

  /** Rolling windows over the calls this key made that were not themselves refused. */
  private rateLimited(): { status: 420 | 429; retryAfter: string } | null {
    const now = Date.now();
    const windows = this.options.rateLimits ?? [
      { limit: 60, windowMs: 60_000 },
      { limit: 3, windowMs: 1_000 },
    ];
    for (const { limit, windowMs } of windows) {
      const inWindow = this.seen.filter((at) => at > now - windowMs);
      if (inWindow.length >= limit) {
        const retryAfter = Math.max(1, Math.ceil((inWindow[0]! + windowMs - now) / 1000));
        return { status: this.options.rateLimitStatus ?? 420, retryAfter: String(retryAfter) };
      }
    }
    this.seen.push(now);
    if (this.seen.length > 1000) this.seen.splice(0, this.seen.length - 1000);
    return null;
  }

  private route(call: RecordedCall): { status: number; body: unknown } {
    const match = ROUTE.exec(call.path);
    if (!match || match[1] !== this.pageId) throw new FakeError(404, "The page could not be found");
    const [, , collection, id] = match;
    const { method } = call;
    const input = (call.body?.incident ?? call.body?.component ?? {}) as Record<string, unknown>;
    if (!collection && method === "GET") return { status: 200, body: { id: this.pageId, name: "Fake page" } };
    if (collection === "components") {
      if (method === "GET" && !id) return { status: 200, body: paginate([...this.page.components.values()], call.query) };
      const component = id ? this.page.components.get(id) : undefined;
      if (!component) throw new FakeError(404, "Component not found");
      if (method === "PATCH" || method === "PUT") Object.assign(component, { status: String(input.status ?? component.status) });
      return { status: 200, body: component };
    }
    if (collection === "incidents") {
      const all = this.incidents().sort((a, b) => b.created_at.localeCompare(a.created_at));
      if (method === "POST" && !id) return { status: 201, body: this.page.createIncident(input) };
      if (method === "GET" && id === "unresolved")
        return {
          status: 200,
          body: paginate(
            all.filter((i) => i.status !== "resolved"),
            call.query,
          ),
        };
      if (method === "GET" && !id) return { status: 200, body: search(all, call.query) };
      if (id && (method === "PATCH" || method === "PUT")) return { status: 200, body: this.page.updateIncident(id, input) };
      if (id && method === "GET") {
        const incident = this.page.incidents.get(id);
        if (!incident) throw new FakeError(404, "Incident not found");
        return { status: 200, body: incident };
      }
    }
    throw new FakeError(404, "Not found");
  }
}

function paginate<T>(items: T[], query: Record<string, string>): T[] {
  const perPage = Math.min(100, Number(query.per_page ?? 100));
  const page = Math.max(1, Number(query.page ?? 1));
  return items.slice((page - 1) * perPage, page * perPage);
}

function search(incidents: FakeIncident[], query: Record<string, string>): FakeIncident[] {
  const q = (query.q ?? "").toLowerCase();
  const found = q
    ? incidents.filter((i) => [i.name, i.status, ...i.incident_updates.map((u) => u.body)].some((t) => t.toLowerCase().includes(q)))
    : incidents;
  return found.slice(0, Number(query.limit ?? 100));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

/** JSON, or form-encoded the Rails way (`incident[name]=…&incident[component_ids][]=…`). */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> | null {
  if (raw === "") return null;
  if (!contentType?.includes("application/x-www-form-urlencoded")) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { unparseable: raw };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = out;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      if (last && part === "") return;
      const appending = path[i + 1] === "" && i + 2 === path.length;
      if (last) node[part] = value;
      else if (appending) ((node[part] ??= []) as unknown[]).push(value);
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}
