import type { Command } from "commander";
import type { EntryJson, FollowUpJson, IncidentResponse } from "../api-types.js";
import { refArg, userArg } from "../args.js";
import type { CommandContext } from "../context.js";
import type { People } from "../people.js";
import { renderFollowUps, renderTimeline } from "../render.js";

/** timeline, followup, followups. */
export function registerTimelineCommands(program: Command, context: CommandContext): void {
  program
    .command("timeline")
    .description("the incident's timeline, in UTC")
    .argument("<incident>", "incident number", refArg)
    .action(async (ref: number) => {
      const { client, out } = context();
      const result = await client.get<{ incident: number; entries: EntryJson[]; people?: People }>(`/api/v1/incidents/${ref}/timeline`);
      out.show(result, () => renderTimeline(result.entries, result.people));
    });

  program
    .command("followup")
    .description("add a follow-up action to an incident")
    .argument("<incident>", "incident number", refArg)
    .argument("<text...>", "what needs doing")
    .option("--owner <user>", "who owns it (Slack user id)", userArg)
    .action(async (ref: number, text: string[], options: { owner?: string }) => {
      const { client, out } = context();
      const result = await client.post<IncidentResponse>(`/api/v1/incidents/${ref}/followups`, {
        text: text.join(" "),
        owner: options.owner,
      });
      out.show(result, () => `Follow-up added to #${result.incident.number}`);
    });

  program
    .command("followups")
    .description("follow-ups across incidents")
    .option("--open", "only open ones")
    .action(async (options: { open?: boolean }) => {
      const { client, out } = context();
      const result = await client.get<{ followUps: FollowUpJson[]; people?: People }>(
        `/api/v1/followups${options.open ? "?open=true" : ""}`,
      );
      out.show(result, () => renderFollowUps(result.followUps, result.people));
    });
}
