import type { IdempotencyStore } from "../../app/ports.js";
import type { Db } from "../prisma.js";

export function idempotencyStore(db: Db): IdempotencyStore {
  return {
    async claim(key, useCase, at) {
      // A concurrent claim of the same key blocks on the unique index until the
      // first transaction ends, then sees its row: the work is done once.
      const inserted = await db.$queryRaw<Array<{ key: string }>>`
        INSERT INTO idempotency_keys (key, use_case, result, created_at)
        VALUES (${key}, ${useCase}, 'null'::jsonb, ${at})
        ON CONFLICT (key) DO NOTHING RETURNING key`;
      if (inserted.length > 0) return { fresh: true };
      const existing = await db.idempotencyKey.findUnique({ where: { key } });
      return { fresh: false, result: existing?.result ?? null };
    },
    async remember(key, result) {
      // Raw SQL: this runs in every idempotent use case while the incident's row is locked, and the ORM's
      // update costs about twice a raw statement.
      await db.$executeRaw`UPDATE idempotency_keys SET result = ${JSON.stringify(result ?? null)}::jsonb WHERE key = ${key}`;
    },
  };
}
