import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { buildReliabilityReport } from "../../../app/build-reliability-report.js";
import type { Actor } from "../../../domain/actor.js";
import { SitrepError } from "../../../domain/errors.js";
import { renderReportHtml, renderReportMarkdown } from "../../../domain/reliability/render-report.js";
import { authenticate } from "../auth.js";
import type { HttpContext, RouteRegistrar } from "../context.js";
import { sendError } from "../errors.js";
import { cookieValue, REPORT_COOKIE, REPORT_LINK_TTL_MS } from "../report-link.js";
import { handler } from "../route-helpers.js";

const month = z.string().regex(/^\d{4}-\d{2}$/, "must be a month such as 2023-06");
const range = { from: month.optional(), to: month.optional() };
const reportQuery = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  format: z.enum(["html", "md", "markdown", "json"], { message: "must be html, md or json" }).optional(),
});
const linkBody = z.object(range).optional();
const openQuery = z.object({ ...range, token: z.string().min(1).max(2000) });

type Format = "html" | "md" | "json";

/** ?format= wins; else the Accept header (application/json, text/markdown); else HTML. */
function formatOf(request: FastifyRequest, asked: string | undefined): Format {
  if (asked) return asked === "markdown" ? "md" : (asked as Format);
  const accept = String(request.headers.accept ?? "");
  if (/application\/json/i.test(accept)) return "json";
  if (/text\/markdown/i.test(accept)) return "md";
  return "html";
}

const rangeQuery = (r: { from?: string; to?: string }) => {
  const query = new URLSearchParams({ ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) }).toString();
  return query ? `?${query}` : "";
};

/**
 * GET /reports/reliability?from=2023-06&to=2024-02: the reliability report.
 * Authenticated like the API (Authorization: Bearer), since it shows every
 * incident's figures; or, in a browser, by the cookie a report link sets
 * (POST /api/v1/report-links, `sitrep report --open`), which opens this page
 * and nothing else, for an hour.
 */
export const reportRoutes: RouteRegistrar = (server, ctx) => {
  server.get("/reports/reliability", async (request, reply) => {
    try {
      const actor = await reportReader(request, ctx);
      const query = reportQuery.parse(request.query);
      const figures = await buildReliabilityReport(ctx.app, actor, { from: query.from, to: query.to });
      const format = formatOf(request, query.format);
      reply.header("vary", "accept, cookie");
      if (format === "json") return reply.send({ report: figures });
      if (format === "md") return reply.type("text/markdown; charset=utf-8").send(renderReportMarkdown(figures));
      return reply.type("text/html; charset=utf-8").send(renderReportHtml(figures));
    } catch (error) {
      return sendError(reply, error, request.log as never);
    }
  });

  server.post(
    "/api/v1/report-links",
    handler(ctx, linkBody, async ({ actor, body, request }) => {
      const links = ctx.reportLinks;
      if (!links) throw new SitrepError("unavailable", "Report links are not enabled on this server.");
      const { token, expiresAt } = links.sign(actor);
      const base = (ctx.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, "");
      const query = new URLSearchParams({ token, ...(body?.from ? { from: body.from } : {}), ...(body?.to ? { to: body.to } : {}) });
      return { url: `${base}/reports/reliability/open?${query.toString()}`, expiresAt: expiresAt.toISOString() };
    }),
  );

  server.get("/reports/reliability/open", async (request, reply) => openWithLink(request, reply, ctx));
};

/** The bearer token when one is sent; else the report cookie. */
async function reportReader(request: FastifyRequest, ctx: HttpContext): Promise<Actor> {
  if (request.headers.authorization !== undefined || !ctx.reportLinks) return authenticate(request, ctx.tokens);
  const token = cookieValue(request.headers.cookie, REPORT_COOKIE);
  const reader = token ? ctx.reportLinks.verify(token) : null;
  if (reader) return reader;
  throw new SitrepError(
    "unauthenticated",
    token
      ? "The report link has expired: run `sitrep report --open` for a new one."
      : "Send Authorization: Bearer <API_TOKEN>, or open a link from `sitrep report --open`.",
  );
}

/** Checks the link, sets the cookie (HttpOnly, for /reports only) and sends the browser on to the report. */
function openWithLink(request: FastifyRequest, reply: FastifyReply, ctx: HttpContext) {
  const parsed = openQuery.safeParse(request.query);
  const reader = parsed.success && ctx.reportLinks ? ctx.reportLinks.verify(parsed.data.token) : null;
  if (!parsed.success || reader === null) {
    return reply
      .status(401)
      .type("text/plain; charset=utf-8")
      .header("cache-control", "no-store")
      .send("This report link is not valid or has expired (links last an hour). Run `sitrep report --open` for a new one.\n");
  }
  const secure = request.protocol === "https" ? "; Secure" : "";
  const maxAge = Math.floor(REPORT_LINK_TTL_MS / 1000);
  return reply
    .header("set-cookie", `${REPORT_COOKIE}=${parsed.data.token}; Path=/reports; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`)
    .header("cache-control", "no-store")
    .header("referrer-policy", "no-referrer")
    .redirect(`/reports/reliability${rangeQuery(parsed.data)}`, 303);
}
