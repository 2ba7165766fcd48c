import type { ApiTokenStore } from "../../app/ports.js";
import type { TokenRole } from "../../domain/api-token.js";
import type { SqlRunner } from "../connection.js";
import { run, sql } from "../sql.js";

interface TokenRow {
  name: string;
  role: string;
  private_access: boolean;
  user_id: string | null;
  created_at: Date;
}

function info(row: TokenRow) {
  return {
    name: row.name,
    role: row.role as TokenRole,
    privateAccess: row.private_access,
    user: row.user_id,
    createdAt: new Date(row.created_at),
  };
}

export function apiTokenStore(db: SqlRunner): ApiTokenStore {
  return {
    async create(token) {
      const rows = await run<{ id: number }>(
        db,
        sql`INSERT INTO api_tokens (name, hash, role, private_access, user_id, created_at)
            VALUES (${token.name}, ${token.hash}, ${token.role}, ${token.privateAccess}, ${token.user}, ${token.createdAt})
            ON CONFLICT (name) DO NOTHING RETURNING id`,
      );
      return rows.length > 0;
    },
    async findByHash(hash) {
      const [row] = await run<TokenRow>(db, sql`SELECT * FROM api_tokens WHERE hash = ${hash}`);
      return row ? info(row) : null;
    },
    async list() {
      return (await run<TokenRow>(db, sql`SELECT * FROM api_tokens ORDER BY name`)).map(info);
    },
    async revoke(name) {
      return (await run(db, sql`DELETE FROM api_tokens WHERE name = ${name} RETURNING id`)).length > 0;
    },
  };
}
