import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Loads `.env` from the working folder when there is one (Node's own parser).
 * Variables already in the environment win: they are not overwritten.
 * Returns the file loaded, or null.
 */
export function loadEnvFile(file = resolve(".env")): string | null {
  if (!existsSync(file)) return null;
  process.loadEnvFile(file);
  return file;
}
