import type { ApiTokenStore } from "../../app/ports.js";
import type { TokenRole } from "../../domain/api-token.js";
import type { Db } from "../prisma.js";

export function apiTokenStore(db: Db): ApiTokenStore {
  const info = (row: { name: string; role: string; privateAccess: boolean; userId: string | null; createdAt: Date }) => ({
    name: row.name,
    role: row.role as TokenRole,
    privateAccess: row.privateAccess,
    user: row.userId,
    createdAt: row.createdAt,
  });
  return {
    async create(token) {
      const rows = await db.$queryRaw<Array<{ id: number }>>`
        INSERT INTO api_tokens (name, hash, role, private_access, user_id, created_at)
        VALUES (${token.name}, ${token.hash}, ${token.role}, ${token.privateAccess}, ${token.user}, ${token.createdAt})
        ON CONFLICT (name) DO NOTHING RETURNING id`;
      return rows.length > 0;
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
