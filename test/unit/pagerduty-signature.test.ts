import { describe, expect, it } from "vitest";
import { signatureFor, verifySignature } from "../../src/adapters/pagerduty/signature.js";

/** shared/specs/signature-test-vectors.json, "pagerduty" (go-pagerduty's test vector, and a locally computed rotation header). */
const SECRET = "lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK";
const ROTATED = "sitrep-example-rotated-secret";
const BODY = Buffer.from(
  '{"event":{"id":"01BWDWL3NYY7LUFPZCC28QUCMK","event_type":"incident.priority_updated","resource_type":"incident","occurred_at":"2021-04-26T17:36:27.458Z","agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV","self":"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer","type":"user_reference"},"client":null,"data":{"id":"PGR0VU2","type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2","html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered","title":"A little bump in the road","service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH","self":"https://api.pagerduty.com/services/PF9KMXH","summary":"API Service","type":"service_reference"},"assignees":[{"html_url":"https://acme.pagerduty.com/users/PTUXL6G","id":"PTUXL6G","self":"https://api.pagerduty.com/users/PTUXL6G","summary":"User 123","type":"user_reference"}],"escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/PUS0KTE","id":"PUS0KTE","self":"https://api.pagerduty.com/escalation_policies/PUS0KTE","summary":"Default","type":"escalation_policy_reference"},"teams":[{"html_url":"https://acme.pagerduty.com/teams/PFCVPS0","id":"PFCVPS0","self":"https://api.pagerduty.com/teams/PFCVPS0","summary":"Engineering","type":"team_reference"}],"priority":{"html_url":"https://acme.pagerduty.com/account/incident_priorities","id":"PSO75BM","self":"https://api.pagerduty.com/priorities/PSO75BM","summary":"P1","type":"priority_reference"},"urgency":"high","conference_bridge":{"conference_number":1000,"conference_url":"https://example.com"},"resolve_reason":null}}}',
  "utf8",
);
const SIGNATURE = "v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd";
const MISMATCH = "v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5";
const ROTATION_HEADER = `${SIGNATURE},v1=58c7d3f6c1a8df210b6ed1b9d3d8717614cce7ecef31f3a26e6fe6dfe06769cb`;

describe("X-PagerDuty-Signature", () => {
  it("computes and accepts the known-answer vector", () => {
    expect(signatureFor(SECRET, BODY)).toBe(SIGNATURE);
    expect(verifySignature(BODY, SIGNATURE, [SECRET])).toBe(true);
    expect(verifySignature(BODY, SIGNATURE.toUpperCase().replace("V1=", "v1="), [SECRET])).toBe(true);
  });

  it("accepts a rotation header with either secret, and either secret of ours", () => {
    expect(verifySignature(BODY, ROTATION_HEADER, [SECRET])).toBe(true);
    expect(verifySignature(BODY, ROTATION_HEADER, [ROTATED])).toBe(true);
    expect(verifySignature(BODY, `${MISMATCH},${signatureFor(ROTATED, BODY)}`, ["other", ROTATED])).toBe(true);
  });

  it("refuses a missing, mismatched, truncated or foreign signature, and a changed body", () => {
    for (const header of [
      undefined,
      "",
      MISMATCH,
      "v1=",
      SIGNATURE.slice(0, -2),
      SIGNATURE.replace("v1=", "v0="),
      `sha256=${SIGNATURE.slice(3)}`,
    ]) {
      expect(verifySignature(BODY, header, [SECRET]), String(header)).toBe(false);
    }
    expect(verifySignature(Buffer.concat([BODY, Buffer.from(" ")]), SIGNATURE, [SECRET])).toBe(false);
    expect(verifySignature(BODY, SIGNATURE, [])).toBe(false);
  });
});
