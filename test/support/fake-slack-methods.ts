import { blocksProblem } from "./fake-slack-blocks.js";
import type { FakeChannel, FakeFile, FakeMessage, FakeWorkspace } from "./fake-slack-state.js";

export type Args = Record<string, unknown>;
export type Answer = Record<string, unknown>;
/** `baseUrl`: the fake's own address (upload URLs point back at it). */
export type Method = (ws: FakeWorkspace, args: Args, baseUrl: string) => Answer;

/** An `ok:false` answer, as Slack sends it: HTTP 200 with the error code. */
export class SlackFailure extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}
const fail = (error: string): never => {
  throw new SlackFailure(error);
};

/** Methods whose documented arguments do not include `team_id` (Bolt's per-request client adds it to everything). */
const NO_TEAM_ID = new Set(["views.open", "views.publish", "chat.getPermalink", "conversations.history"]);

/**
 * Arguments Slack's documentation does not allow, answered as an error so a
 * test fails where the real API might misbehave: `team_id` where it is not
 * documented, and a `conversations.list` limit of 1000 or more ("must be under 1000").
 */
export function argumentProblem(method: string, args: Args): string | null {
  if (NO_TEAM_ID.has(method) && "team_id" in args) return "invalid_arguments";
  if (method === "conversations.list" && args.limit !== undefined && Number(args.limit) >= 1000) return "invalid_limit";
  return null;
}

const str = (args: Args, name: string): string => (typeof args[name] === "string" ? (args[name] as string) : "");

function channelOf(ws: FakeWorkspace, args: Args, name = "channel"): FakeChannel {
  const channel = ws.channels.get(str(args, name));
  return channel ?? fail("channel_not_found");
}

function memberChannel(ws: FakeWorkspace, args: Args): FakeChannel {
  const channel = channelOf(ws, args);
  if (channel.is_archived) fail("is_archived");
  if (!channel.members.has(ws.botUserId)) fail("not_in_channel");
  return channel;
}

const present = (c: FakeChannel) => ({
  id: c.id,
  name: c.name,
  name_normalized: c.name,
  is_channel: true,
  is_private: c.is_private,
  is_archived: c.is_archived,
  is_member: false,
  creator: c.creator,
  created: c.created,
  topic: { value: c.topic, creator: "", last_set: 0 },
  num_members: c.members.size,
});

const presentMessage = (m: FakeMessage, withMetadata: boolean) => ({
  type: "message",
  ts: m.ts,
  text: m.text,
  ...(m.user ? { user: m.user } : {}),
  ...(m.bot_id ? { bot_id: m.bot_id } : {}),
  ...(m.blocks ? { blocks: m.blocks } : {}),
  ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
  ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
});

function createChannel(ws: FakeWorkspace, args: Args): Answer {
  const name = str(args, "name");
  if (name === "") fail("invalid_name_required");
  if (name.length > 80) fail("invalid_name_maxlength");
  if (/[^a-z0-9_-]/.test(name)) fail("invalid_name_specials");
  if (ws.channelNamed(name)) fail("name_taken");
  const channel = ws.addChannel({
    name,
    creator: ws.botUserId,
    is_private: args.is_private === true || args.is_private === "true",
    members: [ws.botUserId],
  });
  return { channel: { ...present(channel), is_member: true } };
}

function invite(ws: FakeWorkspace, args: Args): Answer {
  const channel = memberChannel(ws, args);
  const users = str(args, "users").split(",").filter(Boolean);
  if (users.length === 0) fail("no_user");
  if (users.includes(ws.botUserId)) fail("cant_invite_self");
  if (users.some((u) => ws.unknownUsers.has(u) || !/^[UW][A-Z0-9]+$/.test(u))) fail("user_not_found");
  if (users.every((u) => channel.members.has(u))) fail("already_in_channel");
  for (const user of users) channel.members.add(user);
  return { channel: present(channel) };
}

function setTopic(ws: FakeWorkspace, args: Args): Answer {
  const channel = memberChannel(ws, args);
  const topic = str(args, "topic");
  if (topic.length > 250) fail("too_long");
  channel.topic = topic;
  return { channel: present(channel) };
}

function list(ws: FakeWorkspace, args: Args): Answer {
  const limit = Math.min(Number(args.limit ?? 100) || 100, 1000);
  const offset = args.cursor ? Number(Buffer.from(str(args, "cursor"), "base64").toString()) : 0;
  const visible = [...ws.channels.values()].filter(
    (c) =>
      (!c.is_private || c.members.has(ws.botUserId)) &&
      (args.exclude_archived !== true && args.exclude_archived !== "true" ? true : !c.is_archived),
  );
  const page = visible.slice(offset, offset + limit);
  const next = offset + limit < visible.length ? Buffer.from(String(offset + limit)).toString("base64") : "";
  return { channels: page.map(present), response_metadata: { next_cursor: next } };
}

function history(ws: FakeWorkspace, args: Args): Answer {
  const channel = memberChannel(ws, args);
  const inclusive = args.inclusive === true || args.inclusive === "true";
  const latest = args.latest ? Number(args.latest) : Infinity;
  const oldest = args.oldest ? Number(args.oldest) : 0;
  const meta = args.include_all_metadata === true || args.include_all_metadata === "true";
  const found = ws
    .messagesIn(channel.id)
    .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
    .filter((m) => (inclusive ? Number(m.ts) <= latest : Number(m.ts) < latest) && Number(m.ts) >= oldest)
    .reverse()
    .slice(0, Number(args.limit ?? 100) || 100);
  return { messages: found.map((m) => presentMessage(m, meta)), has_more: false };
}

function replies(ws: FakeWorkspace, args: Args): Answer {
  const channel = memberChannel(ws, args);
  const ts = str(args, "ts");
  const found = ws.messagesIn(channel.id).filter((m) => m.ts === ts || m.thread_ts === ts);
  if (found.length === 0) fail("thread_not_found");
  const meta = args.include_all_metadata === true || args.include_all_metadata === "true";
  return { messages: found.map((m) => presentMessage(m, meta)), has_more: false };
}

function postMessage(ws: FakeWorkspace, args: Args): Answer {
  const channel = channelOf(ws, args);
  if (channel.is_archived) fail("is_archived");
  if (channel.is_private && !channel.members.has(ws.botUserId)) fail("not_in_channel");
  if (!args.text && !args.blocks) fail("no_text");
  if (blocksProblem(args.blocks, 50)) fail("invalid_blocks");
  const msg: FakeMessage = {
    channel: channel.id,
    ts: ws.nextTs(),
    bot_id: ws.botId,
    user: ws.botUserId,
    text: str(args, "text"),
    blocks: args.blocks as unknown[] | undefined,
    metadata: args.metadata as FakeMessage["metadata"],
    ...(typeof args.thread_ts === "string" && args.thread_ts !== "" ? { thread_ts: args.thread_ts } : {}),
  };
  ws.messages.push(msg);
  return { channel: channel.id, ts: msg.ts, message: presentMessage(msg, false) };
}

function update(ws: FakeWorkspace, args: Args): Answer {
  const channel = channelOf(ws, args);
  const msg = ws.messagesIn(channel.id).find((m) => m.ts === str(args, "ts")) ?? fail("message_not_found");
  if (msg.bot_id !== ws.botId) fail("cant_update_message");
  if (str(args, "text").length > 4000) fail("msg_too_long");
  if (blocksProblem(args.blocks, 50)) fail("invalid_blocks");
  msg.text = str(args, "text");
  msg.blocks = args.blocks as unknown[] | undefined;
  return { channel: channel.id, ts: msg.ts, text: msg.text, message: presentMessage(msg, false) };
}

function pin(ws: FakeWorkspace, args: Args): Answer {
  const channel = memberChannel(ws, args);
  const ts = str(args, "timestamp");
  if (!ws.messagesIn(channel.id).some((m) => m.ts === ts)) fail("message_not_found");
  const pins = ws.pins.get(channel.id) ?? new Set<string>();
  if (pins.has(ts)) fail("already_pinned");
  ws.pins.set(channel.id, pins.add(ts));
  return {};
}

function viewsOpen(ws: FakeWorkspace, args: Args): Answer {
  const trigger = ws.triggers.get(str(args, "trigger_id")) ?? fail("invalid_trigger_id");
  if (trigger.used) fail("exchanged_trigger_id");
  if (Date.now() - trigger.issuedAt > 3000) fail("expired_trigger_id");
  trigger.used = true;
  const view = args.view as Record<string, unknown>;
  if (blocksProblem(view?.blocks, 100)) fail("invalid_arguments");
  const id = ws.nextId("V");
  ws.views.set(id, { id, view });
  return { view: { id, ...view, state: { values: {} } } };
}

function viewsPublish(ws: FakeWorkspace, args: Args): Answer {
  const view = args.view as Record<string, unknown>;
  if (view?.type !== "home") fail("invalid_arguments");
  if (blocksProblem(view.blocks, 100)) fail("invalid_arguments");
  ws.homeViews.set(str(args, "user_id"), view);
  return { view: { id: ws.nextId("V"), ...view } };
}

/** Step 1 of the external upload: a file id and a URL that takes its bytes (docs.slack.dev files.getUploadURLExternal). */
function getUploadUrl(ws: FakeWorkspace, args: Args, baseUrl: string): Answer {
  const filename = str(args, "filename");
  const length = Number(args.length);
  if (filename === "" || !Number.isInteger(length) || length < 1) fail("invalid_arguments");
  const id = ws.nextId("F");
  ws.files.set(id, {
    id,
    name: filename,
    length,
    bytes: null,
    title: filename,
    channels: [],
    initialComment: null,
    permalink: `https://fake.slack.test/files/${ws.botUserId}/${id}/${filename}`,
  });
  return { upload_url: `${baseUrl}/upload/${id}`, file_id: id };
}

const presentFile = (f: FakeFile) => ({
  id: f.id,
  name: f.name,
  title: f.title,
  size: f.bytes?.length ?? 0,
  filetype: f.name.endsWith(".md") ? "markdown" : "text",
  permalink: f.permalink,
  channels: f.channels,
  groups: [],
  ims: [],
});

/**
 * Step 3: shares uploaded files in a channel. A file whose bytes never arrived
 * (or whose size differs from the length announced) is not found; completing
 * a completed file again fails, as a file can be completed once.
 */
function completeUpload(ws: FakeWorkspace, args: Args): Answer {
  const files = Array.isArray(args.files) ? (args.files as Array<{ id?: string; title?: string }>) : fail("invalid_arguments");
  if (files.length === 0) fail("invalid_arguments");
  const channelId = str(args, "channel_id");
  const channel = channelId ? channelOf(ws, { channel: channelId }) : null;
  if (channel && channel.is_archived) fail("is_archived");
  if (channel && channel.is_private && !channel.members.has(ws.botUserId)) fail("not_in_channel");
  const found = files.map((ref) => {
    const file = ws.files.get(ref.id ?? "") ?? fail("file_not_found");
    if (file.bytes === null || file.bytes.length !== file.length) fail("file_not_found");
    if (file.channels.length > 0) fail("file_already_completed");
    return { file, title: ref.title };
  });
  for (const { file, title } of found) {
    if (title) file.title = title;
    if (channel) file.channels.push(channel.id);
    file.initialComment = str(args, "initial_comment") || null;
  }
  if (channel) {
    ws.messages.push({
      channel: channel.id,
      ts: ws.nextTs(),
      bot_id: ws.botId,
      user: ws.botUserId,
      text: str(args, "initial_comment"),
    });
  }
  return { files: found.map(({ file }) => ({ id: file.id, title: file.title })) };
}

/** A file not yet completed is not visible to anyone: file_not_found. */
function fileInfo(ws: FakeWorkspace, args: Args): Answer {
  const file = ws.files.get(str(args, "file"));
  if (!file || file.channels.length === 0) fail("file_not_found");
  return { file: presentFile(file!) };
}

function addBookmark(ws: FakeWorkspace, args: Args): Answer {
  const channel = channelOf(ws, args, "channel_id");
  if (str(args, "title") === "") fail("invalid_arguments");
  if (str(args, "type") !== "link") fail("invalid_bookmark_type");
  if (!/^https?:\/\//.test(str(args, "link"))) fail("invalid_link");
  if (ws.bookmarks.filter((b) => b.channel_id === channel.id).length >= 100) fail("too_many_bookmarks");
  const bookmark = {
    id: ws.nextId("Bk"),
    channel_id: channel.id,
    title: str(args, "title"),
    link: str(args, "link"),
    emoji: str(args, "emoji") || null,
    type: "link" as const,
  };
  ws.bookmarks.push(bookmark);
  const now = Math.floor(Date.now() / 1000);
  return {
    bookmark: {
      ...bookmark,
      icon_url: null,
      entity_id: null,
      date_created: now,
      date_updated: 0,
      rank: "g",
      last_updated_by_user_id: ws.botUserId,
      last_updated_by_team_id: ws.teamId,
      shortcut_id: null,
      app_id: null,
    },
  };
}

/** users.info (scope users:read): `tz` and `tz_offset` when the directory knows the zone, as Slack answers. */
function usersInfo(ws: FakeWorkspace, args: Args): Answer {
  const id = str(args, "user");
  if (ws.unknownUsers.has(id) || !/^[UW][A-Z0-9]+$/.test(id)) fail("user_not_found");
  const known = ws.users.get(id);
  const tz = known?.tz;
  const zone = tz ? { tz, tz_label: tz, tz_offset: tzOffsetSeconds(tz) } : {};
  return {
    user: {
      id,
      team_id: ws.teamId,
      name: id.toLowerCase(),
      deleted: known?.deleted ?? false,
      is_bot: known?.is_bot ?? id === ws.botUserId,
      real_name: known?.realName ?? "",
      profile: { display_name: known?.displayName ?? "", real_name: known?.realName ?? "" },
      ...zone,
    },
  };
}

function tzOffsetSeconds(tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" }).formatToParts(new Date());
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.find((p) => p.type === "timeZoneName")?.value ?? "");
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
}

/** conversations.members: ids only, paginated with a cursor as Slack does. */
function members(ws: FakeWorkspace, args: Args): Answer {
  const channel = channelOf(ws, args);
  if (channel.is_private && !channel.members.has(ws.botUserId)) fail("channel_not_found");
  const limit = Math.min(Number(args.limit ?? 100) || 100, 1000);
  const offset = args.cursor ? Number(Buffer.from(str(args, "cursor"), "base64").toString()) : 0;
  const all = [...channel.members];
  const next = offset + limit < all.length ? Buffer.from(String(offset + limit)).toString("base64") : "";
  return { members: all.slice(offset, offset + limit), response_metadata: { next_cursor: next } };
}

export const METHODS: Record<string, Method> = {
  "auth.test": (ws) => ({
    url: "https://fake.slack.test/",
    team: "Fake",
    user: "sitrep",
    team_id: ws.teamId,
    user_id: ws.botUserId,
    bot_id: ws.botId,
  }),
  "conversations.create": createChannel,
  "conversations.invite": invite,
  "conversations.setTopic": setTopic,
  "conversations.list": list,
  "conversations.history": history,
  "conversations.replies": replies,
  "conversations.join": (ws, args) => {
    const channel = channelOf(ws, args);
    if (channel.is_private) fail("method_not_supported_for_channel_type");
    channel.members.add(ws.botUserId);
    return { channel: present(channel) };
  },
  "conversations.info": (ws, args) => ({ channel: present(channelOf(ws, args)) }),
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.getPermalink": (ws, args) => ({
    channel: channelOf(ws, args).id,
    permalink: `https://fake.slack.test/archives/${str(args, "channel")}/p${str(args, "message_ts").replace(".", "")}`,
  }),
  "pins.add": pin,
  "views.open": viewsOpen,
  "views.publish": viewsPublish,
  "files.getUploadURLExternal": getUploadUrl,
  "files.completeUploadExternal": completeUpload,
  "files.info": fileInfo,
  "bookmarks.add": addBookmark,
  "bookmarks.list": (ws, args) => ({ bookmarks: ws.bookmarks.filter((b) => b.channel_id === channelOf(ws, args, "channel_id").id) }),
  "users.info": usersInfo,
  "conversations.members": members,
};
