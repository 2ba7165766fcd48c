import { invalidInput, type SitrepError } from "./errors.js";

export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;

/** Trims and checks a required piece of user text. */
export function requireText(field: string, value: string | undefined | null, max = TEXT_MAX): string | SitrepError {
  const text = (value ?? "").trim();
  if (text.length === 0) return invalidInput(field, `${field} is required.`);
  if (text.length > max) return invalidInput(field, `${field} is too long (${text.length} characters; at most ${max}).`);
  return text;
}

export function optionalText(field: string, value: string | undefined | null, max = TEXT_MAX): string | SitrepError {
  const text = (value ?? "").trim();
  if (text.length > max) return invalidInput(field, `${field} is too long (${text.length} characters; at most ${max}).`);
  return text;
}
