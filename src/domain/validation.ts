import { invalidInput, type SitrepError } from "./errors.js";

export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;

/** PostgreSQL cannot store NUL in text; it means nothing in a title or a note, so it is dropped. */
export function cleanText(value: string | undefined | null): string {
  return (value ?? "").replace(/\u0000/g, "").trim();
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
