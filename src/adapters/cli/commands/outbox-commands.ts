import { InvalidArgumentError, type Command } from "commander";
import { CliError } from "../api-client.js";
import type { CommandContext } from "../context.js";
import { table, utc } from "../format.js";

interface FailedJson {
  id: number;
  upstream: string;
  kind: string;
  incidentNumber: number | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

function outboxIdArg(value: string): number {
  if (!/^\d{1,15}$/.test(value.trim()))
    throw new InvalidArgumentError(`"${value}" is not an outbox message id (see \`sitrep outbox list --failed\`).`);
  return Number(value);
}

/** `sitrep outbox list --failed` and `sitrep outbox retry <id…>|--all-failed` (admin token). */
export function registerOutboxCommands(program: Command, context: CommandContext): void {
  const outbox = program.command("outbox").description("deliveries Sitrep gave up on, and retrying them (admin)");

  outbox
    .command("list")
    .description("list failed outbox messages (never delivered)")
    .option("--failed", "only failed messages (the only kind listed)")
    .option("--limit <n>", "at most this many", "100")
    .action(async (options: { limit: string }) => {
      const { client, out } = context();
      const result = await client.get<{ messages: FailedJson[] }>(
        `/api/v1/outbox?status=failed&limit=${encodeURIComponent(options.limit)}`,
      );
      out.show(result, () => renderFailed(result.messages));
    });

  outbox
    .command("retry")
    .description("put failed messages back in the queue, in their original order")
    .argument("[ids...]", "outbox message ids", (value: string, previous: number[] = []) => [...previous, outboxIdArg(value)])
    .option("--all-failed", "retry every failed message")
    .action(async (ids: number[] | undefined, options: { allFailed?: boolean }) => {
      const { client, out } = context();
      const chosen = ids ?? [];
      if (options.allFailed && chosen.length > 0) throw new CliError("give outbox message ids or --all-failed, not both");
      if (!options.allFailed && chosen.length === 0) throw new CliError("give outbox message ids, or --all-failed");
      const body = options.allFailed ? { allFailed: true } : { ids: chosen };
      const result = await client.post<{ retried: number[] }>("/api/v1/outbox/retry", body);
      out.show(result, () =>
        result.retried.length === 0 ? "No failed messages to retry." : `Retrying ${result.retried.length}: ${result.retried.join(", ")}`,
      );
    });
}

function renderFailed(messages: readonly FailedJson[]): string {
  if (messages.length === 0) return "No failed outbox messages.";
  const rows = messages.map((m) => [
    m.id,
    m.upstream,
    m.kind,
    m.incidentNumber === null ? "—" : `#${m.incidentNumber}`,
    utc(m.createdAt),
    (m.lastError ?? "").slice(0, 80),
  ]);
  return table(["ID", "UPSTREAM", "KIND", "INCIDENT", "CREATED", "LAST ERROR"], rows);
}
