/** Slack user id → the name Slack shows, as the API answers it (`people`); empty when Slack is not configured. */
export type People = Readonly<Record<string, string>>;

/** A person for a terminal: their name and id when the name is known (commands take the id), else the id. */
export function personLabel(id: string | null, people: People = {}): string {
  if (id === null) return "(vacant)";
  const name = people[id];
  return name ? `${name} (${id})` : id;
}

/** Who did something, in a narrow column: the name when known. */
export const personName = (id: string, people: People = {}): string => people[id] ?? id;

/**
 * Text as a terminal should show it: Slack's markup (`<@U…>`, `<#C…|name>`)
 * becomes `@name` and `#name`, and ids the API named become names.
 */
export function plainText(text: string, people: People = {}): string {
  const named = text
    .replace(/<@([UW][A-Z0-9]{2,})(?:\|([^>]*))?>/g, (_all, id: string, label?: string) => `@${people[id] ?? label ?? id}`)
    .replace(/<#([CG][A-Z0-9]{2,})(?:\|([^>]*))?>/g, (_all, id: string, label?: string) => `#${label ?? id}`);
  return named.replace(/\b([UW][A-Z0-9]{2,})\b/g, (id: string) => people[id] ?? id);
}
