import type { SlackSitrep } from "./slack-sitrep.js";

export interface DeclaredInSlack {
  readonly number: number;
  readonly channel: string;
}

/** Declares through `/incident declare` in #general and delivers, so the incident has its channel. */
export async function declareInSlack(s: SlackSitrep, user: string, text: string): Promise<DeclaredInSlack> {
  const reply = await s.slack.command(user, s.general.id, `declare ${text}`);
  const number = Number(/#(\d+)/.exec(String(reply.json?.text))![1]);
  await s.deliverAll();
  return { number, channel: await channelOf(s, number) };
}

export async function channelOf(s: SlackSitrep, number: number): Promise<string> {
  const { body } = await s.sitrep.api<{ incident: { channelId: string } }>("GET", `/api/v1/incidents/${number}`);
  return body.incident.channelId;
}

export interface TimelineRow {
  readonly kind: string;
  readonly actor: string;
  readonly via: string;
  readonly payload: Record<string, unknown>;
}

export async function timelineOf(s: SlackSitrep, number: number): Promise<TimelineRow[]> {
  const { body } = await s.sitrep.api<{ entries: TimelineRow[] }>("GET", `/api/v1/incidents/${number}/timeline`);
  return body.entries;
}

/** Every text a message shows: its fallback and its blocks, as one string to search. */
export function shown(message: { text: string; blocks?: unknown[] }): string {
  return `${message.text}\n${JSON.stringify(message.blocks ?? [])}`;
}
