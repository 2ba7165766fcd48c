import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.js";
import type { PeopleNames } from "../../app/ports.js";
import type { Logger } from "../../logger.js";
import type { TokenVerifier } from "./auth.js";

/** What HTTP routes are given. */
export interface HttpContext {
  readonly app: AppContext;
  readonly tokens: TokenVerifier;
  readonly log: Logger;
  /** Database reachability, for /readyz. */
  readonly ping: () => Promise<void>;
  /** People's display names when Slack is configured; answers name people by them alongside their ids. */
  readonly names?: PeopleNames;
}

export type RouteRegistrar = (server: FastifyInstance, ctx: HttpContext) => void;
