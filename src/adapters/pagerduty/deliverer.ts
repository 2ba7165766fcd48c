import { z } from "zod";
import { assignOnCallCommander } from "../../app/assign-on-call-commander.js";
import type { AppContext } from "../../app/context.js";
import type { SlackDirectory } from "../../app/ports.js";
import { recordTeamPage } from "../../app/record-team-page.js";
import { UpstreamError, type Deliverer, type OutboxRecord } from "../../app/ports/outbox.js";
import type { PagerdutyApi } from "./pagerduty-api.js";
import { ASSIGN_COMMANDER, NOTE, PAGE, RESOLVE } from "./planner.js";
import { resolveService } from "./resolve-service.js";

export interface DelivererDeps {
  readonly app: AppContext;
  /** Null when PAGERDUTY_API_TOKEN is unset: nothing can be asked of PagerDuty. */
  readonly pagerduty: PagerdutyApi | null;
  /** Null when Slack is not configured: nobody is looked up. */
  readonly directory: SlackDirectory | null;
}

const noteMessage = z.object({ pagerdutyIncidentId: z.string(), content: z.string() });
const resolveMessage = z.object({ pagerdutyIncidentId: z.string(), resolution: z.string() });
const assignMessage = z.object({ pagerdutyIncidentId: z.string(), incidentNumber: z.number() });
const pageMessage = z.object({
  incidentNumber: z.number(),
  service: z.string(),
  title: z.string(),
  details: z.string(),
  incidentKey: z.string(),
});

const NO_API = "the PagerDuty API is not configured (PAGERDUTY_API_TOKEN)";

function apiOrThrow(api: PagerdutyApi | null): PagerdutyApi {
  if (api === null) throw new UpstreamError("pagerduty", NO_API, { retryable: false });
  return api;
}

/**
 * Delivers PagerDuty outbox messages. Each is safe to run twice: a note is
 * not posted again when a previous attempt already did, resolving a resolved
 * incident is done, a page is found again by its incident key, and timeline
 * entries carry the message id as their dedupe key.
 */
export function pagerdutyDeliverer(deps: DelivererDeps): Deliverer {
  const { app } = deps;
  return {
    upstream: "pagerduty",
    batchSize: 8,
    kinds: {
      async [NOTE](record) {
        const { pagerdutyIncidentId, content } = noteMessage.parse(record.payload);
        const api = apiOrThrow(deps.pagerduty);
        // A lease can end mid-call: on a second attempt, look before posting twice.
        if (record.attempts > 1 && (await api.noteContents(pagerdutyIncidentId)).includes(content)) return;
        await api.addNote(pagerdutyIncidentId, content);
      },
      async [RESOLVE](record) {
        const { pagerdutyIncidentId, resolution } = resolveMessage.parse(record.payload);
        await apiOrThrow(deps.pagerduty).resolve(pagerdutyIncidentId, resolution);
      },
      async [ASSIGN_COMMANDER](record) {
        const input = assignMessage.parse(record.payload);
        const found = await findOnCall(deps, input.pagerdutyIncidentId);
        await assignOnCallCommander(app, { ref: input.incidentNumber, ...found, dedupeKey: `pagerduty-oncall:${record.id}` });
      },
      async [PAGE](record) {
        await page(deps, record);
      },
    },
  };
}

interface OnCall {
  readonly slackUser: string | null;
  readonly pagerdutyUser: string;
  readonly email: string | null;
  readonly reason: string;
}

/** PagerDuty assignee → their email (PagerDuty) → their Slack user (Slack). */
async function findOnCall(deps: DelivererDeps, pagerdutyIncidentId: string): Promise<OnCall> {
  const none = (reason: string, pagerdutyUser = "", email: string | null = null): OnCall => ({
    slackUser: null,
    pagerdutyUser,
    email,
    reason,
  });
  if (deps.pagerduty === null) return none(NO_API);
  const { assignee } = await deps.pagerduty.getIncident(pagerdutyIncidentId);
  if (assignee === null) return none("PagerDuty has nobody assigned");
  if (deps.directory === null) return none("Slack is not configured, so nobody was looked up", assignee.name);
  const user = await deps.pagerduty.getUser(assignee.id);
  if (user.email === null) return none("PagerDuty has no email address for them", user.name);
  try {
    const slackUser = await deps.directory.lookupByEmail(user.email);
    return slackUser
      ? { slackUser, pagerdutyUser: user.name, email: user.email, reason: "" }
      : none("no Slack user has this email", user.name, user.email);
  } catch (error) {
    // A retryable failure is retried by the outbox; one that retrying cannot fix is told in the timeline.
    if (error instanceof UpstreamError && !error.options.retryable)
      return none(`the Slack lookup failed (${error.message})`, user.name, user.email);
    throw error;
  }
}

async function page(deps: DelivererDeps, record: OutboxRecord): Promise<void> {
  const input = pageMessage.parse(record.payload);
  const report = (result: { state: "paged" | "failed"; pagerdutyIncidentId?: string; url?: string | null; detail?: string }) =>
    recordTeamPage(deps.app, {
      ref: input.incidentNumber,
      service: input.service,
      state: result.state,
      pagerdutyIncidentId: result.pagerdutyIncidentId ?? null,
      url: result.url ?? null,
      detail: result.detail ?? "",
      dedupeKey: `pagerduty-page:${record.id}`,
    });
  if (deps.pagerduty === null) return void (await report({ state: "failed", detail: NO_API }));
  const api = deps.pagerduty;
  const earlier = record.attempts > 1 ? await api.findIncidentByKey(input.incidentKey) : null;
  if (earlier) return void (await report({ state: "paged", pagerdutyIncidentId: earlier.id, url: earlier.url }));
  const service = await resolveService(api, input.service);
  if ("problem" in service) return void (await report({ state: "failed", detail: service.problem }));
  try {
    const created = await api.createIncident({
      title: input.title,
      serviceId: service.id,
      incidentKey: input.incidentKey,
      details: input.details,
    });
    await report({ state: "paged", pagerdutyIncidentId: created.id, url: created.url });
  } catch (error) {
    if (error instanceof UpstreamError && !error.options.retryable) return void (await report({ state: "failed", detail: error.message }));
    throw error;
  }
}
