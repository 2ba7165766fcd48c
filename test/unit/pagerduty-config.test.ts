import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("PagerDuty configuration", () => {
  it("declares high-urgency alerts of any service and priority, and resolves PagerDuty, by default", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PAGERDUTY_DECLARE_SERVICES: [],
      PAGERDUTY_DECLARE_URGENCIES: ["high"],
      PAGERDUTY_DECLARE_PRIORITIES: [],
      PAGERDUTY_RESOLVE_ON_RESOLVE: true,
    });
  });

  it("reads comma-separated rules", () => {
    const config = loadConfig({
      PAGERDUTY_DECLARE_SERVICES: "PF9KMXH, PPAYMNT",
      PAGERDUTY_DECLARE_URGENCIES: "High,low",
      PAGERDUTY_DECLARE_PRIORITIES: "P1,P2",
      PAGERDUTY_RESOLVE_ON_RESOLVE: "false",
    });
    expect(config).toMatchObject({
      PAGERDUTY_DECLARE_SERVICES: ["PF9KMXH", "PPAYMNT"],
      PAGERDUTY_DECLARE_URGENCIES: ["high", "low"],
      PAGERDUTY_DECLARE_PRIORITIES: ["P1", "P2"],
      PAGERDUTY_RESOLVE_ON_RESOLVE: false,
    });
  });

  it("stops the start with one line naming a bad variable", () => {
    expect(() => loadConfig({ PAGERDUTY_DECLARE_URGENCIES: "urgent" })).toThrow(ConfigError);
    expect(() => loadConfig({ PAGERDUTY_DECLARE_URGENCIES: "urgent" })).toThrow(/PAGERDUTY_DECLARE_URGENCIES.*"high" and\/or "low"/);
    expect(() => loadConfig({ PAGERDUTY_RESOLVE_ON_RESOLVE: "maybe" })).toThrow(/PAGERDUTY_RESOLVE_ON_RESOLVE/);
    expect(() => loadConfig({ PAGERDUTY_API_TOKEN: "t" })).toThrow(/PAGERDUTY_FROM_EMAIL/);
  });
});
