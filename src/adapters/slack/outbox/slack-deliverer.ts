import type { DeliverFn, Deliverer } from "../../../app/ports/outbox.js";
import { KIT_KIND, type KitKind } from "../planner/kit-kinds.js";
import { APPROVAL_KIND, KIND, type SlackKind } from "../planner/outbox-kinds.js";
import { requestApproval, settleApproval } from "./approval-steps.js";
import { createChannel, invite, pinMessage, postHeader, refreshHeader, setTopic } from "./channel-steps.js";
import type { DeliveryContext } from "./delivery-context.js";
import { checklistNag, postChecklist, postRunbook, refreshChecklist, suggestRunbooks, tellChannel } from "./kit-steps.js";
import { announce, postEntry, postHandoffBrief } from "./message-steps.js";
import { postPostmortem } from "./postmortem-steps.js";
import { postSelfTestMessage } from "./self-test-steps.js";

/**
 * Delivers the Slack outbox. Slack allows about one message per second per
 * channel, and each incident's messages go out one at a time anyway, so a
 * round claims a few.
 */
export function slackDeliverer(ctx: DeliveryContext): Deliverer {
  const step =
    (fn: (c: DeliveryContext, r: Parameters<DeliverFn>[0]) => Promise<void>): DeliverFn =>
    (record) =>
      fn(ctx, record);
  const kinds: Record<SlackKind, DeliverFn> = {
    [KIND.createChannel]: step(createChannel),
    [KIND.invite]: step(invite),
    [KIND.postHeader]: step(postHeader),
    [KIND.refreshHeader]: step(refreshHeader),
    [KIND.setTopic]: step(setTopic),
    [KIND.postEntry]: step(postEntry),
    [KIND.handoffBrief]: step(postHandoffBrief),
    [KIND.announce]: step(announce),
    [KIND.pin]: step(pinMessage),
    [APPROVAL_KIND.request]: step(requestApproval),
    [APPROVAL_KIND.settle]: step(settleApproval),
    [KIND.selfTestPost]: step(postSelfTestMessage),
    [KIND.notice]: step(postSelfTestMessage),
  };
  return { upstream: "slack", kinds: { ...kinds, ...kitKinds(step) }, batchSize: 8 };
}

/** The checklist, runbooks and postmortem steps (kit-steps.ts, postmortem-steps.ts). */
function kitKinds(step: (fn: (c: DeliveryContext, r: Parameters<DeliverFn>[0]) => Promise<void>) => DeliverFn): Record<KitKind, DeliverFn> {
  return {
    [KIT_KIND.postChecklist]: step(postChecklist),
    [KIT_KIND.refreshChecklist]: step(refreshChecklist),
    [KIT_KIND.checklistNag]: step(checklistNag),
    [KIT_KIND.suggestRunbooks]: step(suggestRunbooks),
    [KIT_KIND.postRunbook]: step(postRunbook),
    [KIT_KIND.postPostmortem]: step(postPostmortem),
    [KIT_KIND.tellChannel]: step(tellChannel),
  };
}
