import { userInfo } from "node:os";
import { Command, CommanderError } from "commander";
import { ApiClient, CliError, defaultToken } from "./api-client.js";
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
export function buildProgram(env: NodeJS.ProcessEnv = process.env, io: CliIo = PROCESS_IO): Command {
  const program = new Command("sitrep")
    .description("Sitrep: run incidents from the command line (the same API Slack uses)")
    .option("--json", "print the API's JSON", false)
    .option("--url <url>", "Sitrep's address", env.SITREP_URL ?? "http://localhost:3000")
    .option("--token <token>", "API token (default: SITREP_TOKEN, or DATA_DIR/api-token)")
    .option("--as <user>", "act as this Slack user id (default: SITREP_USER)")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const context: CommandContext = () => {
    const options = program.opts<GlobalOptions>();
    return {
      client: new ApiClient({
        url: options.url,
        token: options.token ?? defaultToken(env),
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
    command.exitOverride().showHelpAfterError("(run with --help for usage)").configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

/** Runs the CLI; returns the exit code. Errors are one line on stderr. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = PROCESS_IO): Promise<number> {
  const program = buildProgram(env, io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === "commander.helpDisplayed" || error.code === "commander.version" ? 0 : 2;
    }
    if (error instanceof CliError) {
      io.stderr(`sitrep: ${error.message}\n`);
      return 1;
    }
    io.stderr(`sitrep: ${(error as Error).message}\n`);
    return 1;
  }
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
