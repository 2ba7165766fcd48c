/** Where an action came from; every timeline entry records it. */
export const VIAS = ["slack", "api", "cli", "pagerduty", "system"] as const;
export type Via = (typeof VIAS)[number];

/**
 * Who acts. `id` is a Slack user id (U…/W…) when a person is known, otherwise a
 * name such as "api:ci-bot" or "pagerduty". Admins are configured Slack user ids
 * and admin API tokens.
 */
export interface Actor {
  readonly id: string;
  readonly via: Via;
  readonly isAdmin: boolean;
  /** May see private incidents without being a member of their channel. */
  readonly privateAccess?: boolean;
}

export const SYSTEM_ACTOR: Actor = { id: "sitrep", via: "system", isAdmin: true, privateAccess: true };

export function isSlackUserId(id: string): boolean {
  return /^[UW][A-Z0-9]{2,}$/.test(id);
}
