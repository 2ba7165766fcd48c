import { InvalidArgumentError, type Command } from "commander";
import type { IncidentJson, UpdateJson } from "../api-types.js";
import { refArg } from "../args.js";
import type { CommandContext } from "../context.js";
import { renderHealth, type HealthJson } from "../render-health.js";

const UPSTREAMS = ["statuspage", "slack", "pagerduty"];
const MODES = ["open", "close", "auto"];

function choice(allowed: readonly string[], what: string) {
  return (value: string) => {
    if (!allowed.includes(value)) throw new InvalidArgumentError(`${what} must be one of ${allowed.join(", ")}.`);
    return value;
  };
}

function updateIdArg(value: string): number {
  if (!/^\d{1,9}$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not a status update id.`);
  return Number(value);
}

/** approve, breaker, health. */
export function registerOperationsCommands(program: Command, context: CommandContext): void {
  program
    .command("approve")
    .description("approve a status update for the status page (commander or admin)")
    .argument("<incident>", "incident number", refArg)
    .argument("<update>", "status update id (see `sitrep show --json`)", updateIdArg)
    .action(async (ref: number, updateId: number) => {
      const { client, out } = context();
      const result = await client.post<{ incident: IncidentJson; update: UpdateJson; replayed: boolean }>(
        `/api/v1/incidents/${ref}/updates/${updateId}/approve`,
        {},
      );
      out.show(result, () =>
        result.replayed
          ? `Update ${updateId} of #${ref} was already approved`
          : `Update ${updateId} of #${ref} approved; it goes to the status page`,
      );
    });

  program
    .command("breaker")
    .description("override a circuit breaker: open (stop calls), close (force calls), auto (let failures decide)")
    .argument("<mode>", MODES.join("|"), choice(MODES, "mode"))
    .argument("<upstream>", UPSTREAMS.join("|"), choice(UPSTREAMS, "upstream"))
    .action(async (mode: string, upstream: string) => {
      const { client, out } = context();
      const result = await client.post<{ breaker: HealthJson["breakers"][number] }>(`/api/v1/breakers/${upstream}`, { mode });
      out.show(
        result,
        () => `${upstream} breaker: ${result.breaker.state}${result.breaker.mode === "auto" ? " (auto)" : " (manual override)"}`,
      );
    });

  program
    .command("health")
    .description("circuit breakers and outbox depth and age per upstream")
    .action(async () => {
      const { client, out } = context();
      const result = await client.get<HealthJson>("/api/v1/health");
      out.show(result, () => renderHealth(result));
    });
}
