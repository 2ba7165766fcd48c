import { describe, expect, it } from "vitest";
import { describeEntry } from "../../src/domain/describe-entry.js";
import {
  decideOnCallCommander,
  isOwnNote,
  isSitrepPage,
  matchDeclareRules,
  pageIncidentKey,
  severityFromPagerduty,
  titleFromAlert,
  type PagerdutyAlert,
  type PagerdutyEvent,
} from "../../src/domain/pagerduty.js";
import { summarizePagerdutyEvent } from "../../src/domain/pagerduty-summary.js";
import type { TimelineEntry } from "../../src/domain/timeline.js";
import { incident } from "./fixtures.js";

const alert = (fields: Partial<PagerdutyAlert> = {}): PagerdutyAlert => ({
  id: "PGR0VU2",
  number: 2,
  title: "A little bump in the road",
  url: "https://acme.pagerduty.com/incidents/PGR0VU2",
  status: "triggered",
  serviceId: "PF9KMXH",
  serviceName: "API Service",
  urgency: "high",
  priority: "P1",
  incidentKey: null,
  assignees: [{ id: "PTUXL6G", name: "Dana On-call" }],
  ...fields,
});

describe("declaring from PagerDuty", () => {
  const rules = { services: [] as string[], urgencies: ["high"], priorities: [] as string[] };

  it("declares what the rules match, and says why not otherwise", () => {
    expect(matchDeclareRules(alert(), rules)).toEqual({ declare: true });
    expect(matchDeclareRules(alert({ urgency: "low" }), rules)).toEqual({
      declare: false,
      reason: "urgency low is not one that declares (high)",
    });
    expect(matchDeclareRules(alert(), { ...rules, services: ["POTHER"] })).toMatchObject({
      declare: false,
      reason: "service API Service is not one that declares",
    });
    expect(matchDeclareRules(alert(), { ...rules, services: ["pf9kmxh"] })).toEqual({ declare: true });
    expect(matchDeclareRules(alert({ priority: "P3" }), { ...rules, priorities: ["P1", "P2"] })).toMatchObject({ declare: false });
    expect(matchDeclareRules(alert({ priority: null }), { ...rules, priorities: ["P1"] })).toMatchObject({
      declare: false,
      reason: "priority none is not one that declares (P1)",
    });
    expect(matchDeclareRules(alert({ urgency: "low", priority: null }), { services: [], urgencies: [], priorities: [] })).toEqual({
      declare: true,
    });
  });

  it("maps priority to severity, else urgency, else SEV3", () => {
    const table: Array<[string | null, "high" | "low" | null, number]> = [
      ["P1", "low", 1],
      ["P2", "high", 2],
      ["p3", "high", 3],
      ["P4", "high", 4],
      ["P5", null, 4],
      ["Sev-Custom", "high", 2],
      [null, "high", 2],
      [null, "low", 3],
      [null, null, 3],
    ];
    for (const [priority, urgency, severity] of table)
      expect(severityFromPagerduty(priority, urgency), `${priority}/${urgency}`).toBe(severity);
  });

  it("titles from PagerDuty, never empty and never too long", () => {
    expect(titleFromAlert(alert({ title: "  disk   full  " }))).toBe("disk full");
    expect(titleFromAlert(alert({ title: "" }))).toBe("PagerDuty incident #2");
    expect(titleFromAlert(alert({ title: "x".repeat(300) }))).toHaveLength(200);
  });

  it("recognises its own pages and notes", () => {
    expect(isSitrepPage(alert({ incidentKey: pageIncidentKey(7, 99) }))).toBe(true);
    expect(isSitrepPage(alert({ incidentKey: "d3640fbd41094207a1c11e58e46b1662" }))).toBe(false);
    expect(isOwnNote("Sitrep incident #42 — Slack channel #inc-42", { number: 42 })).toBe(true);
    expect(isOwnNote("Sitrep incident #42 — Slack channel", { number: 4 })).toBe(false);
  });

  it("fills only a vacant commander role of an open incident", () => {
    expect(decideOnCallCommander(incident({ commander: null }))).toEqual({ assign: true });
    expect(decideOnCallCommander(incident({ commander: "UBOB" }))).toMatchObject({ assign: false });
    expect(decideOnCallCommander(incident({ commander: null, phase: "resolved" }))).toMatchObject({ assign: false });
  });
});

describe("PagerDuty events in the timeline", () => {
  const event = (type: string, fields: Partial<PagerdutyEvent> = {}): PagerdutyEvent => ({
    id: "e1",
    type,
    occurredAt: new Date(),
    agent: "Dana On-call",
    pagerdutyIncidentId: "PGR0VU2",
    alert: alert(),
    note: null,
    ...fields,
  });

  it("says what happened, and suggests resolving when PagerDuty resolved first", () => {
    const open = incident({ number: 42, phase: "monitoring" });
    expect(summarizePagerdutyEvent(event("incident.acknowledged"), open)).toBe("Acknowledged by Dana On-call");
    expect(summarizePagerdutyEvent(event("incident.escalated", { agent: null }), open)).toBe("Escalated to Dana On-call");
    expect(summarizePagerdutyEvent(event("incident.annotated", { note: "hi", alert: null }), open)).toBe("Note from Dana On-call: hi");
    expect(summarizePagerdutyEvent(event("incident.resolved"), open)).toContain("Sitrep incident #42 is still monitoring");
    expect(summarizePagerdutyEvent(event("incident.resolved"), incident({ phase: "resolved" }))).toBe("Resolved by Dana On-call");
  });

  it("describes pages and unmatched assignees in words", () => {
    const base = { id: 1, incidentId: 1, actor: "pagerduty", via: "pagerduty", occurredAt: new Date(), recordedAt: new Date() } as const;
    const page = (state: "requested" | "paged" | "failed" | "drill", detail = "") =>
      describeEntry({
        ...base,
        kind: "team_paged",
        payload: { service: "Payments", state, pagerdutyIncidentId: "Q1", url: "https://x/Q1", detail },
      } as TimelineEntry);
    expect(page("requested")).toBe("Paging Payments through PagerDuty");
    expect(page("paged")).toBe("Paged Payments through PagerDuty: https://x/Q1");
    expect(page("failed", "no such service")).toBe("Could not page Payments through PagerDuty: no such service");
    expect(page("drill")).toContain("nobody was paged");
    const unmatched = describeEntry({
      ...base,
      kind: "pagerduty_assignee_unmatched",
      payload: { email: "erin@acme.example", pagerdutyUser: "Erin", reason: "no Slack user has this email" },
    } as TimelineEntry);
    expect(unmatched).toBe(
      "PagerDuty assignee Erin (erin@acme.example) is not commander: no Slack user has this email; the commander role stays open",
    );
  });
});
