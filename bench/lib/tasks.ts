import { buildReliabilityReport } from "../../src/app/build-reliability-report.js";
import type { AppContext } from "../../src/app/context.js";
import { exportPostmortem } from "../../src/app/export-postmortem.js";
import type { Actor } from "../../src/domain/actor.js";
import { timeToResolveMs } from "../../src/domain/incident-times.js";
import { buildPostmortem } from "../../src/domain/postmortem/build-postmortem.js";
import { rangeBounds } from "../../src/domain/reliability/month-range.js";
import { renderReportHtml } from "../../src/domain/reliability/render-report.js";
import { reliabilityFigures } from "../../src/domain/reliability/reliability-figures.js";

export const ADMIN: Actor = { id: "UBENCH", via: "api", isAdmin: true, privateAccess: true };
/** The incident with the 10,000-event timeline (seeded by bench/lib/seed.ts). */
export const BIG_INCIDENT = 1;
export const REPORT_RANGE = { from: "2022-03", to: "2024-02" } as const;

/** Loads what a task needs (untimed) and returns the work to measure. */
type Task = (ctx: AppContext) => Promise<() => Promise<unknown> | unknown>;

async function postmortemInputs(ctx: AppContext) {
  const { read } = ctx.db;
  const incident = (await read.incidents.findByNumber(BIG_INCIDENT))!;
  const [entries, updates, followUps, checklist] = await Promise.all([
    read.timeline.list(incident.id),
    read.updates.list(incident.id),
    read.followUps.list(incident.id),
    read.checklist.list(incident.id),
  ]);
  return { incident, entries, updates, followUps, checklist };
}

/** The same read the report does (one raw query, only the columns it needs). */
async function reportInputs(ctx: AppContext) {
  const { start, end } = rangeBounds(REPORT_RANGE);
  return ctx.db.read.incidents.listForReport({ modes: ["live", "imported"], declaredFrom: start, declaredTo: end });
}

/** The simplest useful pass over the same incidents: minutes per month. */
function plainLoop(incidents: Awaited<ReturnType<typeof reportInputs>>): Map<string, number> {
  const perMonth = new Map<string, number>();
  for (const incident of incidents) {
    const month = incident.declaredAt.toISOString().slice(0, 7);
    perMonth.set(month, (perMonth.get(month) ?? 0) + (timeToResolveMs(incident) ?? 0) / 60_000);
  }
  return perMonth;
}

export const TASKS: Record<string, Task> = {
  // Postmortem draft of a 10,000-event timeline, from inputs in memory …
  "postmortem-build": async (ctx) => {
    const input = await postmortemInputs(ctx);
    return () => buildPostmortem(input);
  },
  "postmortem-json": async (ctx) => {
    const input = await postmortemInputs(ctx);
    return () => JSON.stringify(input);
  },
  // … and end to end from the database (what GET …/postmortem does), beside reading the timeline as JSON.
  "postmortem-export": async (ctx) => () => exportPostmortem(ctx, ADMIN, BIG_INCIDENT),
  "timeline-json": async (ctx) => async () => JSON.stringify(await postmortemInputs(ctx)),
  // Reliability report over 10,000 incidents, in memory …
  "report-render": async (ctx) => {
    const incidents = await reportInputs(ctx);
    return () => renderReportHtml(reliabilityFigures(incidents, REPORT_RANGE));
  },
  "report-loop": async (ctx) => {
    const incidents = await reportInputs(ctx);
    return () => plainLoop(incidents);
  },
  // … and end to end from the database (GET /reports/reliability as HTML).
  "report-export": async (ctx) => async () => renderReportHtml(await buildReliabilityReport(ctx, ADMIN, REPORT_RANGE)),
  "incidents-loop": async (ctx) => async () => plainLoop(await reportInputs(ctx)),
};
