import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.js";
import type { Logger } from "../../logger.js";
import type { TokenVerifier } from "./auth.js";

/** What HTTP routes are given. */
export interface HttpContext {
  readonly app: AppContext;
  readonly tokens: TokenVerifier;
  readonly log: Logger;
  /** Database reachability, for /readyz. */
  readonly ping: () => Promise<void>;
  /** What needs an operator (a refused credential, failing webhook signatures), for /readyz; none when absent. */
  readonly problems?: () => Promise<readonly UpstreamProblem[]>;
}

/** An upstream Sitrep is held from or cut off by: still ready, but degraded. */
export interface UpstreamProblem {
  readonly upstream: string;
  readonly reason: "misconfigured" | "webhook_signature_failures";
  readonly detail: string;
}

export type RouteRegistrar = (server: FastifyInstance, ctx: HttpContext) => void;
