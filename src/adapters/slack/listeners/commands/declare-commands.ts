import { declareIncident } from "../../../../app/declare-incident.js";
import { declareModal } from "../../blocks/modals.js";
import { channelName } from "../../channel-name.js";
import { slackCall } from "../../web-api-errors.js";
import { slackActor } from "../listener-context.js";
import { done, type Answer, type CommandNamed, type CommandRequest } from "./command-request.js";

export async function openDeclareForm(request: CommandRequest): Promise<Answer> {
  const view = declareModal(request.channelId);
  await slackCall("views.open", () => request.client.views.open({ trigger_id: request.triggerId, view }));
  return null;
}

/** `/incident declare <title> …`: declared at once; the channel, header and announcement follow from the outbox. */
export async function runDeclare(request: CommandRequest, command: CommandNamed<"declare">): Promise<Answer> {
  const result = await declareIncident(request.ctx.app, {
    actor: slackActor(request.ctx, request.userId),
    title: command.title,
    severity: command.severity,
    public: command.public,
    private: command.private,
    idempotencyKey: `slack:${request.triggerId}`,
  });
  const { incident } = result;
  const channel = channelName(incident.number, incident.title);
  return done(
    `Declared incident #${incident.number}. Sitrep is opening its ${incident.private ? "private " : ""}channel #${channel} and inviting you.`,
  );
}
