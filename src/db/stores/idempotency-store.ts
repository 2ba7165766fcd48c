import type { IdempotencyStore } from "../../app/ports.js";
import type { SqlRunner } from "../connection.js";
import { run, sql } from "../sql.js";

export function idempotencyStore(db: SqlRunner): IdempotencyStore {
  return {
    async claim(key, useCase, at, result = null) {
      // A concurrent claim of the same key blocks on the unique index until the
      // first transaction ends, then sees its row: the work is done once.
      const inserted = await run<{ key: string }>(
        db,
        sql`INSERT INTO idempotency_keys (key, use_case, result, created_at)
            VALUES (${key}, ${useCase}, ${JSON.stringify(result)}::jsonb, ${at})
            ON CONFLICT (key) DO NOTHING RETURNING key`,
      );
      if (inserted.length > 0) return { fresh: true };
      const [existing] = await run<{ result: unknown }>(db, sql`SELECT result FROM idempotency_keys WHERE key = ${key}`);
      return { fresh: false, result: existing?.result ?? null };
    },
    async remember(key, result) {
      await run(db, sql`UPDATE idempotency_keys SET result = ${JSON.stringify(result ?? null)}::jsonb WHERE key = ${key}`);
    },
  };
}
