import type { webApi } from "@slack/bolt";
import type { Incident } from "../../../../domain/incident.js";
import type { SlackCommand } from "../../command-parser.js";
import { ephemeral, type Ephemeral, type ListenerContext } from "../listener-context.js";
import type { Actor } from "../../../../domain/actor.js";

/** One invocation of /incident. */
export interface CommandRequest {
  readonly ctx: ListenerContext;
  readonly client: webApi.WebClient;
  readonly userId: string;
  readonly channelId: string;
  readonly triggerId: string;
  /** Where to tell the person more later (30 minutes, 5 uses); absent in tests of old callers. */
  readonly responseUrl?: string;
}

/** What the person who typed the command is told; null when a modal was opened instead. */
export type Answer = Ephemeral | null;

/** A subcommand that runs in an incident's channel, on that incident. */
export interface InChannel<C extends SlackCommand = SlackCommand> {
  readonly request: CommandRequest;
  readonly incident: Incident;
  readonly actor: Actor;
  readonly command: C;
  /** Slack gives each invocation its own trigger id: a repeated delivery does the work once. */
  readonly idempotencyKey: string;
}

/** The parsed form of one subcommand, by name. */
export type CommandNamed<N extends SlackCommand["name"]> = Extract<SlackCommand, { name: N }>;

/** A call of the named in-channel subcommand(s). */
export type InChannelOf<N extends SlackCommand["name"]> = InChannel<CommandNamed<N>>;

export const done = (text: string): Answer => ephemeral(`:white_check_mark: ${text}`);
