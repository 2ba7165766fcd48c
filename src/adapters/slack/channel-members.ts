import type { webApi } from "@slack/bolt";
import type { ChannelMembers } from "../../app/ports.js";
import type { Logger } from "../../logger.js";
import { slackCall } from "./web-api-errors.js";

/** Incident channels are small; past this many members the rest are not read. */
const MAX_PAGES = 5;

/**
 * An incident channel's members (`conversations.members`, paginated). A
 * failure is logged and answers []: suggestions then come from the timeline.
 */
export function slackChannelMembers(client: webApi.WebClient, log: Logger): ChannelMembers {
  return {
    async of(channel) {
      const members: string[] = [];
      let cursor: string | undefined;
      try {
        for (let page = 0; page < MAX_PAGES; page += 1) {
          const answer = await slackCall("conversations.members", () => client.conversations.members({ channel, limit: 200, cursor }));
          members.push(...(answer.members ?? []));
          cursor = answer.response_metadata?.next_cursor || undefined;
          if (!cursor) break;
        }
      } catch (error) {
        log.warn({ err: error, channel }, "conversations.members failed; suggesting from the timeline only");
      }
      return members;
    },
  };
}
