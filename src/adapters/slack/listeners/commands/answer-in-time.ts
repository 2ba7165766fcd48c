import { DATABASE_UNAVAILABLE } from "../../../../domain/errors.js";
import { escapeMrkdwn } from "../../blocks/kit.js";
import { settleWithin, withDeadline } from "../../../../request-deadline.js";
import { errorText, ephemeral, type ListenerContext } from "../listener-context.js";
import type { Answer } from "./command-request.js";

/** Slack shows "operation_timeout" after 3 s; the answer must be on its way well before. */
export const ACK_DEADLINE_MS = 2_500;
const PING_MS = 250;

/**
 * Runs a command and answers by the deadline. Too slow (the database hangs),
 * the person is told nothing was recorded — and the work left running is kept
 * from committing, so that stays true. Never answers twice.
 */
export async function answerInTime(ctx: ListenerContext, run: () => Promise<Answer>, deadlineMs = ACK_DEADLINE_MS): Promise<Answer> {
  const late = new AbortController();
  const work = withDeadline(late.signal, run);
  try {
    const outcome = await settleWithin(work, deadlineMs);
    if (outcome.done) return outcome.value;
  } catch (error) {
    return ephemeral(errorText(error, ctx.log));
  }
  late.abort();
  work.catch((error: unknown) => ctx.log.warn({ err: error }, "a slack command answered late was not recorded"));
  const databaseAnswers = await settleWithin(ctx.ping?.() ?? Promise.resolve(), PING_MS).then(
    (outcome) => outcome.done,
    () => false,
  );
  ctx.log.error({ databaseAnswers, deadlineMs }, "slack command not done in time; answered that nothing was recorded");
  return ephemeral(
    `:warning: ${escapeMrkdwn(databaseAnswers ? "Sitrep took too long to answer; nothing was recorded — try again." : DATABASE_UNAVAILABLE)}`,
  );
}
