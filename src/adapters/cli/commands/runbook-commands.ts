import type { Command } from "commander";
import type { IncidentResponse } from "../api-types.js";
import { refArg } from "../args.js";
import type { CommandContext } from "../context.js";
import { table } from "../format.js";
import { renderIncidentLine } from "../render.js";

interface RunbookList {
  runbooks: Array<{ name: string; title: string; tags: string[] }>;
  drills: Array<{ name: string; title: string; severity: number }>;
}

/** runbooks, runbook, checklist, drill. */
export function registerRunbookCommands(program: Command, context: CommandContext): void {
  program
    .command("runbooks")
    .description("the team's runbooks and drill scenarios")
    .action(async () => {
      const { client, out } = context();
      const result = await client.get<RunbookList>("/api/v1/runbooks");
      out.show(result, () => {
        const runbooks = table(
          ["RUNBOOK", "TITLE", "TAGS"],
          result.runbooks.map((r) => [r.name, r.title, r.tags.join(", ")]),
        );
        const drills = table(
          ["DRILL", "TITLE", "SEV"],
          result.drills.map((d) => [d.name, d.title, `SEV${d.severity}`]),
        );
        return `${runbooks}\n\n${drills}`;
      });
    });

  program
    .command("runbook")
    .description("print one runbook")
    .argument("<name>", "runbook name (see `sitrep runbooks`)")
    .action(async (name: string) => {
      const { client, out } = context();
      const result = await client.get<{ runbook: { title: string; body: string } }>(`/api/v1/runbooks/${encodeURIComponent(name)}`);
      out.show(result, () => result.runbook.body);
    });

  program
    .command("checklist")
    .description("show an incident's checklist, or tick/untick an item")
    .argument("<incident>", "incident number", refArg)
    .option("--tick <item>", "tick this item")
    .option("--untick <item>", "untick this item")
    .action(async (ref: number, options: { tick?: string; untick?: string }) => {
      const { client, out } = context();
      const item = options.tick ?? options.untick;
      if (item) await client.post<IncidentResponse>(`/api/v1/incidents/${ref}/checklist`, { item, checked: options.tick !== undefined });
      const result = await client.get<{ items: Array<{ id: string; label: string; checked: boolean; by: string | null }> }>(
        `/api/v1/incidents/${ref}/checklist`,
      );
      out.show(result, () =>
        result.items.map((i) => `${i.checked ? "[x]" : "[ ]"} ${i.id}: ${i.label}${i.by ? ` (${i.by})` : ""}`).join("\n"),
      );
    });

  program
    .command("drill")
    .description("start a practice incident (never reaches Statuspage or PagerDuty, left out of reports)")
    .argument("[scenario]", "scenario name (see `sitrep runbooks`)")
    .action(async (scenario: string | undefined) => {
      const { client, out } = context();
      const result = await client.post<IncidentResponse>("/api/v1/drills", { scenario });
      out.show(result, () => `Drill started: ${renderIncidentLine(result.incident)}`);
    });
}
