import { severityLabel, type Severity } from "../../domain/severity.js";
import type { EntryJson, FollowUpJson, IncidentJson, UpdateJson } from "./api-types.js";
import { age, table, utc } from "./format.js";
import { personLabel, personName, plainText, type People } from "./people.js";

export function renderIncidentLine(incident: IncidentJson): string {
  return `#${incident.number} ${incident.title} — ${incident.phase}, ${severityLabel(incident.severity as Severity)}`;
}

export function renderIncidentList(incidents: IncidentJson[], people: People = {}): string {
  if (incidents.length === 0) return "No incidents.";
  return table(
    ["#", "SEV", "PHASE", "TITLE", "COMMANDER", "COMMS", "DECLARED", "AGE"],
    incidents.map((i) => [
      i.number,
      severityLabel(i.severity as Severity),
      i.phase,
      i.title,
      i.commander === null ? "(vacant)" : personName(i.commander, people),
      i.communications === null ? "(vacant)" : personName(i.communications, people),
      utc(i.declaredAt),
      age(i.declaredAt, i.resolvedAt ? new Date(i.resolvedAt) : new Date()),
    ]),
  );
}

export function renderIncident(incident: IncidentJson, updates: UpdateJson[], followUps: FollowUpJson[], people: People = {}): string {
  const lines = [
    `Incident #${incident.number}: ${incident.title}`,
    `  phase          ${incident.phase}`,
    `  severity       ${severityLabel(incident.severity as Severity)}`,
    `  commander      ${personLabel(incident.commander, people)}`,
    `  communications ${personLabel(incident.communications, people)}`,
    `  public         ${incident.public ? "yes" : "no"}${incident.private ? " (private incident)" : ""}`,
    `  status page    ${incident.statuspageState}`,
    `  source         ${incident.source ? `${incident.source}${incident.provider ? ` (${incident.provider})` : ""}` : "—"}`,
    `  channel        ${incident.channelName ? `#${incident.channelName}` : "—"}`,
    `  declared       ${utc(incident.declaredAt)}`,
    `  identified     ${utc(incident.identifiedAt)}`,
    `  monitoring     ${utc(incident.monitoringAt)}`,
    `  resolved       ${utc(incident.resolvedAt)}`,
    `  next update    ${incident.phase === "resolved" ? "—" : utc(incident.nextUpdateDueAt)}`,
  ];
  const latest = updates.at(-1);
  if (latest) lines.push("", `Latest update (${latest.phase}, ${utc(latest.postedAt)}):`, `  ${plainText(latest.body, people)}`);
  const waiting = updates.filter((u) => u.approval === "pending");
  if (waiting.length > 0) {
    lines.push(
      "",
      `Awaiting approval (sitrep approve ${incident.number} <id>):`,
      ...waiting.map((u) => `  [${u.id}] ${plainText(u.body, people)}`),
    );
  }
  const open = followUps.filter((f) => !f.done);
  if (open.length > 0)
    lines.push(
      "",
      "Open follow-ups:",
      ...open.map((f) => `  - ${plainText(f.text, people)}${f.owner ? ` (${personName(f.owner, people)})` : ""}`),
    );
  return lines.join("\n");
}

export function renderTimeline(entries: EntryJson[], people: People = {}): string {
  if (entries.length === 0) return "The timeline is empty.";
  return table(
    ["TIME (UTC)", "ACTOR", "VIA", "WHAT"],
    entries.map((e) => [utc(e.occurredAt).replace(" UTC", ""), personName(e.actor, people), e.via, plainText(e.summary, people)]),
  );
}

export function renderFollowUps(followUps: FollowUpJson[], people: People = {}): string {
  if (followUps.length === 0) return "No follow-ups.";
  return table(
    ["INCIDENT", "ID", "FOLLOW-UP", "OWNER", "STATE", "CREATED"],
    followUps.map((f) => [
      f.incident !== undefined ? `#${f.incident}` : "",
      f.id,
      plainText(f.text, people),
      f.owner === null ? null : personName(f.owner, people),
      f.done ? "done" : "open",
      utc(f.createdAt),
    ]),
  );
}
