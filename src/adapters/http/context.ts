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
}

export type RouteRegistrar = (server: FastifyInstance, ctx: HttpContext) => void;
