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

/** Each subcommand's parsed form, by name. */
type Commands = { [C in SlackCommand as C["name"]]: C };

/** Subcommands that need no incident: typed anywhere. */
type AnywhereName = "open_declare_form" | "declare" | "list" | "help" | "drill";
/** Every other subcommand runs on the incident whose channel it is typed in. */
type InChannelName = Exclude<SlackCommand["name"], AnywhereName>;

// Both registries are complete by type: a subcommand the parser knows and no handler takes fails the typecheck.
const ANYWHERE: { [N in AnywhereName]: (request: CommandRequest, command: Commands[N]) => Answer | Promise<Answer> } = {
  open_declare_form: openDeclareForm,
  declare: runDeclare,
  list: runList,
  help: runHelp,
  drill: runDrill,
};

const IN_CHANNEL: { [N in InChannelName]: (call: InChannel<Commands[N]>) => Promise<Answer> } = {
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
};

const isAnywhere = (command: SlackCommand): command is Commands[AnywhereName] => Object.hasOwn(ANYWHERE, command.name);

export async function routeCommand(request: CommandRequest, command: SlackCommand): Promise<Answer> {
  if (isAnywhere(command)) return runAnywhere(command.name, request, command);
  const incident = await findIncidentByChannel(request.ctx.app, request.channelId);
  if (incident === null) return notInIncidentChannel(command);
  const actor = slackActor(request.ctx, request.userId, { inIncidentChannel: true });
  return runInChannel(command.name, { request, incident, actor, command, idempotencyKey: `slack:${request.triggerId}` });
}

// One generic call per registry: the name and the command it came with are the same subcommand.
function runAnywhere<N extends AnywhereName>(name: N, request: CommandRequest, command: Commands[N]): Answer | Promise<Answer> {
  return ANYWHERE[name](request, command);
}

function runInChannel<N extends InChannelName>(name: N, call: InChannel<Commands[N]>): Promise<Answer> {
  return IN_CHANNEL[name](call);
}

function notInIncidentChannel(command: SlackCommand): Answer {
  const name = command.name === "phase" ? (command.phase === "investigating" ? "reopen" : command.phase) : command.name;
  const usage = isSubcommand(name) ? `\nUsage: ${usageLine(name)}` : "";
  return ephemeral(
    `:warning: \`/incident ${name}\` works in an incident's channel, and this channel is not one. ` +
      `Run it there (\`/incident list\` shows them).${usage}`,
  );
}
