import type { SlackPost, SlackPostPatch, SlackPostStore } from "../../app/ports/slack-posts.js";
import type { Db } from "../connection.js";

const POST = { key: true, incidentId: true, channel: true, ts: true, fileId: true, permalink: true, done: true } as const;

/** The Slack posts Sitrep must find again, in table slack_posts. */
export function slackPostStore(db: Db): SlackPostStore {
  return {
    async find(key: string): Promise<SlackPost | null> {
      return db.slackPost.findUnique({ where: { key }, select: POST });
    },
    /** Creates the row or updates the fields given; fields not given keep their value, and done stays done. */
    async save(post: { key: string; incidentId: number; channel: string } & SlackPostPatch, at: Date): Promise<void> {
      await db.slackPost.upsert({
        where: { key: post.key },
        create: {
          key: post.key,
          incidentId: post.incidentId,
          channel: post.channel,
          ts: post.ts ?? null,
          fileId: post.fileId ?? null,
          permalink: post.permalink ?? null,
          done: post.done ?? false,
          createdAt: at,
        },
        update: {
          channel: post.channel,
          ts: post.ts ?? undefined,
          fileId: post.fileId ?? undefined,
          permalink: post.permalink ?? undefined,
          done: post.done ? true : undefined,
        },
      });
    },
    /** Forgets a file upload that never completed, so the next attempt starts afresh. */
    async clearFile(key: string): Promise<void> {
      await db.slackPost.updateMany({ where: { key }, data: { fileId: null, permalink: null } });
    },
  };
}
