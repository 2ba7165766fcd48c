import type { App } from "@slack/bolt";
import { escapeMrkdwn } from "../../blocks/kit.js";
import { parseCommand } from "../../command-parser.js";
import { usageLine } from "../../command-usage.js";
import { ephemeral, type ListenerContext } from "../listener-context.js";
import { routeCommand } from "./command-router.js";
import { answerInTime } from "./answer-in-time.js";

/**
 * `/incident …`. The answer is the ack itself (ephemeral), sent after the use
 * case has committed; what the change means for the channel follows from the
 * outbox. A malformed command changes nothing and is answered with its usage.
 */
export function registerIncidentCommand(bolt: App, ctx: ListenerContext): void {
  bolt.command("/incident", async ({ command, ack }) => {
    const parsed = parseCommand(command.text ?? "");
    if (!parsed.ok) {
      // One usage line, not the whole help: `/incident help` is there for that.
      const usage = parsed.usage ? `Usage: ${usageLine(parsed.usage)}` : "`/incident help` lists every command.";
      await ack(ephemeral(`:warning: ${escapeMrkdwn(parsed.error)}\n${usage}`));
      return;
    }
    const request = {
      ctx,
      client: ctx.client,
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      responseUrl: command.response_url,
    };
    const answer = await answerInTime(ctx, () => routeCommand(request, parsed.command));
    await (answer ? ack(answer) : ack());
    ctx.log.debug({ subcommand: parsed.command.name }, "slack command answered");
  });
}
