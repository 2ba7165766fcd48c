import type { Actor } from "../domain/actor.js";
import { cleanText } from "../domain/validation.js";
import { invalidInput } from "../domain/errors.js";
import { entry, stamp, type CapturedMessage } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { loadForChange, type IncidentRef } from "./helpers/incident-access.js";
import { recordChange } from "./helpers/record-change.js";
import { runIncidentUseCase, type IncidentResult } from "./helpers/run-use-case.js";

export interface CaptureMessageInput {
  readonly actor: Actor;
  readonly ref: IncidentRef;
  readonly message: CapturedMessage;
  /** When the message was written (its own Slack ts), not when it was captured. */
  readonly occurredAt: Date;
}

/**
 * Adds a chat message to the timeline (a :pushpin: or the "Add to incident
 * timeline" shortcut), as it arrives. One message is captured once: a second
 * pin of it records nothing and enqueues nothing (`entries` is then empty).
 */
export async function captureMessage(ctx: AppContext, input: CaptureMessageInput): Promise<IncidentResult> {
  const { actor, message } = input;
  if (message.channel.trim() === "" || message.ts.trim() === "") throw invalidInput("message", "The message has no channel or time.");
  if (Number.isNaN(input.occurredAt.getTime())) throw invalidInput("message", "The message time is not valid.");
  return runIncidentUseCase(ctx, "capture_message", undefined, async (tx) => {
    const incident = await loadForChange(tx, input.ref, actor);
    const by = stamp(actor, input.occurredAt, `pin:${message.channel}:${message.ts}`);
    return recordChange(ctx, tx, incident, incident, {}, [
      entry("message_pinned", by, { message: { ...message, text: cleanText(message.text) } }),
    ]);
  });
}
