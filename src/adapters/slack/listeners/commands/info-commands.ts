import { findIncidentByChannel } from "../../../../app/find-incident.js";
import { getIncident, getTimeline, listIncidents } from "../../../../app/incident-queries.js";
import { incidentListMessage } from "../../blocks/incident-list.js";
import { statusReportMessage } from "../../blocks/status-report.js";
import { helpText } from "../../command-usage.js";
import { ephemeral, slackActor } from "../listener-context.js";
import type { Answer, CommandRequest, InChannel } from "./command-request.js";

export async function runList(request: CommandRequest): Promise<Answer> {
  const { ctx } = request;
  const here = await findIncidentByChannel(ctx.app, request.channelId);
  const actor = slackActor(ctx, request.userId);
  const visible = await listIncidents(ctx.app, actor, { open: true, limit: 40 });
  // The private incident whose channel this is stays listed to its own members.
  const incidents =
    here && here.private && !visible.some((i) => i.id === here.id) && here.phase !== "resolved" ? [here, ...visible] : visible;
  const msg = incidentListMessage(incidents, ctx.app.clock.now());
  return ephemeral(msg.text, msg.blocks);
}

export function runHelp(): Answer {
  return ephemeral(helpText());
}

/** A catch-up for whoever just joined: phase, roles, the latest update, recent entries, what is due. */
export async function runStatus({ request, incident, actor }: InChannel): Promise<Answer> {
  const [detail, timeline, readerZone, breakers] = await Promise.all([
    getIncident(request.ctx.app, actor, incident.number),
    getTimeline(request.ctx.app, actor, incident.number),
    request.ctx.zones.of(request.userId),
    request.ctx.breakers?.list() ?? [],
  ]);
  const msg = statusReportMessage({
    incident: detail.incident,
    latestUpdate: detail.updates.at(-1) ?? null,
    recent: timeline.entries,
    openFollowUps: detail.followUps.filter((f) => f.doneAt === null),
    readerZone,
    awaitingApproval: detail.updates.some((u) => u.approval === "pending"),
    held: breakers.filter((b) => b.reason === "misconfigured"),
  });
  return ephemeral(msg.text, msg.blocks);
}
