/**
 * The plan's two core roles: the commander owns the incident and keeps the
 * channel on-topic; communications owns status updates and the status page.
 */
export const ROLES = ["commander", "communications"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, string> = {
  commander: "Incident commander",
  communications: "Communications lead",
};

/** What the role does, in two lines, told to whoever takes it. */
export const ROLE_DUTIES: Record<Role, readonly [string, string]> = {
  commander: [
    "You own this incident: decide, delegate, and make sure nothing said here is forgotten.",
    "Keep the channel on-topic (side discussions go elsewhere) and recommend each status update.",
  ],
  communications: [
    "You own status updates: one every 20 minutes, worded from the style guide, sent from here.",
    "You keep the status page and customer-facing messages current, so the commander is not asked for status.",
  ],
};
