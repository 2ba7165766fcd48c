import { findIncidentByChannel } from "../../../../app/find-incident.js";
import type { SlackCommand } from "../../command-parser.js";
import { isSubcommand, usageLine } from "../../command-usage.js";
import { ephemeral, slackActor } from "../listener-context.js";
import { runHandoff, runImpact, runPhase, runPublish, runRole, runSeverity, runSource } from "./change-commands.js";
import type { Answer, CommandRequest, InChannel } from "./command-request.js";
import { openDeclareForm, runDeclare } from "./declare-commands.js";
import { runHelp, runList, runStatus } from "./info-commands.js";
import { runDrill, runPage, runPostmortem, runRunbook } from "./kit-commands.js";
import { runFollowUp, runFollowUpDone, runFollowUps, runNote, runUpdate } from "./timeline-commands.js";

type ChannelHandler = (call: InChannel<never>) => Promise<Answer>;

/** Subcommands that run on the incident whose channel they are typed in. */
const IN_CHANNEL: Partial<Record<SlackCommand["name"], ChannelHandler>> = {
  status: runStatus,
  commander: runRole,
  comms: runRole,
  handoff: runHandoff,
  update: runUpdate,
  phase: runPhase,
  severity: runSeverity,
  note: runNote,
  publish: runPublish,
  followup: runFollowUp,
  followup_done: runFollowUpDone,
  followups: runFollowUps,
  source: runSource,
  impact: runImpact,
  page: runPage,
  runbook: runRunbook,
  postmortem: runPostmortem,
} as Record<string, ChannelHandler>;

export async function routeCommand(request: CommandRequest, command: SlackCommand): Promise<Answer> {
  if (command.name === "open_declare_form") return openDeclareForm(request);
  if (command.name === "declare") return runDeclare(request, command);
  if (command.name === "list") return runList(request);
  if (command.name === "help") return runHelp();
  if (command.name === "drill") return runDrill(request, command);
  const handler = IN_CHANNEL[command.name];
  if (!handler) return ephemeral(`\`/incident ${command.name}\` is not available yet.`);
  const incident = await findIncidentByChannel(request.ctx.app, request.channelId);
  if (incident === null) return notInIncidentChannel(command);
  const actor = slackActor(request.ctx, request.userId, { inIncidentChannel: true });
  return handler({ request, incident, actor, command: command as never, idempotencyKey: `slack:${request.triggerId}` });
}

function notInIncidentChannel(command: SlackCommand): Answer {
  const name = command.name === "phase" ? (command.phase === "investigating" ? "reopen" : command.phase) : command.name;
  const usage = isSubcommand(name) ? `\nUsage: ${usageLine(name)}` : "";
  return ephemeral(
    `:warning: \`/incident ${name}\` works in an incident's channel, and this channel is not one. ` +
      `Run it there (\`/incident list\` shows them).${usage}`,
  );
}
