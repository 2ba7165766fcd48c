import { formatDuration } from "../incident-times.js";
import { escapeMarkdown } from "../markdown.js";
import { utcMinute } from "../utc-format.js";
import { personName, type PeopleNames } from "./people.js";
import type { ResponseFacts } from "./response-facts.js";

interface Prompt {
  readonly well: boolean;
  readonly text: string;
}

/**
 * What went well, What went poorly and Lessons: for the team to write, each
 * started with the facts of the response that belong under it. A fact goes
 * under "well" or "poorly" by a plain rule (an update within the cadence, every
 * reminder answered, the status page never behind); the team moves what it
 * judges otherwise.
 */
export function reviewSections(facts: ResponseFacts, updateIntervalMs: number, names: PeopleNames): string {
  const prompts = [
    roles(facts, updateIntervalMs),
    firstUpdate(facts, updateIntervalMs),
    reminders(facts),
    ...handoffs(facts, names),
    ...statusPage(facts),
  ].filter((p): p is Prompt => p !== null);
  const list = (well: boolean) => {
    const lines = prompts.filter((p) => p.well === well).map((p) => `- ${p.text}`);
    return lines.length > 0 ? `\n\nFrom the log:\n\n${lines.join("\n")}` : "";
  };
  return [
    `## What went well\n\n_To fill in: what helped — tools, people, decisions, luck._${list(true)}`,
    `## What went poorly\n\n_To fill in: what slowed detection, diagnosis, recovery or communication._${list(false)}`,
    "## Lessons\n\n_To fill in: what we learned about the system and about how we respond, in a sentence or two each._",
  ].join("\n\n");
}

function roles(facts: ResponseFacts, intervalMs: number): Prompt {
  if (facts.rolesFilledMs === null) return { well: false, text: "The commander or the communications lead was never named." };
  return {
    well: facts.rolesFilledMs <= intervalMs,
    text: `Both roles (commander and communications lead) were filled ${formatDuration(facts.rolesFilledMs)} after the declaration.`,
  };
}

function firstUpdate(facts: ResponseFacts, intervalMs: number): Prompt {
  if (facts.firstUpdateMs === null) return { well: false, text: "No status update was posted after the declaration." };
  const onTime = facts.firstUpdateMs <= intervalMs;
  return {
    well: onTime,
    text: `The first status update came ${formatDuration(facts.firstUpdateMs)} after the declaration (the cadence asks for one every ${formatDuration(intervalMs)}).`,
  };
}

function reminders(facts: ResponseFacts): Prompt | null {
  const { remindersSent: sent, remindersUnanswered: unanswered } = facts;
  if (sent === 0) return null;
  if (unanswered === 0) return { well: true, text: `Every one of the ${sent} update reminders was answered with an update.` };
  return {
    well: false,
    text: `${unanswered} of ${sent} update reminders went unanswered (no update before the next reminder or the end).`,
  };
}

function handoffs(facts: ResponseFacts, names: PeopleNames): Prompt[] {
  return facts.handoffs.map((h) => ({
    well: true,
    text: `${utcMinute(h.at)} UTC: command was handed off from ${escapeMarkdown(h.from ? personName(names, h.from) : "nobody")} to ${escapeMarkdown(personName(names, h.to))}, with a handoff brief.`,
  }));
}

function statusPage(facts: ResponseFacts): Prompt[] {
  if (facts.publishedToStatusPage && facts.statusPagePending.length === 0) {
    return [{ well: true, text: "The status page never fell behind: no push to it waited long enough to be reported." }];
  }
  return facts.statusPagePending.map(({ from, until }) => ({
    well: false,
    text:
      until === null
        ? `The status page fell behind at ${utcMinute(from)} UTC and had not caught up by the end of the record.`
        : `The status page was ${formatDuration(until.getTime() - from.getTime())} behind (${utcMinute(from)} to ${utcMinute(until)} UTC).`,
  }));
}
