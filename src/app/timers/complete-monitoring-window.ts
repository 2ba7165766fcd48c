import { SYSTEM_ACTOR } from "../../domain/actor.js";
import { entry, stamp } from "../../domain/timeline.js";
import type { AppContext } from "../context.js";
import { recordChange, type Recorded } from "../helpers/record-change.js";
import { noteIncident } from "../../log-context.js";

export interface MonitoringWindowJob {
  readonly incidentId: number;
  readonly monitoringAt: string;
}

/** The monitoring window has passed: say so (and offer to resolve), once, if still monitoring since then. */
export async function completeMonitoringWindow(ctx: AppContext, job: MonitoringWindowJob): Promise<Recorded | null> {
  return ctx.db.transaction(async (tx) => {
    const incident = await tx.incidents.findById(job.incidentId, { lock: true });
    if (incident !== null) noteIncident(incident.number);
    const since = incident?.monitoringAt?.toISOString();
    if (incident === null || incident.phase !== "monitoring" || since !== job.monitoringAt) return null;
    const recorded = await recordChange(ctx, tx, incident, incident, {}, [
      entry("monitoring_window_completed", stamp(SYSTEM_ACTOR, ctx.clock.now(), `monitoring-window:${job.monitoringAt}`), {
        since: job.monitoringAt,
      }),
    ]);
    return recorded.entries.length > 0 ? recorded : null;
  });
}
