import type { PeopleNames } from "../../app/ports.js";
import { isSlackUserId } from "../../domain/actor.js";

/** Enough for any one incident's people; a hostile payload cannot make an answer ask Slack about thousands. */
const MAX_PEOPLE = 100;
/** An answer never waits long on Slack: names not known by then are left out (and are cached for the next answer). */
const WAIT_MS = 1500;
const MENTION = /<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>/g;

/**
 * The names of the Slack users an answer mentions (as ids, or as `<@U…>` in
 * text), for clients that show people by name (the CLI). Empty when Slack is
 * not configured, does not know them or is slow to answer: the ids stand.
 */
export async function peopleIn(names: PeopleNames | undefined, answer: unknown): Promise<Record<string, string>> {
  if (!names) return {};
  const ids = new Set<string>();
  collect(answer, ids);
  const known: Record<string, string> = {};
  const lookups = [...ids].slice(0, MAX_PEOPLE).map(async (id) => {
    const name = await names.nameOf(id);
    if (name !== null) known[id] = name;
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, WAIT_MS)));
  await Promise.race([Promise.allSettled(lookups), deadline]);
  clearTimeout(timer);
  return { ...known };
}

function collect(value: unknown, ids: Set<string>): void {
  if (typeof value === "string") {
    if (isSlackUserId(value)) ids.add(value);
    for (const match of value.matchAll(MENTION)) ids.add(match[1]!);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, ids);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) collect(item, ids);
  }
}
