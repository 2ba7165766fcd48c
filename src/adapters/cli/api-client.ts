import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { API_TOKEN_FILE } from "../../api-token.js";

export interface ClientOptions {
  readonly url: string;
  readonly token: string | undefined;
  /** Where the token came from, said when Sitrep refuses it. */
  readonly tokenSource?: string;
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

export interface FoundToken {
  readonly token: string;
  /** SITREP_TOKEN, API_TOKEN, or the file it was read from. */
  readonly source: string;
}

/**
 * SITREP_TOKEN; else API_TOKEN (the server's own, from the environment or
 * .env); else the token a local embedded Sitrep generated into DATA_DIR.
 */
export function findToken(env: NodeJS.ProcessEnv = process.env): FoundToken | null {
  if (env.SITREP_TOKEN) return { token: env.SITREP_TOKEN, source: "SITREP_TOKEN" };
  if (env.API_TOKEN) return { token: env.API_TOKEN, source: "API_TOKEN" };
  const file = join(env.DATA_DIR || "./data", API_TOKEN_FILE);
  return existsSync(file) ? { token: readFileSync(file, "utf8").trim(), source: file } : null;
}

export function defaultToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findToken(env)?.token;
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
    if (!response.ok) throw this.explain(apiError(text, response.status));
    return (text ? JSON.parse(text) : null) as T;
  }

  /** A refused token: say which one, since several places can hold one. */
  private explain(error: CliError): CliError {
    if (error.status !== 401 || !this.options.tokenSource) return error;
    return new CliError(`${error.message} (the token came from ${this.options.tokenSource})`, error.status, error.code);
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
        "No API token: set SITREP_TOKEN (or API_TOKEN in .env, or run it where Sitrep's DATA_DIR is: an embedded Sitrep stores its token in DATA_DIR/api-token).",
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
