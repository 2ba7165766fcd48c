import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.js";
import type { PeopleNames } from "../../app/ports.js";
import type { UpstreamProblem } from "../../app/upstream-problems.js";
import type { Actor } from "../../domain/actor.js";
import type { SelfTestReport } from "../../domain/self-test.js";
import type { IntegrationFactory } from "../../integration.js";
import type { Logger } from "../../logger.js";
import type { TokenVerifier } from "./auth.js";
import type { ReportLinks } from "./report-link.js";

/** What HTTP routes are given. */
export interface HttpContext {
  readonly app: AppContext;
  readonly tokens: TokenVerifier;
  readonly log: Logger;
  /** Database reachability, for /readyz. */
  readonly ping: () => Promise<void>;
  /** People's display names when Slack is configured; answers name people by them alongside their ids. */
  readonly names?: PeopleNames;
  /** Signs and checks the links that open the reliability report in a browser (`sitrep report --open`). */
  readonly reportLinks?: ReportLinks;
  /** PUBLIC_URL: the base of links Sitrep hands out; unset, the request's own host. */
  readonly publicUrl?: string;
  /** What needs an operator (a refused credential, failing webhook signatures), for /readyz; none when absent. */
  readonly problems?: () => Promise<readonly UpstreamProblem[]>;
  /** Runs the self-test over every configured integration (POST /api/v1/selftest); it refuses anyone but an admin. */
  readonly selfTest: (actor: Actor) => Promise<SelfTestReport>;
}

export type RouteRegistrar = (server: FastifyInstance, ctx: HttpContext) => void;

/** An integration that may serve HTTP routes: every integration built in src/adapters. */
export type HttpIntegrationFactory = IntegrationFactory<RouteRegistrar>;
