import { describe, expect, it } from "vitest";
import { channelName, CHANNEL_NAME_MAX } from "../../../src/adapters/slack/channel-name.js";

describe("incident channel names", () => {
  it("are inc-<number>-<slug>, lowercase, with Slack's characters only", () => {
    expect(channelName(42, "DB down in eu-west-1!")).toBe("inc-42-db-down-in-eu-west-1");
    expect(channelName(7, "Problèmes de connexion — API")).toBe("inc-7-problemes-de-connexion-api");
    expect(channelName(3, "snake_case stays")).toBe("inc-3-snake_case-stays");
  });

  it("are at most 80 characters and never end in a hyphen", () => {
    const name = channelName(123456, `${"word ".repeat(40)}`);
    expect(name.length).toBeLessThanOrEqual(CHANNEL_NAME_MAX);
    expect(name).toMatch(/^inc-123456-[a-z0-9_-]*[a-z0-9]$/);
  });

  it("fall back to inc-<number> when the title has nothing usable, and number later attempts", () => {
    expect(channelName(9, "🔥🔥")).toBe("inc-9");
    expect(channelName(9, "DB down", 2)).toBe("inc-9-db-down-2");
    expect(channelName(9, "x".repeat(100), 3)).toHaveLength(CHANNEL_NAME_MAX);
    expect(channelName(9, "x".repeat(100), 3).endsWith("-3")).toBe(true);
  });
});
