/** Something Sitrep put in a channel and must find again (table slack_posts). */
export interface SlackPost {
  readonly key: string;
  readonly incidentId: number;
  readonly channel: string;
  readonly ts: string | null;
  readonly fileId: string | null;
  readonly permalink: string | null;
  readonly done: boolean;
}

export type SlackPostPatch = Partial<Pick<SlackPost, "ts" | "fileId" | "permalink" | "done">>;

/**
 * The checklist message (to update in place) and the postmortem file (so a
 * retried upload is not made twice). Facts about Slack, not incident state:
 * written outside any use case, by the delivery step that learnt them.
 */
export interface SlackPostStore {
  find(key: string): Promise<SlackPost | null>;
  /** Creates the row or updates the fields given; fields not given keep their value. */
  save(post: { key: string; incidentId: number; channel: string } & SlackPostPatch, at: Date): Promise<void>;
  /** Forgets a file upload that never completed, so the next attempt starts afresh. */
  clearFile(key: string): Promise<void>;
}
