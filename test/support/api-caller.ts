export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
}

export type ApiCaller = <T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiResponse<T>>;

/** Calls a Sitrep's HTTP API with a bearer token; answers the status and the parsed JSON (null when empty). */
export function apiCaller(baseUrl: string, token: string): ApiCaller {
  return async (method, path, body, headers = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as never };
  };
}
