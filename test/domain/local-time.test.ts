import { describe, expect, it } from "vitest";
import { readTime, utcAndLocal } from "../../src/domain/local-time.js";

describe("times typed by people in their own zone", () => {
  it("reads a time without a zone in the given zone, and lets an explicit offset win", () => {
    expect(readTime("2026-04-29T09:53", "Europe/Paris")?.toISOString()).toBe("2026-04-29T07:53:00.000Z");
    expect(readTime("2026-04-29T09:53Z", "Europe/Paris")?.toISOString()).toBe("2026-04-29T09:53:00.000Z");
    expect(readTime("2026-04-29T09:53+05:30", "utc")?.toISOString()).toBe("2026-04-29T04:23:00.000Z");
    expect(readTime("2026-04-29 09:53", "America/New_York")?.toISOString()).toBe("2026-04-29T13:53:00.000Z");
    expect(readTime("yesterday", "utc")).toBeNull();
    expect(readTime("2026-04-29T09:53", "Not/AZone")).toBeNull();
  });

  it("shows UTC and the reader's time beside it, with the date when it differs", () => {
    const at = new Date("2026-04-29T22:30:00Z");
    expect(utcAndLocal(at, null)).toBe("2026-04-29 22:30 UTC");
    expect(utcAndLocal(at, "Etc/UTC")).toBe("2026-04-29 22:30 UTC");
    expect(utcAndLocal(at, "America/New_York")).toBe("2026-04-29 22:30 UTC (18:30 America/New_York)");
    expect(utcAndLocal(at, "Asia/Kolkata")).toBe("2026-04-29 22:30 UTC (2026-04-30 04:00 Asia/Kolkata)");
  });
});
