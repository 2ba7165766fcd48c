import type { Actor } from "./actor.js";
import type { Incident } from "./incident.js";
import type { Role } from "./roles.js";

/**
 * Who may do what (seed 001): anyone declares, adds notes and follow-ups; the
 * commander, the communications lead or an admin steer the incident (paging
 * included); a vacant role may be taken by anyone; a held commander role moves
 * only by the commander's or an admin's hand (so nobody can take the vacant
 * comms role and from there lock the commander out); only the commander
 * approves public updates.
 */
export type Action =
  | "declare"
  | "add_note"
  | "add_follow_up"
  | "tick_checklist"
  | "page_team"
  | "take_role"
  | "assign_role"
  | "hand_off"
  | "change_phase"
  | "set_severity"
  | "post_update"
  | "publish"
  | "classify"
  | "set_impact"
  | "approve_update";

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const ALLOW: Decision = { allowed: true };

const ANYONE: ReadonlySet<Action> = new Set(["declare", "add_note", "add_follow_up", "tick_checklist"]);

export function isResponderLead(actor: Actor, incident: Incident): boolean {
  return actor.id === incident.commander || actor.id === incident.communications;
}

function holders(incident: Incident): string {
  const names = [
    incident.commander ? `the commander (<@${incident.commander}>)` : null,
    incident.communications ? `the communications lead (<@${incident.communications}>)` : null,
  ].filter((n): n is string => n !== null);
  return [...names, "an admin"].join(", ").replace(/, ([^,]*)$/, " or $1");
}

export function authorize(action: Action, actor: Actor, incident: Incident, target?: { role: Role }): Decision {
  if (ANYONE.has(action)) return ALLOW;
  if (action === "take_role") return authorizeTakeRole(actor, incident, target?.role ?? "commander");
  if (action === "hand_off" || (action === "assign_role" && target?.role === "commander")) return authorizeCommandChange(actor, incident);
  if (action === "approve_update") {
    if (actor.isAdmin || actor.id === incident.commander) return ALLOW;
    return deny(`Only the commander${incident.commander ? ` (<@${incident.commander}>)` : ""} or an admin can approve updates.`);
  }
  if (actor.isAdmin || isResponderLead(actor, incident)) return ALLOW;
  return deny(`Only ${holders(incident)} can do that on incident #${incident.number}.`);
}

/** Taking a role for oneself: free when vacant, otherwise it is an assignment. */
function authorizeTakeRole(actor: Actor, incident: Incident, role: Role): Decision {
  const holder = role === "commander" ? incident.commander : incident.communications;
  if (holder === null || holder === actor.id) return ALLOW;
  return authorize("assign_role", actor, incident, { role });
}

/** A held commander role is given away by the commander or an admin; a vacant one by any lead. */
function authorizeCommandChange(actor: Actor, incident: Incident): Decision {
  if (incident.commander === null) return authorize("assign_role", actor, incident);
  if (actor.isAdmin || actor.id === incident.commander) return ALLOW;
  return deny(`Only the commander (<@${incident.commander}>) or an admin can change the commander of incident #${incident.number}.`);
}

/** Going back in the lifecycle (or reopening) is the commander's call alone; an admin's while the role is vacant. */
export function authorizeBackwardPhase(actor: Actor, incident: Incident): Decision {
  if (actor.id === incident.commander) return ALLOW;
  if (incident.commander === null && actor.isAdmin) return ALLOW;
  const who = incident.commander ? `the commander (<@${incident.commander}>)` : "the commander (the role is vacant) or an admin";
  return deny(`Only ${who} can move incident #${incident.number} back to an earlier phase.`);
}

function deny(reason: string): Decision {
  return { allowed: false, reason };
}
