import type { OutboxStore } from "../../app/ports.js";
import { Prisma, type Db } from "../prisma.js";

export function outboxStore(db: Db): OutboxStore {
  return {
    async enqueue(messages, at) {
      if (messages.length === 0) return;
      const values = messages.map(
        (m) =>
          Prisma.sql`(${m.incidentId}, ${m.upstream}, ${m.kind}, ${JSON.stringify(m.payload)}::jsonb, ${m.orderingKey}, ${m.notBefore ?? at}, ${at})`,
      );
      await db.$executeRaw`
        INSERT INTO outbox (incident_id, upstream, kind, payload, ordering_key, next_attempt_at, created_at)
        VALUES ${Prisma.join(values)}`;
    },
  };
}
