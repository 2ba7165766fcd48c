import type { Actor } from "../domain/actor.js";
import { buildPostmortem } from "../domain/postmortem/build-postmortem.js";
import { peopleIn } from "../domain/postmortem/people.js";
import type { AppContext } from "./context.js";
import { visibleOrThrow, type IncidentRef } from "./helpers/incident-access.js";
import type { PeopleNames } from "./ports.js";

/**
 * The postmortem draft (markdown) of one incident, from its record as it is
 * now. People are named as Slack shows them when `names` can say (Slack
 * configured; its lookups are cached), else by their ids.
 */
export async function exportPostmortem(ctx: AppContext, actor: Actor, ref: IncidentRef, names?: PeopleNames): Promise<string> {
  const { read } = ctx.db;
  const incident = visibleOrThrow(await read.incidents.findByNumber(ref), ref, actor);
  const [entries, updates, followUps, checklist] = await Promise.all([
    read.timeline.list(incident.id),
    read.updates.list(incident.id),
    read.followUps.list(incident.id),
    read.checklist.list(incident.id),
  ]);
  const record = { incident, entries, updates, followUps, checklist };
  return buildPostmortem({
    ...record,
    checklistItems: ctx.library?.checklist ?? [],
    names: names ? await resolveNames(names, peopleIn(record)) : new Map(),
    updateIntervalMs: ctx.settings.statusUpdateIntervalMs,
  });
}

/** Only Slack ids are looked up; "sitrep", "pagerduty" and the like are shown as they are. */
async function resolveNames(names: PeopleNames, ids: readonly string[]): Promise<Map<string, string>> {
  const slackIds = ids.filter((id) => /^[UW][A-Z0-9]{2,}$/.test(id));
  const found = await Promise.all(slackIds.map(async (id) => [id, await names.nameOf(id)] as const));
  return new Map(found.filter((pair): pair is readonly [string, string] => pair[1] !== null));
}
