import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/adapters/cli/main.js";
import { buildHttpServer } from "../../../src/adapters/http/server.js";
import { pageRoute } from "../../../src/adapters/pagerduty/page-route.js";
import { ACTION } from "../../../src/adapters/slack/blocks/action-ids.js";
import { CHECKLIST_ACTION } from "../../../src/adapters/slack/blocks/checklist-message.js";
import { parseCommand } from "../../../src/adapters/slack/command-parser.js";
import type { HttpContext } from "../../../src/adapters/http/context.js";
import { createLogger } from "../../../src/logger.js";

/**
 * Slack, the CLI and the API are equal: every use case a person runs to change
 * an incident is reachable from all three. The list of use cases comes from the
 * code (each calls runIncidentUseCase with the caller's request), so a new one
 * fails here until it has a Slack command or control, a CLI command, an API
 * route, and a row in the README's table.
 */
interface Ways {
  /** `/incident …` texts as typed (each must parse), or `action:<id>` for a Block Kit control. */
  readonly slack: readonly string[];
  /** A CLI invocation and the API call it makes. */
  readonly cli: { readonly argv: readonly string[]; readonly calls: string };
  /** The API route, as the README writes it. */
  readonly api: string;
}

const PARITY: Record<string, Ways> = {
  declare: {
    slack: ["declare Checkout errors --sev 2", "drill"],
    cli: { argv: ["declare", "Checkout errors", "--sev", "2"], calls: "POST /api/v1/incidents" },
    api: "POST /api/v1/incidents",
  },
  post_update: {
    slack: ["update We are rolling back", `action:${ACTION.postUpdate}`],
    cli: { argv: ["update", "42", "We are rolling back"], calls: "POST /api/v1/incidents/42/updates" },
    api: "POST /api/v1/incidents/{ref}/updates",
  },
  change_phase: {
    slack: [
      "identified A bad deploy",
      "monitoring Rolled back",
      "resolve Fixed",
      "resolved Fixed --force",
      "reopen It is back",
      `action:${ACTION.phase}`,
    ],
    cli: { argv: ["reopen", "42", "It is back"], calls: "POST /api/v1/incidents/42/phase" },
    api: "POST /api/v1/incidents/{ref}/phase",
  },
  assign_role: {
    slack: ["commander <@U012AB3CD>", "comms <@U012AB3CD>", `action:${ACTION.takeRole}`, `action:${ACTION.assignCommander}`],
    cli: { argv: ["commander", "42", "U012AB3CD"], calls: "POST /api/v1/incidents/42/roles" },
    api: "POST /api/v1/incidents/{ref}/roles",
  },
  hand_off: {
    slack: ["handoff <@U012AB3CD> Watch the EU shard"],
    cli: { argv: ["handoff", "42", "U012AB3CD", "Watch the EU shard"], calls: "POST /api/v1/incidents/42/handoff" },
    api: "POST /api/v1/incidents/{ref}/handoff",
  },
  set_severity: {
    slack: ["severity 1"],
    cli: { argv: ["severity", "42", "1"], calls: "POST /api/v1/incidents/42/severity" },
    api: "POST /api/v1/incidents/{ref}/severity",
  },
  add_note: {
    slack: ["note Restarted the workers"],
    cli: { argv: ["note", "42", "Restarted the workers"], calls: "POST /api/v1/incidents/42/notes" },
    api: "POST /api/v1/incidents/{ref}/notes",
  },
  publish: {
    slack: ["publish"],
    cli: { argv: ["publish", "42"], calls: "POST /api/v1/incidents/42/publish" },
    api: "POST /api/v1/incidents/{ref}/publish",
  },
  approve_update: {
    slack: [`action:${ACTION.approveUpdate}`],
    cli: { argv: ["approve", "42", "7"], calls: "POST /api/v1/incidents/42/updates/7/approve" },
    api: "POST /api/v1/incidents/{ref}/updates/{id}/approve",
  },
  add_follow_up: {
    slack: ["followup Alert on queue depth <@U012AB3CD>"],
    cli: { argv: ["followup", "42", "Alert on queue depth"], calls: "POST /api/v1/incidents/42/followups" },
    api: "POST /api/v1/incidents/{ref}/followups",
  },
  complete_follow_up: {
    slack: ["followup done 7"],
    cli: { argv: ["done", "7"], calls: "POST /api/v1/followups/7/done" },
    api: "POST /api/v1/followups/{id}/done",
  },
  set_source: {
    slack: ["source upstream AWS"],
    cli: { argv: ["source", "42", "upstream", "AWS"], calls: "POST /api/v1/incidents/42/source" },
    api: "POST /api/v1/incidents/{ref}/source",
  },
  set_impact: {
    slack: ["impact 2026-04-29T09:53Z"],
    cli: { argv: ["impact", "42", "2026-04-29T09:53Z"], calls: "POST /api/v1/incidents/42/impact" },
    api: "POST /api/v1/incidents/{ref}/impact",
  },
  tick_checklist: {
    slack: [`action:${CHECKLIST_ACTION}`],
    cli: { argv: ["checklist", "42", "--tick", "first-update"], calls: "POST /api/v1/incidents/42/checklist" },
    api: "POST /api/v1/incidents/{ref}/checklist",
  },
  page_team: {
    slack: ["page checkout Errors at 40%"],
    cli: { argv: ["page", "42", "checkout"], calls: "POST /api/v1/incidents/42/page" },
    api: "POST /api/v1/incidents/{ref}/page",
  },
};

const ROOT = join(import.meta.dirname, "../../..");
const source = (path: string) => readFileSync(join(ROOT, path), "utf8");

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Use cases a person runs: they hand runIncidentUseCase the caller's request (system ones pass undefined). */
function peoplesUseCases(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of filesUnder("src/app")) {
    for (const match of source(file).matchAll(/runIncidentUseCase\(\s*ctx,\s*"([a-z_]+)",\s*([A-Za-z_.]+)/g)) {
      if (match[2] !== "undefined") found.set(match[1]!, file);
    }
  }
  return found;
}

/** Whether some file under `dir` imports the module `file` (a use case) of src/app. */
function imports(dir: string, file: string): boolean {
  const module = relative("src", file).replace(/\.ts$/, ".js");
  return filesUnder(dir).some((f) => source(f).includes(`/${module}"`));
}

/** Every action id the Slack listeners register a handler for. */
function handledActions(): Set<string> {
  const handled = new Set<string>();
  const listeners = filesUnder("src/adapters/slack/listeners").map(source).join("\n");
  for (const [name, id] of Object.entries(ACTION)) if (listeners.includes(`ACTION.${name}`)) handled.add(id);
  if (listeners.includes("CHECKLIST_ACTION")) handled.add(CHECKLIST_ACTION);
  return handled;
}

/** A local server standing in for Sitrep's API: it records each call and refuses it, as a CLI would see an error. */
let recorder: Server;
const calls: string[] = [];
beforeAll(async () => {
  recorder = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(409, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "conflict", message: "recorded" } }));
  });
  await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => recorder.close(() => resolve())));

describe("Slack, the CLI and the API are equal", () => {
  const useCases = peoplesUseCases();

  it("knows every use case a person runs to change an incident, and no other", () => {
    expect(useCases.size).toBeGreaterThan(10);
    expect([...useCases.keys()].sort()).toEqual(Object.keys(PARITY).sort());
  });

  it("reaches each from Slack: a command that parses, or a control with a listener, in an adapter that calls the use case", () => {
    const handled = handledActions();
    for (const [name, ways] of Object.entries(PARITY)) {
      expect(ways.slack.length, name).toBeGreaterThan(0);
      expect(imports("src/adapters/slack", useCases.get(name) ?? "?"), `${name}: no Slack listener imports it`).toBe(true);
      for (const way of ways.slack) {
        if (way.startsWith("action:")) expect(handled.has(way.slice("action:".length)), `${name}: ${way}`).toBe(true);
        else expect(parseCommand(way), `${name}: /incident ${way}`).toMatchObject({ ok: true });
      }
    }
  });

  it("reaches each from the API: a route that exists, in an adapter that calls the use case", () => {
    const server = buildHttpServer({ log: createLogger({ level: "silent" }) } as unknown as HttpContext, [
      pageRoute({ pagingConfigured: false }),
    ]);
    for (const [name, ways] of Object.entries(PARITY)) {
      const [method, path] = ways.api.split(" ") as [string, string];
      const url = path.replace("{ref}", ":ref").replace("{id}", path.includes("/updates/") ? ":updateId" : ":id");
      expect(server.hasRoute({ method: method as "POST", url }), `${name}: ${ways.api}`).toBe(true);
      const callers = imports("src/adapters/http", useCases.get(name)!) || imports("src/adapters/pagerduty", useCases.get(name)!);
      expect(callers, `${name}: no route imports it`).toBe(true);
    }
  });

  it("reaches each from the CLI, which calls that route", async () => {
    const port = (recorder.address() as AddressInfo).port;
    const env = { SITREP_URL: `http://127.0.0.1:${port}`, SITREP_TOKEN: "parity-token" };
    const quiet = { stdout: () => undefined, stderr: () => undefined };
    for (const [name, ways] of Object.entries(PARITY)) {
      calls.length = 0;
      expect(await runCli([...ways.cli.argv], env, quiet), `${name}: sitrep ${ways.cli.argv.join(" ")}`).toBe(1);
      expect(calls, `${name}: sitrep ${ways.cli.argv.join(" ")}`).toEqual([ways.cli.calls]);
      const apiPath = ways.api.split(" ")[1]!;
      expect(ways.cli.calls.replace(/\/\d+(?=\/|$)/g, "/{n}"), name).toBe(`POST ${apiPath.replace(/\{(ref|id)\}/g, "{n}")}`);
    }
  });

  it("lists each in the README's table with its Slack command, CLI command and API route", () => {
    const readme = source("README.md");
    const table = readme.slice(readme.indexOf("### Every action from Slack, the CLI and the API"));
    const rows = table.split("\n").filter((line) => line.startsWith("|"));
    for (const [name, ways] of Object.entries(PARITY)) {
      const api = `\`${ways.api}\``;
      const row = rows.find((r) => r.includes(api) && r.includes(`\`sitrep ${ways.cli.argv[0]}`));
      expect(row, `${name}: a README row with ${api} and sitrep ${ways.cli.argv[0]}`).toBeDefined();
      const slack = ways.slack.find((w) => !w.startsWith("action:"));
      if (slack) expect(row, name).toContain(`\`/incident ${slack.split(" ")[0]}`);
    }
  });
});
