import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import type { FollowUpJson } from "../api-types.js";
import { CliError } from "../api-client.js";
import { refArg } from "../args.js";
import type { CommandContext } from "../context.js";

const FORMATS = ["html", "md", "json"] as const;

function formatOption(value: string): string {
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError("format must be html, md or json.");
  return value;
}

/** After the incident: postmortem, report, import, done. */
export function registerReportCommands(program: Command, context: CommandContext): void {
  program
    .command("postmortem")
    .description("print the incident's postmortem draft (markdown): sitrep postmortem 42 > inc-42.md")
    .argument("<incident>", "incident number", refArg)
    .action(async (ref: number) => {
      const { client, out } = context();
      const markdown = await client.text(`/api/v1/incidents/${ref}/postmortem`);
      if (out.json) out.printJson({ incident: ref, markdown });
      else out.write(markdown);
    });

  program
    .command("report")
    .description("the reliability report across incidents (HTML with SVG charts by default)")
    .option("--from <month>", "first month, e.g. 2023-06 (default: 11 months before --to)")
    .option("--to <month>", "last month, e.g. 2024-02 (default: this month)")
    .option("--format <format>", "html, md or json", formatOption, "html")
    .option("--open", "print a link that opens the report in a browser, signed in to it (and nothing else) for an hour")
    .action(async (options: { from?: string; to?: string; format: string; open?: boolean }) => {
      const { client, out } = context();
      if (options.open) {
        const range = { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) };
        const link = await client.post<{ url: string; expiresAt: string }>("/api/v1/report-links", range);
        return out.show(
          link,
          () => `Open the reliability report (this link signs you in to the report only, until ${link.expiresAt}):\n${link.url}`,
        );
      }
      const format = out.json ? "json" : options.format;
      const query = new URLSearchParams({
        format,
        ...(options.from ? { from: options.from } : {}),
        ...(options.to ? { to: options.to } : {}),
      });
      const body = await client.text(`/reports/reliability?${query.toString()}`);
      out.write(format === "json" ? `${JSON.stringify(JSON.parse(body), null, 2)}\n` : body);
    });

  program
    .command("import")
    .description("load past incidents from a .json or .csv file (format: README, Importing past incidents)")
    .argument("<file>", "incidents.json or incidents.csv")
    .action(async (file: string) => {
      const { client, out } = context();
      const kind = extname(file).toLowerCase();
      if (kind !== ".json" && kind !== ".csv") throw new CliError(`${file}: an import file ends in .json or .csv.`);
      const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
        throw new CliError(`Cannot read ${file} (${error.code ?? error.message}).`);
      });
      const path = `/api/v1/import?${new URLSearchParams({ name: basename(file) }).toString()}`;
      const result = await client.postText<{ imported: number; skipped: number; incidents: number[] }>(
        path,
        text,
        kind === ".csv" ? "text/csv" : "application/json",
      );
      out.show(result, () => {
        const range = result.incidents.length > 0 ? ` (#${result.incidents[0]} to #${result.incidents.at(-1)})` : "";
        return `Imported ${result.imported} incident${result.imported === 1 ? "" : "s"}${range}; ${result.skipped} already imported.`;
      });
    });

  program
    .command("done")
    .description("mark a follow-up done (ids are in `sitrep followups`)")
    .argument("<followup-id>", "the follow-up's id", (value: string) => {
      if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a follow-up id.`);
      return Number(value);
    })
    .action(async (id: number) => {
      const { client, out } = context();
      const result = await client.post<{ followUp: FollowUpJson; incident: number }>(`/api/v1/followups/${id}/done`, {});
      out.show(result, () => `Follow-up ${id} of #${result.incident} done: ${result.followUp.text}`);
    });
}
