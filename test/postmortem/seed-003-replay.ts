import { addFollowUp } from "../../src/app/add-follow-up.js";
import { addNote } from "../../src/app/add-note.js";
import { assignRole } from "../../src/app/assign-role.js";
import { changePhase } from "../../src/app/change-phase.js";
import { completeFollowUp } from "../../src/app/complete-follow-up.js";
import type { AppContext } from "../../src/app/context.js";
import { declareIncident } from "../../src/app/declare-incident.js";
import { setImpact } from "../../src/app/set-impact.js";
import { tickChecklist } from "../../src/app/tick-checklist.js";
import { person, type TestClock } from "../support/app-context.js";

const alice = person("UALICE");
const bob = person("UBOB");
const carol = person("UCAROL");

/**
 * The incident of seed 003 ("Problems restoring Workspaces for some
 * executors"), replayed through the use cases at its real UTC times, with its
 * three status updates word for word. Returns the incident number.
 */
export async function replaySeed003(ctx: AppContext, clock: TestClock): Promise<number> {
  const at = (time: string, day = "2022-04-29") => clock.set(new Date(`${day}T${time}:00Z`));
  at("09:53");
  const { incident } = await declareIncident(ctx, {
    actor: alice,
    title: "Problems restoring Workspaces for some executors",
    severity: 2,
    public: true,
    description: "Jobs with an attach_workspace step fail on GCP executors.",
    components: ["Machine Jobs", "Windows Jobs"],
  });
  const ref = incident.number;
  at("09:55");
  await assignRole(ctx, { actor: alice, ref, role: "communications", user: "UBOB" });
  at("10:55");
  await addNote(ctx, { actor: carol, ref, text: "Support tickets: jobs fail in attach_workspace on GCP." });
  at("12:12");
  await addNote(ctx, { actor: alice, ref, text: "Reverted the workspace change; attach_workspace errors are declining." });
  at("12:16");
  await changePhase(ctx, {
    actor: bob,
    ref,
    to: "identified",
    text:
      "We are observing some failures when restoring Workspaces on some executors including Machine and Windows. " +
      "We have identified the cause and are working to resolve the issue.",
  });
  at("12:26");
  await changePhase(ctx, {
    actor: bob,
    ref,
    to: "monitoring",
    text: "We have identified the caused and implemented a fix. We are monitoring ongoing performance.",
  });
  at("12:27");
  await tickChecklist(ctx, { actor: bob, ref, item: "customers-told", checked: true });
  at("12:30");
  await addFollowUp(ctx, { actor: carol, ref, text: "Alert on attach_workspace failures", owner: "UCAROL" });
  at("12:31");
  await addFollowUp(ctx, { actor: alice, ref, text: "Add a test for the GCS to S3 fallback" });
  at("12:32");
  await addFollowUp(ctx, { actor: alice, ref, text: "Fix the rollback script so reverts are faster", owner: "UALICE" });
  at("12:45");
  // The real incident resolved 19 minutes into monitoring: before the 30-minute window, so forced.
  await changePhase(ctx, {
    actor: bob,
    ref,
    to: "resolved",
    force: true,
    text: "Restoring workspaces has returned to normal operation. Thank you for your patience throughout.",
    source: "internal",
    causes: ["deploy", "testing"],
  });
  at("12:50");
  await setImpact(ctx, { actor: alice, ref, start: new Date("2022-04-29T09:53:00Z"), end: new Date("2022-04-29T12:21:00Z") });
  at("10:00", "2022-05-02");
  const followUps = await ctx.db.read.followUps.list(incident.id);
  await completeFollowUp(ctx, { actor: alice, followUpId: followUps[1]!.id });
  return ref;
}
