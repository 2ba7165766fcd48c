import { createHash, randomBytes } from "node:crypto";
import { isSlackUserId, type Actor } from "../domain/actor.js";
import { TOKEN_ROLES, type ApiTokenInfo, type TokenRole } from "../domain/api-token.js";
import { conflict, invalidInput, notFound } from "../domain/errors.js";
import type { AppContext } from "./context.js";
import { requireAdmin } from "./helpers/require-admin.js";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a token and returns it once; only its hash is kept. */
export async function createApiToken(
  ctx: AppContext,
  input: { actor: Actor; name: string; role: string; privateAccess?: boolean; user?: string | null },
): Promise<{ token: string; info: ApiTokenInfo }> {
  requireAdmin(input.actor, "manage API tokens");
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(input.name))
    throw invalidInput("name", "name must be lowercase letters, digits and dashes (at most 40).");
  if (!(TOKEN_ROLES as readonly string[]).includes(input.role))
    throw invalidInput("role", `role must be one of ${TOKEN_ROLES.join(", ")}.`);
  const user = input.user?.trim() || null;
  if (user !== null && !isSlackUserId(user)) throw invalidInput("user", "user must be a Slack user id such as U012AB3CD.");
  if (user !== null && input.role === "admin") throw invalidInput("user", "An admin token acts for anyone it names; it takes no user.");
  const token = `sitrep_${randomBytes(24).toString("base64url")}`;
  const info: ApiTokenInfo = {
    name: input.name,
    role: input.role as TokenRole,
    privateAccess: input.privateAccess === true,
    user,
    createdAt: ctx.clock.now(),
  };
  const created = await ctx.db.transaction((tx) => tx.tokens.create({ ...info, hash: hashToken(token) }));
  if (!created) throw conflict(`A token named "${input.name}" already exists.`);
  return { token, info };
}

export async function listApiTokens(ctx: AppContext, actor: Actor): Promise<ApiTokenInfo[]> {
  requireAdmin(actor, "manage API tokens");
  return ctx.db.read.tokens.list();
}

export async function revokeApiToken(ctx: AppContext, actor: Actor, name: string): Promise<void> {
  requireAdmin(actor, "manage API tokens");
  const revoked = await ctx.db.transaction((tx) => tx.tokens.revoke(name));
  if (!revoked) throw notFound(`There is no token named "${name}".`);
}
