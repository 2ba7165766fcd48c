import type { webApi } from "@slack/bolt";
import { slackCall } from "./web-api-errors.js";

/** Slack requires a limit under 1000 and recommends no more than 200 per page. */
export const LIST_PAGE_SIZE = 200;
/** 40,000 channels; past that a workspace is searched no further. */
const MAX_PAGES = 200;

export type ListedChannel = NonNullable<webApi.ConversationsListResponse["channels"]>[number];

/** The first channel `conversations.list` shows that matches, following the cursor page by page. */
export async function findListedChannel(
  client: webApi.WebClient,
  options: { types: string; excludeArchived: boolean },
  matches: (channel: ListedChannel) => boolean,
): Promise<ListedChannel | null> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await slackCall("conversations.list", () =>
      client.conversations.list({ types: options.types, exclude_archived: options.excludeArchived, limit: LIST_PAGE_SIZE, cursor }),
    );
    const found = (result.channels ?? []).find(matches);
    if (found) return found;
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}
