import { statusAcross, worstStatus, type ComponentStatus } from "../domain/component-status.js";
import type { Incident, IncidentMode } from "../domain/incident.js";
import type { Phase } from "../domain/phase.js";
import { replayPublicUpdates, type PublicUpdate } from "../domain/public-updates.js";
import type { Severity } from "../domain/severity.js";
import type { AppContext } from "./context.js";

/**
 * Views of the built-in status page. `live` is what customers see; `drill`
 * (`/status?view=drill`) shows published drills, so a team practises the
 * status page too without customers ever seeing a drill.
 */
export const STATUS_PAGE_VIEWS = { live: { modes: ["live"] }, drill: { modes: ["drill"] } } as const satisfies Record<
  string,
  { modes: readonly IncidentMode[] }
>;
export type StatusPageView = keyof typeof STATUS_PAGE_VIEWS;

export const HISTORY_DAYS = 90;

/** An incident as customers see it: no channel, no roles, no notes. */
export interface PublicIncident {
  readonly number: number;
  readonly title: string;
  readonly phase: Phase;
  readonly severity: Severity;
  readonly components: readonly string[];
  readonly declaredAt: Date;
  readonly resolvedAt: Date | null;
  /** Newest first, as status pages show them. */
  readonly updates: readonly PublicUpdate[];
}

export interface PublicStatus {
  readonly components: ReadonlyArray<{ readonly name: string; readonly status: ComponentStatus }>;
  readonly open: readonly PublicIncident[];
  /** Resolved in the last 90 days, newest first. */
  readonly past: readonly PublicIncident[];
}

function isShown(incident: Incident, view: StatusPageView): boolean {
  const modes: readonly IncidentMode[] = STATUS_PAGE_VIEWS[view].modes;
  return incident.public && !incident.private && modes.includes(incident.mode);
}

async function toPublic(ctx: AppContext, incident: Incident): Promise<PublicIncident> {
  const entries = await ctx.db.read.timeline.list(incident.id);
  const { number, title, phase, severity, components, declaredAt, resolvedAt } = incident;
  const updates = replayPublicUpdates(entries).reverse();
  return { number, title, phase, severity, components, declaredAt, resolvedAt, updates };
}

/** The page: every component and its state, open incidents with every update, and 90 days of history. */
export async function publicStatus(ctx: AppContext, view: StatusPageView, configuredComponents: readonly string[]): Promise<PublicStatus> {
  const incidents = await shownIncidents(ctx, view);
  const shown = await Promise.all(incidents.map((incident) => toPublic(ctx, incident)));
  const open = incidents.filter((i) => i.phase !== "resolved");
  const names = [...new Set([...configuredComponents, ...incidents.flatMap((i) => i.components)])];
  const components = names.map((name) => ({
    name,
    status: statusAcross(open, name),
  }));
  return {
    components,
    open: shown.filter((i) => i.phase !== "resolved"),
    past: shown.filter((i) => i.phase === "resolved").sort((a, b) => b.resolvedAt!.getTime() - a.resolvedAt!.getTime()),
  };
}

/** Open incidents and those declared in the last 90 days that customers may see, newest first. */
export async function shownIncidents(ctx: AppContext, view: StatusPageView): Promise<Incident[]> {
  const modes = STATUS_PAGE_VIEWS[view].modes;
  const declaredFrom = new Date(ctx.clock.now().getTime() - HISTORY_DAYS * 86_400_000);
  const [open, recent] = await Promise.all([
    ctx.db.read.incidents.list({ open: true, modes }),
    ctx.db.read.incidents.list({ declaredFrom, modes }),
  ]);
  const byNumber = new Map([...recent, ...open].filter((i) => isShown(i, view)).map((i) => [i.number, i]));
  return [...byNumber.values()].sort((a, b) => b.number - a.number);
}

/** One incident's page; null when customers may not see it (private, internal, a drill, unknown). */
export async function publicIncident(ctx: AppContext, view: StatusPageView, number: number): Promise<PublicIncident | null> {
  const incident = await ctx.db.read.incidents.findByNumber(number);
  return incident && isShown(incident, view) ? toPublic(ctx, incident) : null;
}

/** The most recent incidents with their updates, for the Atom feed. */
export async function recentPublicIncidents(ctx: AppContext, view: StatusPageView, limit: number): Promise<PublicIncident[]> {
  const incidents = (await shownIncidents(ctx, view)).slice(0, limit);
  return Promise.all(incidents.map((incident) => toPublic(ctx, incident)));
}

/**
 * The statuses to give an incident's components on a status page that other
 * open incidents share: each component shows the worst of this incident's own
 * status and every other open, customer-facing incident naming it, so resolving
 * a minor incident never paints a component operational while a major one is open.
 */
export async function sharedComponentStatuses(
  ctx: AppContext,
  incidentId: number,
  own: Readonly<Record<string, ComponentStatus>>,
): Promise<Record<string, ComponentStatus>> {
  const names = Object.keys(own);
  if (names.length === 0) return {};
  const others = (await ctx.db.read.incidents.list({ open: true, modes: ["live"] })).filter(
    (i) => i.id !== incidentId && isShown(i, "live"),
  );
  return Object.fromEntries(names.map((name) => [name, worstStatus([own[name]!, statusAcross(others, name)])]));
}
