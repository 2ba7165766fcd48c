/** Every action, view and shortcut id Sitrep's Block Kit uses; listeners match on these. */
export const ACTION = {
  postUpdate: "incident_post_update",
  phase: "incident_phase",
  takeRole: "incident_take_role",
  assignCommander: "incident_assign_commander",
  assignCommunications: "incident_assign_communications",
  approveUpdate: "incident_approve_update",
} as const;

export const VIEW = {
  declare: "declare_incident",
  statusUpdate: "status_update",
  phase: "phase_change",
  capture: "capture_message",
} as const;

export const SHORTCUT = { addToTimeline: "add_to_timeline" } as const;

/** Button values and block ids carry the incident number, so a click needs no channel lookup. */
export function encodeRef(number: number, detail: string): string {
  return `${number}:${detail}`;
}

export function decodeRef(value: string | undefined): { number: number; detail: string } | null {
  const match = /^(\d{1,9}):(.*)$/.exec(value ?? "");
  return match ? { number: Number(match[1]), detail: match[2]! } : null;
}
