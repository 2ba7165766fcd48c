import type { Incident } from "../../../domain/incident.js";
import type { StatusUpdate } from "../../../domain/status-update.js";
import { ACTION, encodeRef } from "./action-ids.js";
import { quote } from "./entry-message.js";
import { who } from "./format.js";
import { actions, button, context, message, section, type SlackMessage } from "./kit.js";

/**
 * Asks the commander to approve a public update drafted by someone else (the
 * plan: the commander recommends, communications words it). The button carries
 * the incident and the update, so a click needs nothing else.
 */
export function approvalRequestMessage(incident: Incident, update: StatusUpdate): SlackMessage {
  const approver = incident.commander ? who(incident.commander) : "The commander (the role is vacant) or an admin";
  return message(`Status update for #${incident.number} awaiting the commander's approval`, [
    section(
      `:raised_hand: ${approver}, this public update by ${who(update.author)} is *awaiting your approval* ` +
        `before it goes to the status page:\n${quote(update.body)}`,
    ),
    actions(encodeRef(incident.number, `approval:${update.id}`), [
      button({ text: "Approve", actionId: ACTION.approveUpdate, value: encodeRef(incident.number, String(update.id)), style: "primary" }),
    ]),
    context(["Only the commander or an admin can approve."]),
  ]);
}

/** The same request once settled: no button any more, and who approved it. */
export function approvalSettledMessage(incident: Incident, update: StatusUpdate): SlackMessage {
  const by = update.approvedBy ? ` by ${who(update.approvedBy)}` : "";
  return message(`Status update for #${incident.number} approved`, [
    section(
      `:white_check_mark: This public update by ${who(update.author)} was *approved*${by}; it goes to the status page.\n${quote(update.body)}`,
    ),
  ]);
}
