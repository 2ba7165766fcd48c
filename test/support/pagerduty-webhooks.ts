import { createHmac, randomUUID } from "node:crypto";

/**
 * PagerDuty webhooks v3 as PagerDuty sends them: envelopes built from the
 * documented examples (developer-docs `docs/webhooks/01-Overview.md`, the
 * "realistic incident.triggered" of CONTRACTS §2.1), signed with one or two
 * secrets, with PagerDuty's delivery headers.
 */
export const TEST_WEBHOOK_SECRET = "lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK";

const ref = (type: string, id: string, summary: string) => ({
  html_url: `https://acme.pagerduty.com/${type}s/${id}`,
  id,
  self: `https://api.pagerduty.com/${type}s/${id}`,
  summary,
  type: `${type}_reference`,
});

export interface IncidentFields {
  readonly id: string;
  readonly number?: number;
  readonly title?: string;
  readonly status?: string;
  readonly serviceId?: string;
  readonly serviceName?: string;
  readonly assignees?: ReadonlyArray<{ id: string; name: string }>;
  readonly priority?: string | null;
  readonly urgency?: "high" | "low";
  readonly incidentKey?: string | null;
}

/** The `incident` data type, defaulting to the documented checkout-api example. */
export function incidentData(fields: IncidentFields): Record<string, unknown> {
  return {
    id: fields.id,
    type: "incident",
    self: `https://api.pagerduty.com/incidents/${fields.id}`,
    html_url: `https://acme.pagerduty.com/incidents/${fields.id}`,
    number: fields.number ?? 1234,
    status: fields.status ?? "triggered",
    incident_key: fields.incidentKey === undefined ? "d3640fbd41094207a1c11e58e46b1662" : fields.incidentKey,
    created_at: "2026-08-20T14:03:11Z",
    title: fields.title ?? "checkout-api 5xx rate above 5% for 5m",
    incident_type: { name: "incident_default" },
    service: ref("service", fields.serviceId ?? "PF9KMXH", fields.serviceName ?? "Checkout API"),
    assignees: (fields.assignees ?? [{ id: "PTUXL6G", name: "Dana On-call" }]).map((a) => ref("user", a.id, a.name)),
    escalation_policy: ref("escalation_policy", "PUS0KTE", "Checkout"),
    teams: [ref("team", "PFCVPS0", "Payments")],
    priority:
      fields.priority === null
        ? null
        : {
            html_url: "https://acme.pagerduty.com/account/incident_priorities",
            id: "PSO75BM",
            self: "https://api.pagerduty.com/priorities/PSO75BM",
            summary: fields.priority ?? "P1",
            type: "priority_reference",
          },
    urgency: fields.urgency ?? "high",
    conference_bridge: null,
    resolve_reason: null,
  };
}

/** The `incident_note` data type of `incident.annotated`. */
export function noteData(incidentId: string, content: string): Record<string, unknown> {
  return {
    incident: ref("incident", incidentId, "A little bump in the road"),
    id: "P2LA89X",
    content,
    trimmed: false,
    type: "incident_note",
  };
}

export interface EnvelopeOptions {
  readonly id?: string;
  readonly occurredAt?: string;
  /** A person who acted; null for automation. */
  readonly agent?: { id: string; name: string } | null;
  readonly client?: { name: string; url?: string } | null;
}

export function envelope(eventType: string, data: Record<string, unknown>, options: EnvelopeOptions = {}): Record<string, unknown> {
  return {
    event: {
      id: options.id ?? randomUUID(),
      event_type: eventType,
      resource_type: eventType.split(".")[0],
      occurred_at: options.occurredAt ?? new Date().toISOString(),
      agent: options.agent ? ref("user", options.agent.id, options.agent.name) : null,
      client: options.client === undefined ? { name: "Datadog", url: "https://app.datadoghq.com/monitors/123456" } : options.client,
      data,
    },
  };
}

/** `v1=<hex>` per secret, comma-separated with no spaces, as during a rotation. */
export function signatureHeader(body: string, secrets: readonly string[]): string {
  return secrets.map((s) => `v1=${createHmac("sha256", s).update(body).digest("hex")}`).join(",");
}

export interface SendOptions {
  readonly secrets?: readonly string[];
  /** Overrides the computed signature (null sends none). */
  readonly signature?: string | null;
  readonly webhookId?: string;
  readonly headers?: Record<string, string>;
}

/** Delivers a webhook the way PagerDuty does; the body is sent byte for byte as given. */
export async function sendWebhook(
  baseUrl: string,
  payload: Record<string, unknown> | string,
  options: SendOptions = {},
): Promise<{ status: number; body: unknown }> {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const signature = options.signature === undefined ? signatureHeader(body, options.secrets ?? [TEST_WEBHOOK_SECRET]) : options.signature;
  const response = await fetch(`${baseUrl}/webhooks/pagerduty`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "PagerDuty-Webhook/V3.0",
      "x-webhook-id": options.webhookId ?? randomUUID(),
      "x-webhook-subscription": "PY1OQGK",
      ...(signature !== null ? { "x-pagerduty-signature": signature } : {}),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}
