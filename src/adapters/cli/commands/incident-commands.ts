import type { Command } from "commander";
import type { FollowUpJson, IncidentJson, IncidentResponse, UpdateJson } from "../api-types.js";
import type { CommandContext } from "../context.js";
import type { People } from "../people.js";
import { renderIncident, renderIncidentLine, renderIncidentList } from "../render.js";
import { refArg, severityOption } from "../args.js";

/** declare, list, show. */
export function registerIncidentCommands(program: Command, context: CommandContext): void {
  program
    .command("declare")
    .description("declare an incident")
    .argument("<title...>", "what is wrong, in a few words")
    .option("--sev <n>", "severity, 1 (critical) to 4 (low)", severityOption, 3)
    .option("--public", "show it on the status page", false)
    .option("--private", "a private (security) incident", false)
    .option("--description <text>", "more detail")
    .option("--component <name...>", "affected components")
    .action(
      async (title: string[], options: { sev: number; public: boolean; private: boolean; description?: string; component?: string[] }) => {
        const { client, out } = context();
        const result = await client.post<IncidentResponse>("/api/v1/incidents", {
          title: title.join(" "),
          severity: options.sev,
          public: options.public,
          private: options.private,
          description: options.description,
          components: options.component,
        });
        out.show(result, () => `Declared ${renderIncidentLine(result.incident)}`);
      },
    );

  program
    .command("list")
    .description("list incidents, newest first")
    .option("--open", "only open incidents")
    .option("--resolved", "only resolved incidents")
    .option("--limit <n>", "how many", (v) => Number(v), 50)
    .action(async (options: { open?: boolean; resolved?: boolean; limit: number }) => {
      const { client, out } = context();
      const status = options.open ? "open" : options.resolved ? "resolved" : "all";
      const result = await client.get<{ incidents: IncidentJson[]; people?: People }>(
        `/api/v1/incidents?status=${status}&limit=${options.limit}`,
      );
      out.show(result, () => renderIncidentList(result.incidents, result.people));
    });

  program
    .command("show")
    .description("show one incident")
    .argument("<incident>", "incident number", refArg)
    .action(async (ref: number) => {
      const { client, out } = context();
      const result = await client.get<{ incident: IncidentJson; updates: UpdateJson[]; followUps: FollowUpJson[]; people?: People }>(
        `/api/v1/incidents/${ref}`,
      );
      out.show(result, () => renderIncident(result.incident, result.updates, result.followUps, result.people));
    });
}
