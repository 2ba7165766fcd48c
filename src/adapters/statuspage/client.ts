import axios, { type AxiosInstance } from "axios";
import { z } from "zod";
import { UpstreamError } from "../../app/ports/outbox.js";
import type { RateLimiter } from "./rate-limiter.js";
import { toUpstreamError } from "./upstream-error.js";

export interface StatuspageClientOptions {
  /** STATUSPAGE_API_URL, e.g. https://api.statuspage.io/v1 */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly pageId: string;
  readonly timeoutMs: number;
  readonly limiter: RateLimiter;
}

const incidentUpdateSchema = z.object({ id: z.string().optional(), status: z.string(), body: z.string().nullable().optional() });
const incidentSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  status: z.string(),
  incident_updates: z.array(incidentUpdateSchema).default([]),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
});
const pageSchema = z.object({ id: z.string(), name: z.string().optional() });
const componentSchema = z.object({ id: z.string(), name: z.string(), group: z.boolean().optional() });

export type StatuspageIncident = z.infer<typeof incidentSchema>;
export type StatuspageComponent = z.infer<typeof componentSchema>;

/** The fields of a create or update (Statuspage wraps them in `incident`). */
export interface IncidentFields {
  readonly name?: string;
  readonly status?: string;
  readonly body?: string;
  readonly component_ids?: string[];
  readonly components?: Record<string, string>;
  readonly impact_override?: string;
  readonly deliver_notifications: boolean;
  readonly metadata?: Record<string, Record<string, string>>;
}

const PER_PAGE = 100;

/**
 * Atlassian Statuspage REST v1 (`Authorization: OAuth <key>`), every call
 * spaced by the rate limiter, bounded by a timeout, and failing with an
 * UpstreamError the dispatcher can act on.
 */
export class StatuspageClient {
  private readonly http: AxiosInstance;
  private readonly page: string;

  constructor(private readonly options: StatuspageClientOptions) {
    this.page = `/pages/${encodeURIComponent(options.pageId)}`;
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ""),
      timeout: options.timeoutMs,
      headers: { Authorization: `OAuth ${options.apiKey}`, Accept: "application/json", "Content-Type": "application/json" },
      maxRedirects: 0,
    });
  }

  /** The page itself: proves the key and the page id (the self-test). */
  getPage(): Promise<z.infer<typeof pageSchema>> {
    return this.call("GET", this.page, pageSchema);
  }

  async listComponents(): Promise<StatuspageComponent[]> {
    const all: StatuspageComponent[] = [];
    // Paginated: Statuspage limits unpaginated component lists to one a minute.
    for (let page = 1; page <= 50; page += 1) {
      const batch = await this.call("GET", `${this.page}/components`, z.array(componentSchema), undefined, { page, per_page: PER_PAGE });
      all.push(...batch);
      if (batch.length < PER_PAGE) break;
    }
    return all;
  }

  createIncident(fields: IncidentFields): Promise<StatuspageIncident> {
    return this.call("POST", `${this.page}/incidents`, incidentSchema, { incident: fields });
  }

  updateIncident(id: string, fields: IncidentFields): Promise<StatuspageIncident> {
    return this.call("PATCH", `${this.page}/incidents/${encodeURIComponent(id)}`, incidentSchema, { incident: fields });
  }

  getIncident(id: string): Promise<StatuspageIncident> {
    return this.call("GET", `${this.page}/incidents/${encodeURIComponent(id)}`, incidentSchema);
  }

  async listUnresolved(): Promise<StatuspageIncident[]> {
    return this.call("GET", `${this.page}/incidents/unresolved`, z.array(incidentSchema), undefined, { page: 1, per_page: PER_PAGE });
  }

  /** Recent incidents whose name, status or updates mention `query` (resolved ones included). */
  async search(query: string): Promise<StatuspageIncident[]> {
    return this.call("GET", `${this.page}/incidents`, z.array(incidentSchema), undefined, { q: query, limit: 25 });
  }

  private async call<S extends z.ZodType>(
    method: "GET" | "POST" | "PATCH",
    url: string,
    schema: S,
    data?: unknown,
    params?: Record<string, string | number>,
  ): Promise<z.infer<S>> {
    const { limiter, timeoutMs } = this.options;
    const response = await limiter.schedule(async () => {
      try {
        return await this.http.request({ method, url, data, params, signal: AbortSignal.timeout(timeoutMs + 1_000) });
      } catch (error) {
        const failure = toUpstreamError(error, new Date());
        if (failure.options.status === 429 && failure.options.retryAfterMs !== undefined) limiter.pauseFor(failure.options.retryAfterMs);
        throw failure;
      }
    });
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      // An answer we cannot read: retry (a create that landed is found again by its metadata).
      throw new UpstreamError("statuspage", `Statuspage answered ${method} ${url} with an unexpected body`, { retryable: true });
    }
    return parsed.data;
  }
}
