import { describe, expect, it } from "vitest";
import { approvalFor } from "../../src/domain/approval.js";
import { authorize, type Action } from "../../src/domain/permissions.js";
import { canSee } from "../../src/domain/visibility.js";
import { adminActor, bystander, commander, comms, incident } from "./fixtures.js";

const ANYONE: Action[] = ["declare", "add_note", "add_follow_up", "tick_checklist"];
const LEADS: Action[] = ["assign_role", "page_team", "change_phase", "set_severity", "post_update", "publish", "classify", "set_impact"];

describe("who may do what", () => {
  it("lets anyone declare, add notes and follow-ups", () => {
    for (const action of ANYONE) expect(authorize(action, bystander, incident()).allowed).toBe(true);
  });

  it("lets the commander, the communications lead or an admin steer the incident, and no one else", () => {
    for (const action of LEADS) {
      for (const actor of [commander, comms, adminActor])
        expect(authorize(action, actor, incident()).allowed, `${actor.id} ${action}`).toBe(true);
      const refused = authorize(action, bystander, incident());
      expect(refused.allowed, action).toBe(false);
    }
  });

  it("says who can, when it refuses", () => {
    const refused = authorize("change_phase", bystander, incident());
    expect(refused).toEqual({
      allowed: false,
      reason: "Only the commander (<@UCMD>), the communications lead (<@UCOMMS>) or an admin can do that on incident #42.",
    });
  });

  it("lets anyone take a vacant role, but not one that is held", () => {
    const vacant = incident({ commander: null, communications: null });
    expect(authorize("take_role", bystander, vacant, { role: "commander" }).allowed).toBe(true);
    expect(authorize("take_role", bystander, vacant, { role: "communications" }).allowed).toBe(true);
    expect(authorize("take_role", bystander, incident(), { role: "commander" }).allowed).toBe(false);
    expect(authorize("take_role", comms, incident(), { role: "commander" }).allowed).toBe(false);
  });

  it("moves a held commander role only by the commander's or an admin's hand: no chain from the comms role", () => {
    const held = incident();
    for (const [actor, allowed] of [
      [commander, true],
      [adminActor, true],
      [comms, false],
      [bystander, false],
    ] as const) {
      expect(authorize("assign_role", actor, held, { role: "commander" }).allowed, `${actor.id} assigns`).toBe(allowed);
      expect(authorize("hand_off", actor, held).allowed, `${actor.id} hands off`).toBe(allowed);
    }
    expect(authorize("take_role", comms, held, { role: "commander" })).toEqual({
      allowed: false,
      reason: "Only the commander (<@UCMD>) or an admin can change the commander of incident #42.",
    });
    // A bystander who took the vacant comms role still cannot take command.
    const tookComms = incident({ communications: bystander.id });
    expect(authorize("take_role", bystander, tookComms, { role: "commander" }).allowed).toBe(false);
    expect(authorize("assign_role", bystander, tookComms, { role: "communications" }).allowed).toBe(true);
  });

  it("lets only the commander or an admin approve public updates", () => {
    expect(authorize("approve_update", commander, incident()).allowed).toBe(true);
    expect(authorize("approve_update", adminActor, incident()).allowed).toBe(true);
    expect(authorize("approve_update", comms, incident()).allowed).toBe(false);
  });

  it("holds a public update by the communications lead for approval only when the team asks for it", () => {
    const pub = incident({ public: true });
    expect(approvalFor(pub, comms, true)).toBe("pending");
    expect(approvalFor(pub, commander, true)).toBe("not_required");
    expect(approvalFor(pub, comms, false)).toBe("not_required");
    expect(approvalFor(incident({ public: false }), comms, true)).toBe("not_required");
  });

  it("hides private incidents from everyone but their responders, admins and private-access tokens", () => {
    const secret = incident({ private: true });
    expect(canSee(bystander, secret)).toBe(false);
    expect(canSee(commander, secret)).toBe(true);
    expect(canSee({ id: "UDECL", via: "slack", isAdmin: false }, secret)).toBe(true);
    expect(canSee(adminActor, secret)).toBe(true);
    expect(canSee({ id: "api:viewer", via: "api", isAdmin: false, privateAccess: true }, secret)).toBe(true);
    expect(canSee(bystander, incident())).toBe(true);
  });
});
