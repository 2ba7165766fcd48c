import type { OperatorNotices } from "../../../app/ports.js";
import { KIND } from "../planner/outbox-kinds.js";

/** Operator notices go to INCIDENT_ANNOUNCE_CHANNEL as plain text, once per key, in the order they were raised. */
export function announceChannelNotices(channel: string | undefined): OperatorNotices {
  return {
    notice(text, key) {
      if (!channel) return [];
      return [{ upstream: "slack", kind: KIND.notice, payload: { channel, text, key }, orderingKey: "slack:notices", incidentId: null }];
    },
  };
}
