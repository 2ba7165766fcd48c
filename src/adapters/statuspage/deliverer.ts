import type { AppContext } from "../../app/context.js";
import { recordStatuspageIncident } from "../../app/record-statuspage-incident.js";
import { recordStatuspageOutcome } from "../../app/record-statuspage-outcome.js";
import { sharedComponentStatuses } from "../../app/public-page-queries.js";
import { UpstreamError, type Deliverer, type OutboxRecord } from "../../app/ports/outbox.js";
import type { IncidentFields, StatuspageClient, StatuspageIncident } from "./client.js";
import type { ComponentDirectory } from "./components.js";
import { BODY_MAX, clip, isOurs, NAME_MAX, PUSH_KINDS, pushSchema, sitrepMetadata, type Push } from "./push.js";

export interface StatuspageDelivererDeps {
  readonly app: AppContext;
  readonly client: StatuspageClient;
  readonly components: ComponentDirectory;
}

/**
 * Delivers pushes to Statuspage, one at a time (its limit is one request a
 * second). Safe to run twice: a retried push first looks at what the page
 * already shows, and a create is never repeated blindly — the incident is
 * looked for by its Sitrep metadata first, so a create whose answer was lost
 * is found, remembered and not duplicated.
 */
export function statuspageDeliverer(deps: StatuspageDelivererDeps): Deliverer {
  const deliver = (record: OutboxRecord) => deliverPush(deps, record);
  return { upstream: "statuspage", batchSize: 1, kinds: Object.fromEntries(PUSH_KINDS.map((kind) => [kind, deliver])) };
}

async function deliverPush(deps: StatuspageDelivererDeps, record: OutboxRecord): Promise<void> {
  const parsed = pushSchema.safeParse(record.payload);
  if (!parsed.success || record.incidentId === null) {
    throw new UpstreamError("statuspage", `unreadable status-page push ${record.id}`, { retryable: false });
  }
  const push = parsed.data;
  const outcome = { incidentId: record.incidentId, outboxId: record.id, updateId: push.updateId };
  try {
    await pushToPage(deps, record, push);
  } catch (error) {
    if (error instanceof UpstreamError && !error.options.retryable) {
      await recordStatuspageOutcome(deps.app, { ...outcome, outcome: "failed", detail: error.message });
    }
    throw error;
  }
  await recordStatuspageOutcome(deps.app, { ...outcome, outcome: "published" });
}

async function pushToPage(deps: StatuspageDelivererDeps, record: OutboxRecord, push: Push): Promise<void> {
  const { app, client } = deps;
  const incidentId = record.incidentId!;
  const known = (await app.db.read.incidents.findById(incidentId))?.statuspageIncidentId ?? null;
  const retried = record.attempts > 1;
  // Without an id, an earlier create may have landed without its answer reaching us.
  const found = known === null && (retried || record.kind !== "incident.create") ? await findOnPage(client, push) : null;
  const components = await sharedComponentStatuses(app, incidentId, push.components);
  const fields = await incidentFields(deps.components, { ...push, components });
  if (known === null && found === null) {
    const opening = { ...fields, status: push.status, name: clip(push.name, NAME_MAX), metadata: sitrepMetadata(push) };
    const created = await client.createIncident(opening);
    await recordStatuspageIncident(app, { incidentId, statuspageIncidentId: created.id });
    return;
  }
  const id = known ?? found!.id;
  if (known === null) await recordStatuspageIncident(app, { incidentId, statuspageIncidentId: id });
  if (found !== null || retried) {
    const current = found ?? (await client.getIncident(id));
    if (alreadyShows(current, push)) return;
  }
  await client.updateIncident(id, fields);
}

async function findOnPage(client: StatuspageClient, push: Push): Promise<StatuspageIncident | null> {
  const unresolved = await client.listUnresolved();
  const open = unresolved.find((incident) => isOurs(incident.metadata, push));
  if (open || push.status !== "resolved") return open ?? null;
  return (await client.search(clip(push.name, NAME_MAX))).find((incident) => isOurs(incident.metadata, push)) ?? null;
}

/** The page already shows this push: its status, and its words as the newest update. */
function alreadyShows(incident: StatuspageIncident, push: Push): boolean {
  if (incident.status !== push.status) return false;
  if (push.body === null) return false;
  const newest = incident.incident_updates[0];
  return newest !== undefined && newest.status === push.status && (newest.body ?? "") === clip(push.body, BODY_MAX);
}

async function incidentFields(components: ComponentDirectory, push: Push): Promise<IncidentFields> {
  const byId = await components.resolve(push.components);
  return {
    // Status and body together make an incident update; a components-only push sends neither.
    ...(push.body !== null ? { status: push.status, body: clip(push.body, BODY_MAX) } : {}),
    ...(Object.keys(byId).length > 0 ? { component_ids: Object.keys(byId), components: byId } : {}),
    impact_override: push.impact,
    deliver_notifications: push.deliverNotifications,
  };
}
