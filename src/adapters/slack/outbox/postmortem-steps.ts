import { exportPostmortem } from "../../../app/export-postmortem.js";
import type { OutboxRecord } from "../../../app/ports/outbox.js";
import { SYSTEM_ACTOR } from "../../../domain/actor.js";
import type { Incident } from "../../../domain/incident.js";
import { postmortemComment } from "../blocks/postmortem-file.js";
import { postPostmortemSchema } from "../planner/kit-kinds.js";
import { slackCall, SlackApiError } from "../web-api-errors.js";
import { WEB_API_TIMEOUT_MS } from "../web-client.js";
import { channelOf, type DeliveryContext } from "./delivery-context.js";

interface SharedFile {
  readonly id: string;
  readonly permalink: string;
}

const BOOKMARK_TITLE = "Postmortem draft";

/**
 * `/incident postmortem`: the draft as a markdown file in the channel
 * (Slack's external upload: get an upload URL, send the bytes, complete the
 * upload into the channel), then bookmarked. Safe to deliver twice: the file
 * id is recorded before the upload completes, so a retry first asks Slack
 * whether that file made it into the channel and uploads again only if not;
 * the bookmark is added only when the channel has none to that file.
 */
export async function postPostmortem(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { requestedBy } = postPostmortemSchema.parse(record.payload);
  const { incident, channel } = await channelOf(ctx, record);
  const key = `postmortem:${record.id}`;
  const known = await ctx.posts.find(key);
  if (known?.done) return;
  let file: SharedFile | null = known?.fileId && known.permalink ? { id: known.fileId, permalink: known.permalink } : null;
  if (file === null && known?.fileId) {
    file = await sharedFile(ctx, known.fileId, channel);
    if (file === null) await ctx.posts.clearFile(key);
  }
  if (file === null) file = await upload(ctx, { key, incident, channel, requestedBy });
  await ctx.posts.save({ key, incidentId: incident.id, channel, fileId: file.id, permalink: file.permalink }, ctx.app.clock.now());
  await bookmarkOnce(ctx, channel, file.permalink);
  await ctx.posts.save({ key, incidentId: incident.id, channel, done: true }, ctx.app.clock.now());
}

async function upload(
  ctx: DeliveryContext,
  job: { key: string; incident: Incident; channel: string; requestedBy: string },
): Promise<SharedFile> {
  const { incident, channel } = job;
  const markdown = await exportPostmortem(ctx.app, SYSTEM_ACTOR, incident.number, ctx.names);
  const bytes = Buffer.from(markdown, "utf8");
  const filename = `incident-${incident.number}-postmortem.md`;
  const target = await slackCall("files.getUploadURLExternal", () =>
    ctx.client.files.getUploadURLExternal({ filename, length: bytes.byteLength, snippet_type: "markdown" }),
  );
  if (!target.upload_url || !target.file_id) {
    throw new SlackApiError(null, "files.getUploadURLExternal: no upload_url or file_id", { retryable: true });
  }
  // Recorded before completing: if the answer to the completion is lost, the retry finds this file.
  await ctx.posts.save({ key: job.key, incidentId: incident.id, channel, fileId: target.file_id }, ctx.app.clock.now());
  await sendBytes(target.upload_url, bytes);
  const title = `Postmortem draft: #${incident.number} ${incident.title}`;
  const completed = await slackCall("files.completeUploadExternal", () =>
    ctx.client.files.completeUploadExternal({
      files: [{ id: target.file_id!, title }],
      channel_id: channel,
      initial_comment: postmortemComment(incident, job.requestedBy),
    }),
  );
  const permalink = completed.files?.find((f) => f.id === target.file_id)?.permalink ?? (await fileInfo(ctx, target.file_id))?.permalink;
  if (!permalink) throw new SlackApiError(null, `file ${target.file_id} has no permalink yet`, { retryable: true });
  return { id: target.file_id, permalink };
}

/** The upload URL takes the raw bytes; Slack answers 200 when it has them. */
async function sendBytes(url: string, bytes: Buffer): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: new Uint8Array(bytes),
      signal: AbortSignal.timeout(WEB_API_TIMEOUT_MS),
    });
  } catch (error) {
    throw new SlackApiError(null, `file upload: ${(error as Error).message}`, { retryable: true });
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.status !== 200) {
    throw new SlackApiError(null, `file upload: HTTP ${response.status}`, {
      retryable: response.status >= 500 || response.status === 429,
      status: response.status,
    });
  }
}

interface FileDetails {
  readonly permalink?: string;
  readonly channels?: string[];
  readonly groups?: string[];
  readonly shares?: { public?: Record<string, unknown>; private?: Record<string, unknown> };
}

async function fileInfo(ctx: DeliveryContext, file: string): Promise<FileDetails | null> {
  try {
    const info = await slackCall("files.info", () => ctx.client.files.info({ file }));
    return (info.file as FileDetails | undefined) ?? null;
  } catch (error) {
    if (error instanceof SlackApiError && error.code === "file_not_found") return null;
    throw error;
  }
}

/** The file of an earlier attempt, if its upload completed into the channel. */
async function sharedFile(ctx: DeliveryContext, id: string, channel: string): Promise<SharedFile | null> {
  const info = await fileInfo(ctx, id);
  if (!info?.permalink) return null;
  const shared =
    (info.channels ?? []).includes(channel) ||
    (info.groups ?? []).includes(channel) ||
    Object.hasOwn(info.shares?.public ?? {}, channel) ||
    Object.hasOwn(info.shares?.private ?? {}, channel);
  return shared ? { id, permalink: info.permalink } : null;
}

async function bookmarkOnce(ctx: DeliveryContext, channel: string, link: string): Promise<void> {
  const listed = await slackCall("bookmarks.list", () => ctx.client.bookmarks.list({ channel_id: channel }));
  if ((listed.bookmarks ?? []).some((b) => b.link === link)) return;
  await slackCall("bookmarks.add", () =>
    ctx.client.bookmarks.add({ channel_id: channel, title: BOOKMARK_TITLE, type: "link", link, emoji: ":memo:" }),
  );
}
