import { addFollowUp } from "../../../../app/add-follow-up.js";
import { addNote } from "../../../../app/add-note.js";
import { completeFollowUp } from "../../../../app/complete-follow-up.js";
import { getIncident } from "../../../../app/incident-queries.js";
import { postStatusUpdate } from "../../../../app/post-status-update.js";
import { conflict } from "../../../../domain/errors.js";
import { who } from "../../blocks/format.js";
import { escapeMrkdwn } from "../../blocks/kit.js";
import { updateModal } from "../../blocks/modals.js";
import { slackCall } from "../../web-api-errors.js";
import { ephemeral } from "../listener-context.js";
import { done, type Answer, type InChannelOf } from "./command-request.js";

export async function runNote({ request, incident, actor, command, idempotencyKey }: InChannelOf<"note">): Promise<Answer> {
  await addNote(request.ctx.app, { actor, ref: incident.number, text: command.text, idempotencyKey });
  return done(`Added to the timeline of #${incident.number}.`);
}

export async function runFollowUp({ request, incident, actor, command, idempotencyKey }: InChannelOf<"followup">): Promise<Answer> {
  await addFollowUp(request.ctx.app, { actor, ref: incident.number, text: command.text, owner: command.owner, idempotencyKey });
  return done(`Follow-up added to #${incident.number}.`);
}

/** `/incident followups`: this incident's follow-ups with their ids, open ones first, for `followup done <id>`. */
export async function runFollowUps({ request, incident, actor }: InChannelOf<"followups">): Promise<Answer> {
  const { followUps } = await getIncident(request.ctx.app, actor, incident.number);
  if (followUps.length === 0)
    return ephemeral(`#${incident.number} has no follow-ups yet. Add one: \`/incident followup <text> [@owner]\``);
  const ordered = [...followUps].sort((a, b) => Number(a.doneAt !== null) - Number(b.doneAt !== null) || a.id - b.id);
  const lines = ordered.map((f) => {
    const owner = f.owner ? ` · ${who(f.owner)}` : "";
    return `${f.doneAt ? ":white_check_mark:" : ":white_large_square:"} \`${f.id}\` ${escapeMrkdwn(f.text)}${owner}`;
  });
  const open = followUps.filter((f) => f.doneAt === null).length;
  return ephemeral(
    [`*Follow-ups of #${incident.number}* (${open} open)`, ...lines, "Close one: `/incident followup done <id>`"].join("\n"),
  );
}

export async function runFollowUpDone({ request, actor, command, idempotencyKey }: InChannelOf<"followup_done">): Promise<Answer> {
  const result = await completeFollowUp(request.ctx.app, { actor, followUpId: command.id, idempotencyKey });
  return done(`Follow-up ${command.id} of #${result.incident.number} is done: ${escapeMrkdwn(result.followUp.text)}`);
}

/** With text it posts at once; without, it opens the form prefilled with the template of the current phase. */
export async function runUpdate({ request, incident, actor, command, idempotencyKey }: InChannelOf<"update">): Promise<Answer> {
  if (command.text !== "") {
    await postStatusUpdate(request.ctx.app, { actor, ref: incident.number, text: command.text, idempotencyKey });
    return done(`Status update posted for #${incident.number}.`);
  }
  if (incident.phase === "resolved") throw conflict(`Incident #${incident.number} is resolved; reopen it to post updates.`);
  const view = updateModal(incident, request.ctx.templates[incident.phase], request.channelId);
  await slackCall("views.open", () => request.client.views.open({ trigger_id: request.triggerId, view }));
  return null;
}
