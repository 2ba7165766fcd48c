import { sendJson, startFakeServer, type RecordedCall } from "./fake-http.js";

export interface FakeSlackDirectory {
  /** Give as SLACK_API_URL. */
  readonly apiUrl: string;
  readonly token: string;
  readonly calls: RecordedCall[];
  /** email → Slack user id. */
  readonly users: Map<string, string>;
  /** The next `count` calls answer 429 with Retry-After. */
  rateLimitNext(count: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

/**
 * A minimal fake of Slack's `users.lookupByEmail`, the one Web API method the
 * PagerDuty integration calls. It answers as Slack does: HTTP 200 with
 * `{ok:true,user:{…}}` or `{ok:false,error:"users_not_found"}`, `not_authed` and
 * `invalid_auth` for missing or wrong tokens, 429 `ratelimited` with Retry-After.
 * Accepts form-encoded bodies (what @slack/web-api sends), JSON and GET queries.
 */
export async function startFakeSlackDirectory(token = "xoxb-fake-directory-token"): Promise<FakeSlackDirectory> {
  const users = new Map<string, string>();
  let limited = 0;
  let retryAfter = 1;
  const server = await startFakeServer((call, res) => {
    // auth.test too, so a Slack app started on the same token can construct; every other method is unknown here.
    if (call.path === "/api/auth.test") return sendJson(res, 200, { ok: true, user_id: "USITREP", bot_id: "BSITREP", team_id: "T0FAKE" });
    if (call.path !== "/api/users.lookupByEmail") return sendJson(res, 200, { ok: false, error: "unknown_method" });
    if (limited > 0) {
      limited--;
      return sendJson(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfter) });
    }
    const auth = call.headers.authorization;
    if (!auth) return sendJson(res, 200, { ok: false, error: "not_authed" });
    if (auth !== `Bearer ${token}`) return sendJson(res, 200, { ok: false, error: "invalid_auth" });
    const email = argument(call, "email");
    if (!email) return sendJson(res, 200, { ok: false, error: "invalid_arguments" });
    const id = users.get(email.toLowerCase());
    if (!id) return sendJson(res, 200, { ok: false, error: "users_not_found" });
    sendJson(res, 200, {
      ok: true,
      user: { id, team_id: "T0FAKE", name: email.split("@")[0], deleted: false, is_bot: false, profile: { email } },
    });
  });
  return {
    apiUrl: `${server.url}/api/`,
    token,
    calls: server.calls,
    users,
    rateLimitNext(count, seconds = 1) {
      limited = count;
      retryAfter = seconds;
    },
    close: server.close,
  };
}

function argument(call: RecordedCall, name: string): string | null {
  const type = call.headers["content-type"] ?? "";
  if (type.startsWith("application/json")) return ((JSON.parse(call.body || "{}") as Record<string, string>)[name] ?? null) || null;
  return new URLSearchParams(call.body).get(name) ?? call.query.get(name);
}
