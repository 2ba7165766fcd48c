import type { Command } from "commander";
import { refArg } from "../args.js";
import type { CommandContext } from "../context.js";

interface PageResponse {
  incident: { number: number };
  page: { service: string; state: "requested" | "drill" } | null;
}

/** `sitrep page 42 <service>`: page a team into the incident through PagerDuty. */
export function registerPageCommands(program: Command, context: CommandContext): void {
  program
    .command("page")
    .description("page a team into the incident through PagerDuty (service id or name)")
    .argument("<incident>", "incident number", refArg)
    .argument("<service...>", "PagerDuty service id (P…) or name")
    .action(async (ref: number, service: string[]) => {
      const { client, out } = context();
      const result = await client.post<PageResponse>(`/api/v1/incidents/${ref}/page`, { service: service.join(" ") });
      const name = result.page?.service ?? service.join(" ");
      out.show(result, () =>
        result.page?.state === "drill"
          ? `Drill #${result.incident.number}: would page ${name} (nobody was paged)`
          : `Paging ${name} for #${result.incident.number} through PagerDuty; the timeline says when PagerDuty has it`,
      );
    });
}
