import type { Upstream } from "../ports.js";

/** A delivery the outbox set aside because retrying could not help at the time. */
export interface FailedDelivery {
  readonly id: number;
  readonly upstream: Upstream;
  readonly kind: string;
  readonly incidentNumber: number | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
}

/** The failed part of the outbox, for operators. */
export interface FailedDeliveries {
  list(options: { limit: number }): Promise<FailedDelivery[]>;
}
