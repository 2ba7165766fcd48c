import autocannon from "autocannon";

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly amount: number;
  readonly method?: "GET" | "POST";
  readonly headers?: Record<string, string>;
  /** A body per request (called for each), or one fixed body. */
  readonly body?: string | ((i: number) => string);
  /** A path per request, for spreading load over several resources. */
  readonly path?: (i: number) => string;
  /** Headers of one request on top of `headers` (e.g. a signature over its body). */
  readonly requestHeaders?: (i: number) => Record<string, string>;
  /** Body and headers of one request made when it is sent (a Slack signature covers its timestamp). */
  readonly signed?: (i: number) => { body: string; headers: Record<string, string> };
}

/** A closed-loop load: `connections` clients each sending the next request when the last is answered. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  let i = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    amount: options.amount,
    method: options.method ?? "POST",
    headers: options.headers,
    requests: [
      {
        setupRequest(request) {
          const n = i++;
          if (options.signed) {
            const made = options.signed(n);
            return { ...request, body: made.body, headers: { ...request.headers, ...made.headers } };
          }
          return {
            ...request,
            ...(options.path ? { path: options.path(n) } : {}),
            ...(options.requestHeaders ? { headers: { ...request.headers, ...options.requestHeaders(n) } } : {}),
            ...(options.body !== undefined ? { body: typeof options.body === "function" ? options.body(n) : options.body } : {}),
          };
        },
      },
    ],
  });
  const seconds = result.duration;
  return {
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requestsPerSecond: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}
