import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const API_TOKEN_FILE = "api-token";

/**
 * API_TOKEN when set; otherwise the token kept under DATA_DIR, generated on the
 * first start (so the CLI on the same machine finds it without configuration).
 */
export function resolveApiToken(apiToken: string | undefined, dataDir: string): { token: string; generated: boolean } {
  if (apiToken !== undefined) return { token: apiToken, generated: false };
  const file = join(dataDir, API_TOKEN_FILE);
  if (existsSync(file)) return { token: readFileSync(file, "utf8").trim(), generated: false };
  mkdirSync(dataDir, { recursive: true });
  const token = `sitrep_${randomBytes(24).toString("base64url")}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, generated: true };
}
