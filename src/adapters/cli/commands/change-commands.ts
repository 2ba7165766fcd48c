import type { Command } from "commander";
import type { IncidentResponse } from "../api-types.js";
import { refArg, severityOption, userArg } from "../args.js";
import type { CommandContext } from "../context.js";
import { renderIncidentLine } from "../render.js";
import { publishedAnswer } from "../../../domain/where-published.js";

/** Every command that changes an incident: update, phases, roles, severity, note, publish, source, impact. */
export function registerChangeCommands(program: Command, context: CommandContext): void {
  const change = async (ref: number, path: string, body: unknown, done: (r: IncidentResponse) => string) => {
    const { client, out } = context();
    const result = await client.post<IncidentResponse>(`/api/v1/incidents/${ref}/${path}`, body);
    out.show(result, () => done(result));
  };

  program
    .command("update")
    .description("post a status update")
    .argument("<incident>", "incident number", refArg)
    .argument("<text...>", "the update")
    .action((ref: number, text: string[]) =>
      change(ref, "updates", { text: text.join(" ") }, (r) => `Update posted on ${renderIncidentLine(r.incident)}`),
    );

  for (const phase of ["identified", "monitoring"] as const) {
    program
      .command(phase)
      .description(phase === "identified" ? "the cause is known" : "a fix is deployed; watch it")
      .argument("<incident>", "incident number", refArg)
      .argument("[text...]", "what to tell people")
      .action((ref: number, text: string[]) =>
        change(ref, "phase", { phase, text: text.join(" ") }, (r) => `Now ${renderIncidentLine(r.incident)}`),
      );
  }

  program
    .command("reopen")
    .alias("investigating")
    .description("back to investigating, also after resolution (commander only)")
    .argument("<incident>", "incident number", refArg)
    .argument("[text...]", "what to tell people")
    .action((ref: number, text: string[]) =>
      change(ref, "phase", { phase: "investigating", text: text.join(" ") }, (r) => `Now ${renderIncidentLine(r.incident)}`),
    );

  program
    .command("resolve")
    .alias("resolved")
    .description("resolve the incident")
    .argument("<incident>", "incident number", refArg)
    .argument("[text...]", "what to tell people")
    .option("--force", "resolve before the monitoring window has passed", false)
    .option("--source <source>", "classify too: internal or upstream")
    .option("--provider <name>", "the upstream provider, e.g. GitHub (with --source upstream)")
    .option("--cause <category...>", "cause categories, e.g. deploy config capacity")
    .action((ref: number, text: string[], options: { force: boolean; source?: string; provider?: string; cause?: string[] }) =>
      change(
        ref,
        "phase",
        {
          phase: "resolved",
          text: text.join(" "),
          force: options.force,
          source: options.source,
          provider: options.provider,
          causes: options.cause,
        },
        (r) => `Resolved ${renderIncidentLine(r.incident)}`,
      ),
    );

  for (const role of ["commander", "comms"] as const) {
    program
      .command(role)
      .description(role === "commander" ? "make someone the incident commander" : "make someone the communications lead")
      .argument("<incident>", "incident number", refArg)
      .argument("<user>", "Slack user id", userArg)
      .action((ref: number, user: string) =>
        change(
          ref,
          "roles",
          { role, user },
          (r) => `${user} is now ${role === "commander" ? "commander" : "communications lead"} of #${r.incident.number}`,
        ),
      );
  }

  program
    .command("handoff")
    .description("hand the commander role to someone else, with notes")
    .argument("<incident>", "incident number", refArg)
    .argument("<user>", "Slack user id", userArg)
    .argument("[notes...]", "the brief for the new commander")
    .action((ref: number, user: string, notes: string[]) =>
      change(ref, "handoff", { to: user, notes: notes.join(" ") }, (r) => `${user} is now commander of #${r.incident.number}`),
    );

  program
    .command("severity")
    .description("change the severity")
    .argument("<incident>", "incident number", refArg)
    .argument("<level>", "1 (critical) to 4 (low)", severityOption)
    .action((ref: number, severity: number) =>
      change(ref, "severity", { severity }, (r) => `Severity of #${r.incident.number} is now SEV${r.incident.severity}`),
    );

  program
    .command("note")
    .description("add a note to the timeline")
    .argument("<incident>", "incident number", refArg)
    .argument("<text...>", "the note")
    .action((ref: number, text: string[]) => change(ref, "notes", { text: text.join(" ") }, (r) => `Note added to #${r.incident.number}`));

  program
    .command("publish")
    .description("put the incident on the status page (a drill: on the practice view, /status?view=drill)")
    .argument("<incident>", "incident number", refArg)
    .option("--component <name...>", "affected components")
    .action((ref: number, options: { component?: string[] }) =>
      change(ref, "publish", { components: options.component }, (r) => publishedAnswer(r.incident)),
    );

  program
    .command("source")
    .description("classify the cause: internal, or upstream <provider>")
    .argument("<incident>", "incident number", refArg)
    .argument("<source>", "internal or upstream")
    .argument("[provider]", "the upstream provider, e.g. AWS")
    .option("--cause <category...>", "cause categories, e.g. deploy config capacity")
    .action((ref: number, source: string, provider: string | undefined, options: { cause?: string[] }) =>
      change(ref, "source", { source, provider, causes: options.cause }, (r) => `Source of #${r.incident.number}: ${r.incident.source}`),
    );

  program
    .command("impact")
    .description("set the customer-impact window (ISO-8601 times, UTC unless they carry an offset)")
    .argument("<incident>", "incident number", refArg)
    .argument("<start>", "when customers started to be affected")
    .argument("[end]", "when it ended (omit while ongoing)")
    .action((ref: number, start: string, end: string | undefined) =>
      change(
        ref,
        "impact",
        { start: withZone(start), end: end ? withZone(end) : null },
        (r) => `Impact window of #${r.incident.number} set`,
      ),
    );
}

/** "2024-04-29T09:53" is read as UTC. */
function withZone(time: string): string {
  const t = time.trim().replace(" ", "T");
  return /(Z|[+-]\d\d:?\d\d)$/i.test(t) ? t : `${t.length === 16 ? `${t}:00` : t}Z`;
}
