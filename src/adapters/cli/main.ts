import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { Command, CommanderError } from "commander";
import { ApiClient, CliError, findToken } from "./api-client.js";
import { registerChangeCommands } from "./commands/change-commands.js";
import { registerIncidentCommands } from "./commands/incident-commands.js";
import { registerReportCommands } from "./commands/report-commands.js";
import { registerPageCommands } from "./commands/page-commands.js";
import { registerRunbookCommands } from "./commands/runbook-commands.js";
import { registerSelfTestCommand } from "./commands/self-test-command.js";
import { registerTokenCommands } from "./commands/token-commands.js";
import { registerOperationsCommands } from "./commands/operations-commands.js";
import { registerOutboxCommands } from "./commands/outbox-commands.js";
import { registerTimelineCommands } from "./commands/timeline-commands.js";
import type { CommandContext } from "./context.js";
import { output } from "./output.js";

interface GlobalOptions {
  json: boolean;
  url: string;
  token?: string;
  as?: string;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROCESS_IO: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** Builds the `sitrep` program; every command talks to the HTTP API. */
export function buildProgram(env: NodeJS.ProcessEnv = process.env, io: CliIo = PROCESS_IO, argvWantsJson = false): Command {
  const program = new Command("sitrep")
    .description("Sitrep: run incidents from the command line (the same API Slack uses)")
    .option("--json", "print the API's JSON", false)
    .option("--url <url>", "Sitrep's address", env.SITREP_URL ?? "http://localhost:3000")
    .option("--token <token>", "API token (default: SITREP_TOKEN, else API_TOKEN, else DATA_DIR/api-token)")
    .option("--as <user>", "act as this Slack user id (default: SITREP_USER)")
    .version(sitrepVersion(), "-V, --version", "print Sitrep's version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput(outputFor(io, argvWantsJson));
  const context: CommandContext = () => {
    const options = program.opts<GlobalOptions>();
    const found = options.token ? { token: options.token, source: "--token" } : findToken(env);
    return {
      client: new ApiClient({
        url: options.url,
        token: found?.token,
        tokenSource: found?.source,
        actor: options.as ?? env.SITREP_USER ?? localUser(),
      }),
      out: output(options.json, io.stdout),
    };
  };
  registerIncidentCommands(program, context);
  registerChangeCommands(program, context);
  registerTimelineCommands(program, context);
  registerReportCommands(program, context);
  registerPageCommands(program, context);
  registerRunbookCommands(program, context);
  registerTokenCommands(program, context);
  registerOperationsCommands(program, context);
  registerOutboxCommands(program, context);
  registerSelfTestCommand(program, context);
  const configure = (command: Command) => {
    command.exitOverride().showHelpAfterError("(run with --help for usage)").configureOutput(outputFor(io, argvWantsJson));
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

/**
 * Runs the CLI; returns the exit code. Errors are one line on stderr: text, or
 * with --json the API's error shape (`{"error":{"code","message"}}`), so a
 * script reads failures the way it reads answers.
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = PROCESS_IO): Promise<number> {
  const json = argv.includes("--json");
  const program = buildProgram(env, io, json);
  const fail = (code: string, message: string, exitCode: number): number => {
    io.stderr(json ? `${JSON.stringify({ error: { code, message } })}\n` : `sitrep: ${message}\n`);
    return exitCode;
  };
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0 || error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
      // Commander has printed its own message (and the usage hint) unless --json asked for JSON.
      return json ? fail("usage", error.message.replace(/^error: /, ""), 2) : 2;
    }
    if (error instanceof CliError) return fail(error.code, error.message, 1);
    return fail("error", (error as Error).message, 1);
  }
}

/** Commander's own output; with --json its error text is left to runCli, which prints it as JSON. */
function outputFor(io: CliIo, json: boolean) {
  return json
    ? { writeOut: io.stdout, writeErr: () => undefined, outputError: () => undefined }
    : { writeOut: io.stdout, writeErr: io.stderr };
}

/** The version in package.json, read where the CLI runs from (source through tsx, or the built files). */
function sitrepVersion(): string {
  for (const path of ["../../../package.json", "../../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "sitrep" && pkg.version) return pkg.version;
    } catch {
      // not there: try the next place
    }
  }
  return "unknown";
}

/** Without --as or SITREP_USER the timeline names the local login, so Slack can say who used the CLI. */
function localUser(): string | undefined {
  try {
    const name = userInfo().username.replace(/[^A-Za-z0-9._@-]/g, "");
    return name ? `cli:${name}` : undefined;
  } catch {
    return undefined;
  }
}
