import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { argumentProblem, METHODS, SlackFailure, type Args } from "./fake-slack-methods.js";
import { FakeWorkspace } from "./fake-slack-state.js";

/** How a call fails when told to (CONTRACTS.md §1.7–1.8). */
export type Failure =
  | { readonly kind: "http"; readonly status: number }
  | { readonly kind: "ratelimited"; readonly retryAfter: number | null }
  | { readonly kind: "platform"; readonly error: string }
  | { readonly kind: "hang" }
  /** Slack did the work, but the answer was lost (a 500 after the fact). */
  | { readonly kind: "lost" }
  /** Slack did the work, but the answer never comes (the caller may die waiting). */
  | { readonly kind: "swallowed" };

export interface RecordedCall {
  readonly method: string;
  readonly args: Args;
  readonly status: number;
  readonly ok: boolean;
  readonly error?: string;
}

/** Cycled through when every call fails its first attempt. */
const FIRST_ATTEMPT_FAILURES: readonly Failure[] = [
  { kind: "http", status: 500 },
  { kind: "ratelimited", retryAfter: 1 },
  { kind: "platform", error: "internal_error" },
  { kind: "http", status: 503 },
];

const JSON_FIELDS = ["blocks", "view", "metadata", "attachments", "files"];

/**
 * A local Slack Web API: POST /api/<method> with a form or JSON body and a
 * Bearer token, answered as Slack does (HTTP 200 `ok:false` errors, 429 with
 * Retry-After, 500s), with state a test can inspect. It records every call and
 * can fail the first attempt of each distinct call, or the next calls of a
 * method. POST /response/<id> stands in for interaction response_urls.
 */
export class FakeSlack {
  readonly ws = new FakeWorkspace();
  readonly token = "xoxb-fake-sitrep-token";
  /** The app-level token of Socket Mode; only apps.connections.open takes it. */
  readonly appToken = "xapp-fake-sitrep-token";
  /** Where apps.connections.open sends the Socket Mode client. */
  socketModeUrl: string | null = null;
  readonly calls: RecordedCall[] = [];
  readonly responses: Array<{ id: string; body: Record<string, unknown> }> = [];
  private server: Server | null = null;
  private port = 0;
  private readonly scripted = new Map<string, Failure[]>();
  private failFirst: { except: ReadonlySet<string> } | null = null;
  private readonly attempted = new Set<string>();
  private failureTurn = 0;
  private readonly hung = new Set<ServerResponse>();
  private outageFailures: readonly Failure[] | null = null;
  private outageTurn = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get apiUrl(): string {
    return `${this.url}/api/`;
  }
  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `count` calls of `method` fail this way. */
  failNext(method: string, failure: Failure, count = 1): void {
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), ...Array<Failure>(count).fill(failure)]);
  }

  /** From now on the first attempt of every distinct call fails (500, 429, internal_error, 503 in turn). */
  failFirstAttempts(options: { except?: string[] } = {}): void {
    this.failFirst = { except: new Set(options.except ?? []) };
  }

  /** From now on every call fails, cycling through `failures` (e.g. 429s and 500s), until `endOutage()`. */
  outage(failures: readonly Failure[]): void {
    this.outageFailures = failures;
  }

  endOutage(): void {
    this.outageFailures = null;
  }

  /** The calls Slack answered with ok:true, in order. */
  succeeded(filter?: (call: RecordedCall) => boolean): RecordedCall[] {
    return this.calls.filter((c) => c.ok && (filter ? filter(c) : true));
  }

  private failureFor(method: string, args: Args): Failure | null {
    if (this.outageFailures && this.outageFailures.length > 0) {
      return this.outageFailures[this.outageTurn++ % this.outageFailures.length]!;
    }
    const queued = this.scripted.get(method);
    if (queued && queued.length > 0) return queued.shift()!;
    if (!this.failFirst || this.failFirst.except.has(method)) return null;
    const key = `${method} ${JSON.stringify(Object.entries(args).sort(([a], [b]) => a.localeCompare(b)))}`;
    if (this.attempted.has(key)) return null;
    this.attempted.add(key);
    const failure = FIRST_ATTEMPT_FAILURES[this.failureTurn % FIRST_ATTEMPT_FAILURES.length]!;
    this.failureTurn += 1;
    return failure;
  }

  /** The upload_url of files.getUploadURLExternal: takes the bytes once, as Slack's file service does (200, or 404 for an unknown URL). */
  private receiveUpload(fileId: string, raw: Buffer, res: ServerResponse): void {
    const file = this.ws.files.get(fileId);
    this.calls.push({ method: "upload", args: { file: fileId, bytes: raw.length }, status: file ? 200 : 404, ok: file !== undefined });
    if (!file) return send(res, 404, "Not Found", "text/plain");
    file.bytes = raw;
    return send(res, 200, `OK - ${raw.length}`, "text/plain");
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const body = await readBody(req);
    const raw = body.toString("utf8");
    if (url.pathname.startsWith("/upload/")) return this.receiveUpload(url.pathname.slice("/upload/".length), body, res);
    if (url.pathname.startsWith("/response/")) {
      this.responses.push({ id: url.pathname.slice("/response/".length), body: JSON.parse(raw || "{}") as Record<string, unknown> });
      return send(res, 200, "ok", "text/plain");
    }
    const method = url.pathname.replace(/^\/api\//, "");
    const args = { ...Object.fromEntries(url.searchParams), ...parseArgs(raw, req.headers["content-type"] ?? "") };
    const record = (status: number, ok: boolean, error?: string) =>
      this.calls.push({ method, args, status, ok, ...(error ? { error } : {}) });
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? (args.token as string | undefined);
    if (!auth) return this.answerError(res, record, "not_authed");
    if (method === "apps.connections.open") {
      if (auth !== this.appToken || !this.socketModeUrl) return this.answerError(res, record, "invalid_auth");
      record(200, true);
      return send(res, 200, JSON.stringify({ ok: true, url: this.socketModeUrl }));
    }
    if (auth !== this.token) return this.answerError(res, record, "invalid_auth");
    const handler = METHODS[method];
    if (!handler) return this.answerError(res, record, "unknown_method");
    const badArgument = argumentProblem(method, args);
    if (badArgument) return this.answerError(res, record, badArgument);
    const failure = this.failureFor(method, args);
    if (failure && failure.kind !== "lost" && failure.kind !== "swallowed") return this.answerFailure(res, record, failure);
    try {
      const answer = handler(this.ws, args, this.url);
      if (failure?.kind === "lost") {
        record(500, false, "lost");
        return send(res, 500, "<html>Internal Server Error</html>", "text/html");
      }
      if (failure?.kind === "swallowed") {
        record(0, true, "swallowed");
        this.hung.add(res);
        return;
      }
      record(200, true);
      return send(res, 200, JSON.stringify({ ok: true, ...answer }));
    } catch (error) {
      if (error instanceof SlackFailure) return this.answerError(res, record, error.error);
      throw error;
    }
  }

  private answerError(res: ServerResponse, record: (s: number, ok: boolean, e?: string) => void, error: string): void {
    record(200, false, error);
    send(res, 200, JSON.stringify({ ok: false, error }));
  }

  private answerFailure(res: ServerResponse, record: (s: number, ok: boolean, e?: string) => void, failure: Failure): void {
    if (failure.kind === "hang") {
      record(0, false, "hang");
      this.hung.add(res);
      return;
    }
    if (failure.kind === "http") {
      record(failure.status, false, `http_${failure.status}`);
      return send(res, failure.status, "<html>Server Error</html>", "text/html");
    }
    if (failure.kind === "ratelimited") {
      record(429, false, "ratelimited");
      const headers: Record<string, string> = failure.retryAfter === null ? {} : { "retry-after": String(failure.retryAfter) };
      return send(res, 429, JSON.stringify({ ok: false, error: "ratelimited" }), "application/json", headers);
    }
    if (failure.kind === "platform") return this.answerError(res, record, failure.error);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The WebClient sends forms with objects JSON-encoded in one field; others may send JSON. */
function parseArgs(raw: string, contentType: string): Args {
  if (raw === "") return {};
  if (contentType.startsWith("application/json")) return JSON.parse(raw) as Args;
  const args: Args = Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    if (typeof args[field] === "string") args[field] = JSON.parse(args[field] as string) as unknown;
  }
  return args;
}

function send(res: ServerResponse, status: number, body: string, type = "application/json", headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": type, ...headers });
  res.end(body);
}
