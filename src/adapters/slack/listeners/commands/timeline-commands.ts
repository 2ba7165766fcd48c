import { addFollowUp } from "../../../../app/add-follow-up.js";
import { addNote } from "../../../../app/add-note.js";
import { postStatusUpdate } from "../../../../app/post-status-update.js";
import { conflict } from "../../../../domain/errors.js";
import { updateModal } from "../../blocks/modals.js";
import type { SlackCommand } from "../../command-parser.js";
import { slackCall } from "../../web-api-errors.js";
import { done, type Answer, type InChannel } from "./command-request.js";

type Of<N extends SlackCommand["name"]> = InChannel<Extract<SlackCommand, { name: N }>>;

export async function runNote({ request, incident, actor, command, idempotencyKey }: Of<"note">): Promise<Answer> {
  await addNote(request.ctx.app, { actor, ref: incident.number, text: command.text, idempotencyKey });
  return done(`Added to the timeline of #${incident.number}.`);
}

export async function runFollowUp({ request, incident, actor, command, idempotencyKey }: Of<"followup">): Promise<Answer> {
  await addFollowUp(request.ctx.app, { actor, ref: incident.number, text: command.text, owner: command.owner, idempotencyKey });
  return done(`Follow-up added to #${incident.number}.`);
}

/** With text it posts at once; without, it opens the form prefilled with the template of the current phase. */
export async function runUpdate({ request, incident, actor, command, idempotencyKey }: Of<"update">): Promise<Answer> {
  if (command.text !== "") {
    await postStatusUpdate(request.ctx.app, { actor, ref: incident.number, text: command.text, idempotencyKey });
    return done(`Status update posted for #${incident.number}.`);
  }
  if (incident.phase === "resolved") throw conflict(`Incident #${incident.number} is resolved; reopen it to post updates.`);
  const view = updateModal(incident, request.ctx.templates[incident.phase], request.channelId);
  await slackCall("views.open", () => request.client.views.open({ trigger_id: request.triggerId, view }));
  return null;
}
