import type { IdempotencyStore } from "../../app/ports.js";
import type { Db } from "../connection.js";
import { jsonValue } from "../json.js";

export function idempotencyStore(db: Db): IdempotencyStore {
  return {
    async claim(key, useCase, at, result = null) {
      // A concurrent claim of the same key blocks on the unique index until the
      // first transaction ends (ON CONFLICT DO NOTHING), then sees its row: the work is done once.
      const { count } = await db.idempotencyKey.createMany({
        data: [{ key, useCase, result: jsonValue(result), createdAt: at }],
        skipDuplicates: true,
      });
      if (count > 0) return { fresh: true };
      const existing = await db.idempotencyKey.findUnique({ where: { key }, select: { result: true } });
      return { fresh: false, result: existing?.result ?? null };
    },
    async remember(key, result) {
      await db.idempotencyKey.updateMany({ where: { key }, data: { result: jsonValue(result) } });
    },
  };
}
