import { checklistState } from "../../../app/checklist-state.js";
import type { OutboxRecord } from "../../../app/ports/outbox.js";
import type { Incident } from "../../../domain/incident.js";
import { checklistMessage, checklistNagMessage } from "../blocks/checklist-message.js";
import { runbookMessages, runbookSuggestionsMessage } from "../blocks/runbook-message.js";
import { readEntry } from "../planner/outbox-kinds.js";
import { postRunbookSchema, tellChannelSchema } from "../planner/kit-kinds.js";
import { platformCode, SlackApiError } from "../web-api-errors.js";
import { WEB_API_TIMEOUT_MS } from "../web-client.js";
import { channelOf, type DeliveryContext } from "./delivery-context.js";
import { postOnce, updateMessage } from "./post-once.js";

const checklistKey = (incident: Incident) => `checklist:${incident.id}`;

async function renderChecklist(ctx: DeliveryContext, incident: Incident) {
  return checklistMessage(incident, await checklistState(ctx.app, ctx.app.db.read, incident.id));
}

/** Posts the checklist once and remembers where, so every tick can update it in place. */
export async function postChecklist(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { incident, channel } = await channelOf(ctx, record);
  const known = await ctx.posts.find(checklistKey(incident));
  if (known?.ts) return;
  await postNewChecklist(ctx, record, incident, channel, checklistKey(incident));
}

/** `messageKey` marks this one post (a re-post after a deletion gets its own); the store keeps the latest. */
async function postNewChecklist(ctx: DeliveryContext, record: OutboxRecord, incident: Incident, channel: string, messageKey: string) {
  const ts = await postOnce(ctx, record, channel, messageKey, await renderChecklist(ctx, incident));
  await ctx.posts.save({ key: checklistKey(incident), incidentId: incident.id, channel, ts }, ctx.app.clock.now());
}

/**
 * Re-renders the checklist from the ticks as they are now (so two ticks
 * delivered in any order end in the right state). A deleted checklist, or one
 * never posted, is posted again.
 */
export async function refreshChecklist(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { incident, channel } = await channelOf(ctx, record);
  const known = await ctx.posts.find(checklistKey(incident));
  if (!known?.ts) return postChecklist(ctx, record);
  try {
    const msg = await renderChecklist(ctx, incident);
    await updateMessage(ctx, known.channel, known.ts!, msg);
  } catch (error) {
    if (platformCode(error) !== "message_not_found") throw error;
    ctx.log.warn({ incident: incident.number }, "the checklist was deleted; posting it again");
    await postNewChecklist(ctx, record, incident, channel, `checklist:${incident.id}:${record.id}`);
  }
}

export async function checklistNag(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const entry = readEntry(record.payload);
  if (entry.kind !== "checklist_open_at_resolution") return;
  const { incident, channel } = await channelOf(ctx, record);
  // In the checklist's thread: the channel already reads "resolved"; whoever ticks the items finds them there.
  const checklist = await ctx.posts.find(checklistKey(incident));
  const threadTs = checklist?.ts ?? undefined;
  await postOnce(ctx, record, channel, `entry:${entry.id}`, checklistNagMessage(incident, entry.payload.open), { threadTs });
}

/** The runbooks suggested at declaration, with their titles as they are in the library now. */
export async function suggestRunbooks(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const entry = readEntry(record.payload);
  if (entry.kind !== "runbook_suggested") return;
  const library = ctx.app.library?.runbooks ?? [];
  const runbooks = entry.payload.runbooks.flatMap((name) => library.filter((r) => r.name === name));
  if (runbooks.length === 0) return;
  const { incident, channel } = await channelOf(ctx, record);
  // In the header's thread, so declaring leaves the channel the header and the checklist.
  await postOnce(ctx, record, channel, `entry:${entry.id}`, runbookSuggestionsMessage(runbooks), {
    threadTs: incident.headerTs ?? undefined,
  });
}

/** A runbook in the channel, in as many messages as it needs; each part is posted once. */
export async function postRunbook(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { runbook: name, requestedBy } = postRunbookSchema.parse(record.payload);
  const runbook = ctx.app.library?.runbooks.find((r) => r.name === name);
  if (!runbook) throw new SlackApiError(null, `runbook ${name} is no longer in the library`, { retryable: false });
  const { channel } = await channelOf(ctx, record);
  const messages = runbookMessages(runbook, requestedBy);
  for (const [index, msg] of messages.entries()) await postOnce(ctx, record, channel, `runbook:${record.id}:${index}`, msg);
}

/**
 * Tells whoever typed a command where its channel is, once Slack has made it
 * (the answer to the command came before the channel). A response_url lives
 * 30 minutes: when it is gone, there is nobody left to tell.
 */
export async function tellChannel(ctx: DeliveryContext, record: OutboxRecord): Promise<void> {
  const { responseUrl, text } = tellChannelSchema.parse(record.payload);
  const { channel } = await channelOf(ctx, record);
  let status: number;
  try {
    const response = await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text: `${text} <#${channel}>` }),
      signal: AbortSignal.timeout(WEB_API_TIMEOUT_MS),
    });
    status = response.status;
    await response.arrayBuffer().catch(() => undefined);
  } catch (error) {
    throw new SlackApiError(null, `response_url: ${(error as Error).message}`, { retryable: true });
  }
  if (status >= 500 || status === 429) throw new SlackApiError(null, `response_url: HTTP ${status}`, { retryable: true, status });
  if (status !== 200) ctx.log.warn({ status }, "the command's response_url no longer takes answers");
}
