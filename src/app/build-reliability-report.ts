import type { Actor } from "../domain/actor.js";
import { lastMonths, monthOf, parseMonthRange, rangeBounds } from "../domain/reliability/month-range.js";
import { REPORTED_MODES, reliabilityFigures, type ReliabilityFigures } from "../domain/reliability/reliability-figures.js";
import { canSee } from "../domain/visibility.js";
import type { AppContext } from "./context.js";
import { orThrow } from "./helpers/incident-access.js";

export interface ReliabilityReportInput {
  /** "2023-06"; both default to the last 12 months up to this one. */
  readonly from?: string;
  readonly to?: string;
}

export const DEFAULT_REPORT_MONTHS = 12;

/** The reliability figures across incidents (seed 000) for a range of months. */
export async function buildReliabilityReport(ctx: AppContext, actor: Actor, input: ReliabilityReportInput): Promise<ReliabilityFigures> {
  const to = input.to ?? lastMonths(ctx.clock.now(), 1).to;
  const range = orThrow(parseMonthRange(input.from ?? lastMonths(to, DEFAULT_REPORT_MONTHS).from, to));
  const { start, end } = rangeBounds(range);
  const filter = { modes: REPORTED_MODES, declaredFrom: start, declaredTo: end };
  const [incidents, span] = await Promise.all([
    ctx.db.read.incidents.listForReport(filter),
    ctx.db.read.incidents.reportSpan({ ...filter, includePrivate: actor.isAdmin || actor.privateAccess === true }),
  ]);
  const month = (date: Date | null) => (date === null ? null : monthOf(date));
  return {
    ...reliabilityFigures(
      incidents.filter((i) => canSee(actor, i)),
      range,
    ),
    outside: { before: span.before, after: span.after, earliest: month(span.earliest), latest: month(span.latest) },
  };
}
