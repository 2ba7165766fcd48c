import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { API_TOKEN_FILE } from "../../api-token.js";

export interface ClientOptions {
  readonly url: string;
  readonly token: string | undefined;
  /** Sent as X-Sitrep-Actor: the Slack user id the CLI acts as. */
  readonly actor: string | undefined;
}

/** A failure to show as one line: the API's own message when it gave one. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** The API's error code (`not_found`, `forbidden` …), or the CLI's own (`unreachable`, `no_token`). */
    readonly code: string = "error",
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** SITREP_TOKEN, or the token a local embedded Sitrep stored under DATA_DIR. */
export function defaultToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SITREP_TOKEN) return env.SITREP_TOKEN;
  const file = join(env.DATA_DIR ?? "./data", API_TOKEN_FILE);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

class RawBody {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

export class ApiClient {
  constructor(private readonly options: ClientOptions) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.request<T>("POST", path, body, headers);
  }

  /** A POST whose body is already text (an import file), sent as `contentType`. */
  postText<T>(path: string, body: string, contentType: string): Promise<T> {
    return this.request<T>("POST", path, new RawBody(body, contentType));
  }

  async text(path: string, headers: Record<string, string> = {}): Promise<string> {
    const response = await this.send("GET", path, undefined, headers);
    const body = await response.text();
    if (!response.ok) throw apiError(body, response.status);
    return body;
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs?: number): Promise<T> {
    const response = await this.send(method, path, body, headers, timeoutMs);
    const text = await response.text();
    if (!response.ok) throw apiError(text, response.status);
    return (text ? JSON.parse(text) : null) as T;
  }

  private async send(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
    timeoutMs = 30_000,
  ): Promise<Response> {
    if (!this.options.token) {
      throw new CliError(
        "No API token: set SITREP_TOKEN (or run it where Sitrep's DATA_DIR is: an embedded Sitrep stores its token in DATA_DIR/api-token).",
        undefined,
        "no_token",
      );
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      "x-sitrep-via": "cli",
      ...extra,
    };
    if (this.options.actor) headers["x-sitrep-actor"] = this.options.actor;
    if (body !== undefined) headers["content-type"] = body instanceof RawBody ? body.contentType : "application/json";
    // Relative to SITREP_URL, so a Sitrep served under a path prefix (https://ops.example.com/sitrep) works.
    const url = new URL(path.replace(/^\/+/, ""), this.options.url.endsWith("/") ? this.options.url : `${this.options.url}/`);
    try {
      return await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : body instanceof RawBody ? body.text : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CliError(
        `Cannot reach Sitrep at ${this.options.url} (${cause}). Is it running? Set SITREP_URL if it is elsewhere.`,
        undefined,
        "unreachable",
      );
    }
  }
}

/** The API's error (`{ error: { code, message } }`), or what its HTTP status says when the body is not one. */
function apiError(body: string, status: number): CliError {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (parsed.error?.message) return new CliError(parsed.error.message, status, parsed.error.code ?? `http_${status}`);
  } catch {
    // not JSON: fall through
  }
  return new CliError(`Sitrep answered HTTP ${status}.`, status, `http_${status}`);
}
