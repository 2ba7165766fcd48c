import { InvalidArgumentError } from "commander";

export function refArg(value: string): number {
  const match = /^#?(\d{1,9})$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`"${value}" is not an incident number.`);
  return Number(match[1]);
}

export function severityOption(value: string): number {
  const n = Number(value.replace(/^sev/i, ""));
  if (![1, 2, 3, 4].includes(n)) throw new InvalidArgumentError("severity must be 1, 2, 3 or 4.");
  return n;
}

/** A Slack user id, accepting "<@U123>" and "@U123" as pasted from Slack. */
export function userArg(value: string): string {
  const match = /^<?@?([UW][A-Z0-9]{2,})(\|[^>]*)?>?$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`"${value}" is not a Slack user id (like U012AB3CD).`);
  return match[1]!;
}
