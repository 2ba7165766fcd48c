import { invalidInput, type SitrepError } from "./errors.js";

export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;

/**
 * Control characters (NUL, which PostgreSQL cannot store, and the rest of C0,
 * DEL and C1) mean nothing in what people write, and bidirectional overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) can make text read differently
 * from what it says: all are dropped. Tabs and line breaks stay.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** User text with control and bidi-override characters removed, line breaks normalised, trimmed. */
export function cleanText(value: string | undefined | null): string {
  return (value ?? "").replace(/\r\n?/g, "\n").replace(UNPRINTABLE, "").trim();
}

/** A name or title: clean text on one line (any run of whitespace becomes one space). */
export function cleanName(value: string | undefined | null): string {
  return cleanText(value).replace(/\s+/g, " ");
}

/** Names (components, causes…) cleaned, empty ones dropped, duplicates removed, order kept. */
export function cleanNames(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map(cleanName).filter((v) => v.length > 0))];
}

/** Trims and checks a required title or name (one line). */
export function requireName(field: string, value: string | undefined | null, max: number): string | SitrepError {
  return requireText(field, cleanName(value), max);
}

/** Trims and checks a required piece of user text. */
export function requireText(field: string, value: string | undefined | null, max = TEXT_MAX): string | SitrepError {
  const text = cleanText(value);
  if (text.length === 0) return invalidInput(field, `${field} is required.`);
  if (text.length > max) return invalidInput(field, `${field} is too long (${text.length} characters; at most ${max}).`);
  return text;
}

export function optionalText(field: string, value: string | undefined | null, max = TEXT_MAX): string | SitrepError {
  const text = cleanText(value);
  if (text.length > max) return invalidInput(field, `${field} is too long (${text.length} characters; at most ${max}).`);
  return text;
}
