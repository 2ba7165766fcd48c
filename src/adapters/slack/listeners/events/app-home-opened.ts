import type { App } from "@slack/bolt";
import { listIncidents } from "../../../../app/incident-queries.js";
import { homeView } from "../../blocks/incident-list.js";
import { slackActor, type ListenerContext } from "../listener-context.js";

/** The App Home tab lists the open incidents this person may see (private ones only to their members). */
export function registerAppHome(bolt: App, ctx: ListenerContext): void {
  bolt.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    const incidents = await listIncidents(ctx.app, slackActor(ctx, event.user), { open: true, limit: 40 });
    await ctx.client.views.publish({ user_id: event.user, view: homeView(incidents, ctx.app.clock.now()) });
  });
}
