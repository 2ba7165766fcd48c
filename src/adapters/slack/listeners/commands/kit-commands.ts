import { pageTeam } from "../../../../app/page-team.js";
import { requestDelivery } from "../../../../app/request-delivery.js";
import { startDrill } from "../../../../app/start-drill.js";
import { suggestRunbooks, type Runbook } from "../../../../domain/runbooks.js";
import { runbookListText } from "../../blocks/runbook-message.js";
import { escapeMrkdwn, userText } from "../../blocks/kit.js";
import { channelName } from "../../channel-name.js";
import { KIT_KIND } from "../../planner/kit-kinds.js";
import { ephemeral, slackActor } from "../listener-context.js";
import { done, type Answer, type CommandNamed, type CommandRequest, type InChannel, type InChannelOf } from "./command-request.js";

/** `/incident page <service> [message]`: recorded now; PagerDuty is asked through the outbox, and the timeline says how it went. */
export async function runPage({ request, incident, actor, command, idempotencyKey }: InChannelOf<"page">): Promise<Answer> {
  if (!request.ctx.pagingConfigured) {
    return ephemeral(
      ":warning: PagerDuty is not configured for paging, so nobody was paged and nothing was recorded. " +
        "An operator sets `PAGERDUTY_API_TOKEN` and `PAGERDUTY_FROM_EMAIL` to enable it.",
    );
  }
  const result = await pageTeam(request.ctx.app, {
    actor,
    ref: incident.number,
    service: command.service,
    message: command.message,
    idempotencyKey,
  });
  const service = `*${userText(command.service)}*`;
  if (result.incident.mode !== "live") {
    return done(`#${incident.number} is a drill: nobody was paged. The timeline records that ${service} would have been.`);
  }
  return done(`Paging ${service} into #${incident.number} through PagerDuty. The channel will say when PagerDuty has it.`);
}

/** Suggested first (best match first), then the rest by name. */
function orderedRunbooks(incident: InChannel["incident"], library: readonly Runbook[]): { suggested: Runbook[]; others: Runbook[] } {
  const suggested = suggestRunbooks(incident, library);
  return { suggested, others: library.filter((r) => !suggested.includes(r)) };
}

/** `/incident runbook [name]`: without a name the list; with one, the runbook posted in the channel. */
export async function runRunbook({ request, incident, actor, command, idempotencyKey }: InChannelOf<"runbook">): Promise<Answer> {
  const library = request.ctx.app.library?.runbooks ?? [];
  const { suggested, others } = orderedRunbooks(incident, library);
  if (command.runbook === "") return ephemeral(runbookListText(suggested, others));
  const wanted = command.runbook.toLowerCase().replace(/\.md$/, "");
  const runbook = library.find((r) => r.name.toLowerCase() === wanted || r.title.toLowerCase() === wanted);
  if (!runbook) return ephemeral(runbookListText(suggested, others, command.runbook));
  await requestDelivery(request.ctx.app, {
    actor,
    ref: incident.number,
    upstream: "slack",
    kind: KIT_KIND.postRunbook,
    payload: { runbook: runbook.name, requestedBy: request.userId },
    idempotencyKey,
  });
  return done(`Posting the runbook *${escapeMrkdwn(runbook.title)}* in this channel.`);
}

/** `/incident postmortem`: the draft, built from the timeline when it is posted, as a file in the channel. */
export async function runPostmortem({ request, incident, actor, idempotencyKey }: InChannelOf<"postmortem">): Promise<Answer> {
  await requestDelivery(request.ctx.app, {
    actor,
    ref: incident.number,
    upstream: "slack",
    kind: KIT_KIND.postPostmortem,
    payload: { requestedBy: request.userId },
    idempotencyKey,
  });
  return done(`Building the postmortem draft of #${incident.number} from its timeline: it will be posted here as a file and bookmarked.`);
}

/**
 * `/incident drill [scenario]`: a practice incident with its own channel. The
 * answer names the channel at once; a link to it follows (through the
 * command's response_url) once Slack has created it.
 */
export async function runDrill(request: CommandRequest, command: CommandNamed<"drill">): Promise<Answer> {
  const actor = slackActor(request.ctx, request.userId);
  const idempotencyKey = `slack:${request.triggerId}`;
  const { incident } = await startDrill(request.ctx.app, { actor, scenario: command.scenario || undefined, idempotencyKey });
  if (request.responseUrl) {
    await requestDelivery(request.ctx.app, {
      actor,
      ref: incident.number,
      upstream: "slack",
      kind: KIT_KIND.tellChannel,
      payload: { responseUrl: request.responseUrl, text: `:test_tube: Drill #${incident.number} is ready:` },
      idempotencyKey,
    });
  }
  return done(
    `:test_tube: Drill #${incident.number} started: ${escapeMrkdwn(incident.title)}. Sitrep is opening #${channelName(incident.number, incident.title)} ` +
      "and inviting you; a link follows. It runs like a real incident but never reaches the status page, PagerDuty or the reports.",
  );
}
