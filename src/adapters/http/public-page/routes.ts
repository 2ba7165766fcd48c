import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  publicIncident,
  publicStatus,
  recentPublicIncidents,
  STATUS_PAGE_VIEWS,
  type StatusPageView,
} from "../../../app/public-page-queries.js";
import { renderAtomFeed } from "./atom.js";
import { STATUS_PAGE_HEADERS } from "./layout.js";
import { renderIncidentPage, renderNotFound, renderStatusPage, type PageContext } from "./render.js";
import type { HttpIntegrationFactory } from "../context.js";

const FEED_SIZE = 50;
const numberParam = z.object({
  number: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
});

/** `?view=<name>` for a view STATUS_PAGE_VIEWS defines; anything else is the live page. */
function viewOf(request: FastifyRequest): StatusPageView {
  const view = (request.query as { view?: unknown }).view;
  return typeof view === "string" && Object.hasOwn(STATUS_PAGE_VIEWS, view) ? (view as StatusPageView) : "live";
}

const queryFor = (view: StatusPageView) => (view === "live" ? "" : `?view=${encodeURIComponent(view)}`);

/**
 * The built-in public status page: GET /status, /status/incidents/{number}
 * and /status/feed.atom. No login; shows only public, non-private, live
 * incidents (published drills only on `?view=drill`) and nothing internal. The default when Statuspage is not
 * configured, and a mirror of it when it is.
 */
export const publicStatusPageIntegration: HttpIntegrationFactory = (runtime) => {
  const { app, config } = runtime;
  // The practice view says so in its title, on every page and in its feed.
  const titleOf = (view: StatusPageView) =>
    view === "drill" ? `[DRILL] ${config.STATUS_PAGE_TITLE} (practice: customers never see this)` : config.STATUS_PAGE_TITLE;
  const page = (view: StatusPageView): PageContext => ({ title: titleOf(view), query: queryFor(view) });
  return {
    name: "status-page",
    routes: [
      (server) => {
        server.get("/status", async (request, reply) => {
          const view = viewOf(request);
          const status = await publicStatus(app, view, config.STATUS_PAGE_COMPONENTS);
          return reply.headers(STATUS_PAGE_HEADERS).send(renderStatusPage(status, page(view), app.clock.now()));
        });
        server.get("/status/incidents/:number", async (request, reply) => {
          const view = viewOf(request);
          const parsed = numberParam.safeParse(request.params);
          const incident = parsed.success ? await publicIncident(app, view, parsed.data.number) : null;
          if (incident === null)
            return reply
              .status(404)
              .headers(STATUS_PAGE_HEADERS)
              .send(renderNotFound(page(view)));
          return reply.headers(STATUS_PAGE_HEADERS).send(renderIncidentPage(incident, page(view)));
        });
        server.get("/status/feed.atom", async (request, reply) => {
          const view = viewOf(request);
          const incidents = await recentPublicIncidents(app, view, FEED_SIZE);
          // Never the Host header: the feed is publicly cacheable, so a forged Host would poison it.
          const baseUrl = (config.PUBLIC_URL ?? "").replace(/\/+$/, "");
          const feed = renderAtomFeed(incidents, { title: titleOf(view), baseUrl, query: queryFor(view), now: app.clock.now() });
          return reply
            .header("content-type", "application/atom+xml; charset=utf-8")
            .header("cache-control", "public, max-age=10")
            .send(feed);
        });
      },
    ],
  };
};
