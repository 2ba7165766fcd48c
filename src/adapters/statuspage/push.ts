import { z } from "zod";
import { COMPONENT_STATUSES, IMPACTS } from "../../domain/component-status.js";
import { PHASES } from "../../domain/phase.js";

/**
 * One push to the status page, as the outbox keeps it. It is a snapshot of
 * everything the page should show once it lands (status, words, component
 * statuses), so a push delivered late is still right, and pushes of one
 * incident land strictly in order (ordering key `statuspage:<incidentId>`).
 */
export const pushSchema = z.object({
  incidentNumber: z.number().int().positive(),
  declaredAt: z.string(),
  name: z.string(),
  status: z.enum(PHASES),
  /** Null: nothing to say, only component statuses change (a severity change). */
  body: z.string().nullable(),
  /** The status update this push carries, so its status-page state is kept. */
  updateId: z.number().int().nullable(),
  /** Component name → status. */
  components: z.record(z.string(), z.enum(COMPONENT_STATUSES)),
  impact: z.enum(IMPACTS),
  deliverNotifications: z.boolean(),
});

export type Push = z.infer<typeof pushSchema>;

export const PUSH_KINDS = ["incident.create", "incident.update", "incident.resolve", "components.update"] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

/** Statuspage's limits: names up to 255 characters, bodies up to 25 000. */
export const NAME_MAX = 255;
export const BODY_MAX = 25_000;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** What marks a Statuspage incident as ours, so a create whose answer was lost is found again. */
export function sitrepMetadata(push: Pick<Push, "incidentNumber" | "declaredAt">): Record<string, Record<string, string>> {
  return { sitrep: { incident_number: String(push.incidentNumber), declared_at: push.declaredAt } };
}

export function isOurs(metadata: Record<string, unknown> | null | undefined, push: Pick<Push, "incidentNumber" | "declaredAt">): boolean {
  const mark = metadata?.sitrep as Record<string, unknown> | undefined;
  return mark?.incident_number === String(push.incidentNumber) && (mark.declared_at === undefined || mark.declared_at === push.declaredAt);
}
