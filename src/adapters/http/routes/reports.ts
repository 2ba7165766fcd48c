import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { buildReliabilityReport } from "../../../app/build-reliability-report.js";
import { renderReportHtml, renderReportMarkdown } from "../../../domain/reliability/render-report.js";
import type { RouteRegistrar } from "../context.js";
import { handler, noBody } from "../route-helpers.js";

const reportQuery = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  format: z.enum(["html", "md", "markdown", "json"], { message: "must be html, md or json" }).optional(),
});

type Format = "html" | "md" | "json";

/** ?format= wins; else the Accept header (application/json, text/markdown); else HTML. */
function formatOf(request: FastifyRequest, asked: string | undefined): Format {
  if (asked) return asked === "markdown" ? "md" : (asked as Format);
  const accept = String(request.headers.accept ?? "");
  if (/application\/json/i.test(accept)) return "json";
  if (/text\/markdown/i.test(accept)) return "md";
  return "html";
}

/**
 * GET /reports/reliability?from=2023-06&to=2024-02: the reliability report.
 * Authenticated like the API (Authorization: Bearer), since it shows every incident's figures.
 */
export const reportRoutes: RouteRegistrar = (server, ctx) => {
  server.get(
    "/reports/reliability",
    handler(ctx, noBody, async ({ actor, request }, reply) => {
      const query = reportQuery.parse(request.query);
      const figures = await buildReliabilityReport(ctx.app, actor, { from: query.from, to: query.to });
      const format = formatOf(request, query.format);
      reply.header("vary", "accept");
      if (format === "json") return { report: figures };
      if (format === "md") return reply.type("text/markdown; charset=utf-8").send(renderReportMarkdown(figures));
      return reply.type("text/html; charset=utf-8").send(renderReportHtml(figures));
    }),
  );
};
