import type { FastifyReply } from "fastify";
import type { Histogram } from "prom-client";

/**
 * Observes how long a request took, from its arrival to the last byte of its
 * answer, once the answer is sent (a hijacked reply too: Bolt answers Slack itself).
 */
export function timeAnswer<L extends string>(reply: FastifyReply, histogram: Histogram<L>, labels: Partial<Record<L, string>>): void {
  reply.raw.once("finish", () => histogram.observe(labels, reply.elapsedTime / 1000));
}
