import { z } from "zod";
import { importIncidents } from "../../../app/import-incidents.js";
import type { ImportFile } from "../../../domain/incident-import/import-file.js";
import type { RouteRegistrar } from "../context.js";
import { handler } from "../route-helpers.js";

/** Import files are bigger than API calls: two years of a large team's incidents fit. */
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

const importQuery = z.object({ name: z.string().max(200).optional() });

/**
 * POST /api/v1/import: past incidents as JSON (`{ "incidents": [ … ] }`) or CSV
 * text (`Content-Type: text/csv`). Admin tokens only; all or nothing.
 */
export const importRoutes: RouteRegistrar = (server, ctx) => {
  if (!server.hasContentTypeParser("text/csv")) {
    server.addContentTypeParser("text/csv", { parseAs: "string" }, (_request, body, done) => done(null, body));
  }
  server.post(
    "/api/v1/import",
    { bodyLimit: IMPORT_BODY_LIMIT },
    handler(ctx, z.unknown(), async ({ actor, body, request }) => {
      const file: ImportFile = typeof body === "string" ? { format: "csv", text: body } : { format: "json", value: body };
      const { name } = importQuery.parse(request.query);
      const result = await importIncidents(ctx.app, { actor, file, fileName: name });
      return { imported: result.imported.length, skipped: result.skipped.length, incidents: result.imported.map((i) => i.number) };
    }),
  );
};
