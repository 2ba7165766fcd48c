/** What the fake Slack workspace holds; tests read it to see what Sitrep did. */
export interface FakeChannel {
  readonly id: string;
  name: string;
  readonly is_private: boolean;
  readonly creator: string;
  readonly created: number;
  is_archived: boolean;
  readonly members: Set<string>;
  topic: string;
}

export interface FakeMessage {
  readonly channel: string;
  readonly ts: string;
  readonly user?: string;
  readonly bot_id?: string;
  text: string;
  blocks?: unknown[];
  readonly metadata?: { event_type: string; event_payload: Record<string, unknown> };
  readonly thread_ts?: string;
}

export interface FakeView {
  readonly id: string;
  readonly view: Record<string, unknown>;
  readonly user?: string;
}

/** A file of the external upload flow: reserved, then its bytes, then shared by completing it. */
export interface FakeFile {
  readonly id: string;
  readonly name: string;
  readonly length: number;
  bytes: Buffer | null;
  title: string;
  /** Channels it was shared in (files.completeUploadExternal); empty until completed. */
  readonly channels: string[];
  initialComment: string | null;
  readonly permalink: string;
}

export interface FakeBookmark {
  readonly id: string;
  readonly channel_id: string;
  readonly title: string;
  readonly link: string;
  readonly emoji: string | null;
  readonly type: "link";
}

/** A person (or bot) in the workspace's directory, as users.info shows them. */
export interface FakeUser {
  readonly id: string;
  /** IANA zone; absent when Slack does not know it. */
  tz?: string;
  readonly is_bot?: boolean;
  readonly deleted?: boolean;
  /** The profile's display name (what Slack shows), and the real name it falls back to. */
  readonly displayName?: string;
  readonly realName?: string;
}

export class FakeWorkspace {
  readonly teamId = "T0FAKE";
  readonly botUserId = "U0SITREPBOT";
  readonly botId = "B0SITREP";
  readonly channels = new Map<string, FakeChannel>();
  readonly messages: FakeMessage[] = [];
  readonly pins = new Map<string, Set<string>>();
  readonly views = new Map<string, FakeView>();
  readonly homeViews = new Map<string, Record<string, unknown>>();
  readonly triggers = new Map<string, { issuedAt: number; used: boolean }>();
  /** Users that do not exist (users.info and invites answer user_not_found). */
  readonly unknownUsers = new Set<string>();
  readonly files = new Map<string, FakeFile>();
  readonly bookmarks: FakeBookmark[] = [];
  /** Users with known details; anyone else users.info shows as a person without a time zone. */
  readonly users = new Map<string, FakeUser>();
  private seq = 0;

  addUser(user: FakeUser): FakeUser {
    this.users.set(user.id, user);
    return user;
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}0${String(this.seq).padStart(8, "0")}`;
  }

  nextTs(): string {
    this.seq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, "0")}`;
  }

  addChannel(fields: {
    name: string;
    creator?: string;
    created?: number;
    is_private?: boolean;
    members?: string[];
    archived?: boolean;
  }): FakeChannel {
    const channel: FakeChannel = {
      id: this.nextId("C"),
      name: fields.name,
      is_private: fields.is_private ?? false,
      creator: fields.creator ?? "U0SOMEONE",
      created: fields.created ?? Math.floor(Date.now() / 1000),
      is_archived: fields.archived ?? false,
      members: new Set(fields.members ?? []),
      topic: "",
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** A person posts in a channel (what a :pushpin: or shortcut would then refer to). */
  userPosts(channel: string, user: string, text: string, threadTs?: string): FakeMessage {
    const msg: FakeMessage = { channel, ts: this.nextTs(), user, text, ...(threadTs ? { thread_ts: threadTs } : {}) };
    this.messages.push(msg);
    return msg;
  }

  issueTrigger(): string {
    const id = `${Date.now()}.${this.seq + 1}.${Math.random().toString(16).slice(2, 10)}`;
    this.seq += 1;
    this.triggers.set(id, { issuedAt: Date.now(), used: false });
    return id;
  }

  channelNamed(name: string): FakeChannel | undefined {
    return [...this.channels.values()].find((c) => c.name === name);
  }

  messagesIn(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  /** Files completed into a channel. */
  filesIn(channel: string): FakeFile[] {
    return [...this.files.values()].filter((f) => f.channels.includes(channel));
  }

  channelsCreatedByBot(): FakeChannel[] {
    return [...this.channels.values()].filter((c) => c.creator === this.botUserId);
  }
}
