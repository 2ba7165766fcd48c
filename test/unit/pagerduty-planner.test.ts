import { describe, expect, it } from "vitest";
import type { Change } from "../../src/app/effects.js";
import { pagerdutyPlanner, type PlannerOptions } from "../../src/adapters/pagerduty/planner.js";
import type { Incident } from "../../src/domain/incident.js";
import type { TimelineEntry, TimelinePayloads } from "../../src/domain/timeline.js";
import { incident, T0 } from "../domain/fixtures.js";

const options: PlannerOptions = { resolveOnResolve: true, slackConfigured: true, apiConfigured: true };
const linked = (fields: Partial<Incident> = {}) =>
  incident({ id: 7, number: 42, pagerdutyIncidentId: "PGR0VU2", commander: null, ...fields });

function entry<K extends keyof TimelinePayloads>(kind: K, payload: TimelinePayloads[K], id = 1): TimelineEntry {
  return { id, incidentId: 7, kind, actor: "pagerduty", via: "pagerduty", occurredAt: T0, recordedAt: T0, payload } as TimelineEntry;
}

const declared = entry("incident_declared", {
  title: "Checkout errors",
  severity: 1,
  description: "",
  public: false,
  private: false,
  components: [],
  mode: "live",
});
const resolved = entry("phase_changed", { from: "monitoring", to: "resolved", text: "Fixed.", forced: false, updateId: null });
const change = (after: Incident, entries: TimelineEntry[], before: Incident | null = after): Change => ({
  before,
  after,
  entries,
  now: T0,
});
const kinds = (effects: ReturnType<ReturnType<typeof pagerdutyPlanner>>) =>
  effects.map((e) => (e.type === "outbox" ? `${e.message.kind}@${e.message.orderingKey}` : e.type));

describe("the PagerDuty planner", () => {
  it("notes a declaration from PagerDuty and asks for the on-call engineer, each on its own key", () => {
    const effects = pagerdutyPlanner(options)(change(linked(), [declared], null));
    expect(kinds(effects)).toEqual(["pagerduty.add_note@pagerduty:7", "pagerduty.assign_commander@pagerduty:7:commander"]);
    const note = effects[0]!.type === "outbox" ? effects[0]!.message.payload : {};
    expect(note).toEqual({
      pagerdutyIncidentId: "PGR0VU2",
      content:
        'Sitrep incident #42 declared from this alert: "Checkout errors" (SEV2). Its Slack channel will be noted here once it is open.',
    });
  });

  it("names the Slack channel on PagerDuty once it is open", () => {
    const after = linked({ channelId: "C0INC42", channelName: "inc-42-checkout-errors", commander: "UDANA" });
    const effects = pagerdutyPlanner(options)(change(after, [], linked({ commander: "UDANA" })));
    expect(effects).toEqual([
      expect.objectContaining({
        message: expect.objectContaining({
          kind: "pagerduty.add_note",
          payload: {
            pagerdutyIncidentId: "PGR0VU2",
            content: "Sitrep incident #42 — Slack channel #inc-42-checkout-errors (https://slack.com/app_redirect?channel=C0INC42)",
          },
        }),
      }),
    ]);
    expect(pagerdutyPlanner(options)(change(after, [], after))).toEqual([]);
  });

  it("resolves on PagerDuty when Sitrep resolves, unless told not to", () => {
    expect(kinds(pagerdutyPlanner(options)(change(linked({ phase: "resolved" }), [resolved])))).toEqual([
      "pagerduty.resolve_incident@pagerduty:7",
    ]);
    expect(pagerdutyPlanner({ ...options, resolveOnResolve: false })(change(linked({ phase: "resolved" }), [resolved]))).toEqual([]);
  });

  it("sends nothing to PagerDuty for drills, self-tests or incidents PagerDuty does not know", () => {
    const page = entry("team_paged", { service: "Payments", state: "requested", pagerdutyIncidentId: null, url: null, detail: "" });
    for (const mode of ["drill", "selftest"] as const) {
      expect(pagerdutyPlanner(options)(change(linked({ mode }), [declared, resolved, page], null))).toEqual([]);
    }
    expect(pagerdutyPlanner(options)(change(incident({ id: 7 }), [declared, resolved], null))).toEqual([]);
  });

  it("turns a requested page into a PagerDuty incident keyed by the entry, and writes nothing without an API token", () => {
    const page = entry("team_paged", { service: "Payments", state: "requested", pagerdutyIncidentId: null, url: null, detail: "" }, 99);
    const effects = pagerdutyPlanner(options)(change(incident({ id: 7, number: 42 }), [page]));
    expect(effects).toEqual([
      expect.objectContaining({
        message: expect.objectContaining({
          kind: "pagerduty.page_team",
          orderingKey: "pagerduty:7:page",
          payload: expect.objectContaining({ service: "Payments", incidentKey: "sitrep-page/7/99" }),
        }),
      }),
    ]);
    const offline = { ...options, apiConfigured: false };
    expect(kinds(pagerdutyPlanner(offline)(change(linked(), [declared], null)))).toEqual([
      "pagerduty.assign_commander@pagerduty:7:commander",
    ]);
    expect(pagerdutyPlanner(offline)(change(linked({ phase: "resolved" }), [resolved]))).toEqual([]);
  });
});
