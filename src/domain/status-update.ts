import type { Phase } from "./phase.js";

/** not_required: goes out at once; pending: waits for the commander (STATUSPAGE_REQUIRE_APPROVAL). */
export type Approval = "not_required" | "pending" | "approved" | "rejected";

export interface StatusUpdate {
  readonly id: number;
  readonly incidentId: number;
  readonly phase: Phase;
  readonly body: string;
  readonly author: string;
  readonly postedAt: Date;
  readonly approval: Approval;
  readonly approvedBy: string | null;
  readonly statuspage: "none" | "pending" | "published" | "failed";
  readonly publishedAt: Date | null;
}

export interface FollowUp {
  readonly id: number;
  readonly incidentId: number;
  readonly text: string;
  readonly owner: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly doneAt: Date | null;
}
