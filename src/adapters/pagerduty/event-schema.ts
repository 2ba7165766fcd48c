import { z } from "zod";
import type { PagerdutyAlert, PagerdutyEvent, PagerdutyUrgency } from "../../domain/pagerduty.js";

/**
 * PagerDuty webhooks v3: one event per delivery, `{ event: { id, event_type,
 * resource_type, occurred_at, agent, client, data } }`. Only what Sitrep reads
 * is checked; the whole body is kept as it came.
 */
const reference = z.object({
  id: z.string(),
  summary: z.string().nullish(),
  html_url: z.string().nullish(),
  type: z.string().nullish(),
});

export const envelopeSchema = z.object({
  event: z.object({
    id: z.string().trim().min(1).max(200),
    event_type: z.string().trim().min(1).max(200),
    resource_type: z.string().nullish(),
    occurred_at: z.string().nullish(),
    agent: reference.nullish(),
    client: z.object({ name: z.string().nullish() }).nullish(),
    data: z.record(z.string(), z.unknown()).nullish(),
  }),
});

export type Envelope = z.infer<typeof envelopeSchema>;

const incidentData = z.object({
  id: z.string().min(1),
  type: z.literal("incident"),
  number: z.number().int().nullish(),
  title: z.string().nullish(),
  html_url: z.string().nullish(),
  status: z.string().nullish(),
  service: reference.nullish(),
  assignees: z.array(reference).nullish(),
  priority: reference.nullish(),
  urgency: z.string().nullish(),
  incident_key: z.string().nullish(),
});

/** incident_note, incident_status_update, incident_responder …: they name their incident. */
const aboutAnIncident = z.object({ incident: reference, content: z.string().nullish() });

export function occurredAt(envelope: Envelope): Date | null {
  const text = envelope.event.occurred_at;
  const date = text ? new Date(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** The PagerDuty incident an event is about, or null (service events, pings). */
export function pagerdutyIncidentIdOf(envelope: Envelope): string | null {
  const data = envelope.event.data;
  if (!data) return null;
  const incident = incidentData.safeParse(data);
  if (incident.success) return incident.data.id;
  const related = aboutAnIncident.safeParse(data);
  return related.success ? related.data.incident.id : null;
}

function toAlert(data: z.infer<typeof incidentData>): PagerdutyAlert {
  const urgency = data.urgency === "high" || data.urgency === "low" ? (data.urgency as PagerdutyUrgency) : null;
  return {
    id: data.id,
    number: data.number ?? null,
    title: data.title ?? "",
    url: data.html_url ?? null,
    status: data.status ?? "triggered",
    serviceId: data.service?.id ?? null,
    serviceName: data.service?.summary ?? null,
    urgency,
    priority: data.priority?.summary ?? null,
    incidentKey: data.incident_key ?? null,
    assignees: (data.assignees ?? []).map((a) => ({ id: a.id, name: a.summary ?? a.id })),
  };
}

/** The domain's view of a stored event; null when it is about no incident. */
export function toPagerdutyEvent(payload: unknown, fallbackTime: Date): PagerdutyEvent | null {
  const envelope = envelopeSchema.parse(payload);
  const pagerdutyIncidentId = pagerdutyIncidentIdOf(envelope);
  if (pagerdutyIncidentId === null) return null;
  const { event } = envelope;
  const incident = incidentData.safeParse(event.data);
  const related = aboutAnIncident.safeParse(event.data);
  return {
    id: event.id,
    type: event.event_type,
    occurredAt: occurredAt(envelope) ?? fallbackTime,
    agent: event.agent?.summary ?? event.client?.name ?? null,
    pagerdutyIncidentId,
    alert: incident.success ? toAlert(incident.data) : null,
    note: related.success ? (related.data.content ?? null) : null,
  };
}
