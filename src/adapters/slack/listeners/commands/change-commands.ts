import { assignRole } from "../../../../app/assign-role.js";
import { changePhase } from "../../../../app/change-phase.js";
import { handOff } from "../../../../app/hand-off.js";
import { publishIncident } from "../../../../app/publish-incident.js";
import { publishedAnswer } from "../../../../domain/where-published.js";
import { setImpact } from "../../../../app/set-impact.js";
import { setSeverity } from "../../../../app/set-severity.js";
import { setSource } from "../../../../app/set-source.js";
import { readTime, utcAndLocal } from "../../../../domain/local-time.js";
import { PHASE_LABELS } from "../../../../domain/phase.js";
import { severityLabel } from "../../../../domain/severity.js";
import { roleDutiesText } from "../../blocks/entry-message.js";
import { done, type Answer, type InChannelOf } from "./command-request.js";

export async function runRole({ request, incident, actor, command, idempotencyKey }: InChannelOf<"commander" | "comms">): Promise<Answer> {
  const role = command.name === "commander" ? "commander" : "communications";
  await assignRole(request.ctx.app, { actor, ref: incident.number, role, user: command.user, idempotencyKey });
  const text = `<@${command.user}> is now the ${role === "commander" ? "incident commander" : "communications lead"} of #${incident.number}.`;
  return done(command.user === request.userId ? `${text}\n${roleDutiesText(role)}` : text);
}

export async function runHandoff({ request, incident, actor, command, idempotencyKey }: InChannelOf<"handoff">): Promise<Answer> {
  await handOff(request.ctx.app, { actor, ref: incident.number, to: command.user, notes: command.notes, idempotencyKey });
  return done(`Handed #${incident.number} over to <@${command.user}>; the brief is being posted here.`);
}

export async function runPhase({ request, incident, actor, command, idempotencyKey }: InChannelOf<"phase">): Promise<Answer> {
  const { phase, text, force } = command;
  await changePhase(request.ctx.app, { actor, ref: incident.number, to: phase, text, force, idempotencyKey });
  const reopened = phase === "investigating" && incident.phase === "resolved" ? " (reopened)" : "";
  return done(`#${incident.number} is now ${PHASE_LABELS[phase].toLowerCase()}${reopened}.`);
}

export async function runSeverity({ request, incident, actor, command, idempotencyKey }: InChannelOf<"severity">): Promise<Answer> {
  await setSeverity(request.ctx.app, { actor, ref: incident.number, severity: command.severity, idempotencyKey });
  return done(`#${incident.number} is now ${severityLabel(command.severity)}.`);
}

export async function runPublish({ request, incident, actor, idempotencyKey }: InChannelOf<"publish">): Promise<Answer> {
  await publishIncident(request.ctx.app, { actor, ref: incident.number, idempotencyKey });
  return done(publishedAnswer(incident));
}

export async function runSource({ request, incident, actor, command, idempotencyKey }: InChannelOf<"source">): Promise<Answer> {
  await setSource(request.ctx.app, { actor, ref: incident.number, source: command.source, provider: command.provider, idempotencyKey });
  return done(`#${incident.number} is classified as ${command.source}${command.provider ? ` (${command.provider})` : ""}.`);
}

/** Times typed without a zone are the typist's own (their Slack tz), UTC when Slack does not know it; the answer shows both. */
export async function runImpact({ request, incident, actor, command, idempotencyKey }: InChannelOf<"impact">): Promise<Answer> {
  const zone = await request.ctx.zones.of(request.userId);
  const read = (text: string) => readTime(text, zone ?? "utc") ?? new Date(Number.NaN);
  const start = read(command.start);
  const end = command.end === null ? null : read(command.end);
  await setImpact(request.ctx.app, { actor, ref: incident.number, start, end, idempotencyKey });
  const shown = `${utcAndLocal(start, zone)} – ${end ? utcAndLocal(end, zone) : "ongoing"}`;
  const readAs = zone ? `your Slack time zone, ${zone}` : "UTC (Slack does not know your time zone)";
  return done(`Customer impact of #${incident.number}: ${shown}. Times typed without a zone were read in ${readAs}.`);
}
