import type { ApiTokenStore } from "../../app/ports.js";
import type { TokenRole } from "../../domain/api-token.js";
import type { Db } from "../connection.js";
import type { ApiToken } from "../generated/client.js";

/** The token as the app sees it: never its hash, the role narrowed, the user by its domain name. */
function info(row: ApiToken) {
  return { name: row.name, role: row.role as TokenRole, privateAccess: row.privateAccess, user: row.userId, createdAt: row.createdAt };
}

export function apiTokenStore(db: Db): ApiTokenStore {
  return {
    async create(token) {
      // A name already taken is a refusal, not an error.
      const { count } = await db.apiToken.createMany({
        data: [
          {
            name: token.name,
            hash: token.hash,
            role: token.role,
            privateAccess: token.privateAccess,
            userId: token.user,
            createdAt: token.createdAt,
          },
        ],
        skipDuplicates: true,
      });
      return count > 0;
    },
    async findByHash(hash) {
      const row = await db.apiToken.findUnique({ where: { hash } });
      return row ? info(row) : null;
    },
    async list() {
      return (await db.apiToken.findMany({ orderBy: { name: "asc" } })).map(info);
    },
    async revoke(name) {
      return (await db.apiToken.deleteMany({ where: { name } })).count > 0;
    },
  };
}
