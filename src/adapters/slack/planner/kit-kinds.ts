import { z } from "zod";

/**
 * The Slack outbox messages for the incident's working kit: the checklist, the
 * runbooks and the postmortem draft. Each is one step, safe to deliver twice.
 */
export const KIT_KIND = {
  postChecklist: "slack.post_checklist",
  refreshChecklist: "slack.refresh_checklist",
  checklistNag: "slack.checklist_nag",
  suggestRunbooks: "slack.suggest_runbooks",
  postRunbook: "slack.post_runbook",
  postPostmortem: "slack.post_postmortem",
  tellChannel: "slack.tell_channel",
} as const;

export type KitKind = (typeof KIT_KIND)[keyof typeof KIT_KIND];

export const postRunbookSchema = z.object({ runbook: z.string(), requestedBy: z.string() });
export const postPostmortemSchema = z.object({ requestedBy: z.string() });
export const tellChannelSchema = z.object({ responseUrl: z.string().url(), text: z.string() });
