import type { PublicIncident, PublicStatus } from "../../../app/public-page-queries.js";
import { COMPONENT_STATUS_LABELS, worstStatus } from "../../../domain/component-status.js";
import { PHASE_LABELS } from "../../../domain/phase.js";
import type { PublicUpdate } from "../../../domain/public-updates.js";
import { day, listNames, postedAt, STATUS_BANNERS } from "./format.js";
import { markup, type SafeHtml } from "./html.js";
import { layout } from "./layout.js";

export interface PageContext {
  readonly title: string;
  /** Appended to links so a view (e.g. a later drill view) carries through. */
  readonly query: string;
}

/** "Identified — <text> — Posted Apr 29, 2022 - 12:16 UTC", one per update, newest first. */
function updates(list: readonly PublicUpdate[]): SafeHtml {
  const items = list.map(
    (u) =>
      markup`<li class="update"><strong>${PHASE_LABELS[u.status]}</strong> — <span class="body">${u.body}</span> — <time datetime="${u.at.toISOString()}">Posted ${postedAt(u.at)}</time></li>`,
  );
  return markup`<ul class="updates">${items}</ul>`;
}

function affected(incident: PublicIncident): SafeHtml {
  if (incident.components.length === 0) return markup``;
  return markup`<p class="muted">This incident affected: ${listNames(incident.components)}.</p>`;
}

function incidentLink(incident: PublicIncident, page: PageContext): SafeHtml {
  return markup`<a href="/status/incidents/${incident.number}${page.query}">${incident.title}</a>`;
}

function openIncidents(status: PublicStatus, page: PageContext): SafeHtml {
  if (status.open.length === 0) return markup``;
  const articles = status.open.map(
    (i) => markup`<article class="incident"><h3>${incidentLink(i, page)}</h3>${updates(i.updates)}${affected(i)}</article>`,
  );
  return markup`<section aria-labelledby="open"><h2 id="open">Current incidents</h2>${articles}</section>`;
}

function history(status: PublicStatus, page: PageContext): SafeHtml {
  const items = status.past.map((i) => {
    const last = i.updates[0] ? markup` — <span class="body">${i.updates[0].body}</span>` : markup``;
    return markup`<li class="update"><strong>${day(i.resolvedAt!)}</strong> — ${incidentLink(i, page)}${last}</li>`;
  });
  const list = items.length > 0 ? markup`<ul>${items}</ul>` : markup`<p class="muted">No incidents in the last 90 days.</p>`;
  return markup`<section aria-labelledby="history"><h2 id="history">Past incidents (last 90 days)</h2>${list}</section>`;
}

function components(status: PublicStatus): SafeHtml {
  if (status.components.length === 0) return markup``;
  const items = status.components.map(
    (c) => markup`<li><span>${c.name}</span><span class="state-${c.status}">${COMPONENT_STATUS_LABELS[c.status]}</span></li>`,
  );
  return markup`<section aria-labelledby="components"><h2 id="components">Components</h2><ul class="components">${items}</ul></section>`;
}

function banner(status: PublicStatus): SafeHtml {
  const worst = worstStatus(status.components.map((c) => c.status));
  // An open incident without components still means something is wrong.
  if (status.open.length > 0 && worst === "operational") {
    return markup`<section class="banner degraded_performance" role="status">We are looking into an issue</section>`;
  }
  return markup`<section class="banner ${worst}" role="status">${STATUS_BANNERS[worst]}</section>`;
}

export function renderStatusPage(status: PublicStatus, page: PageContext, now: Date): string {
  const feed = `/status/feed.atom${page.query}`;
  const body = markup`<header><h1>${page.title}</h1></header>
${banner(status)}
${components(status)}
${openIncidents(status, page)}
${history(status, page)}
<footer>Times are UTC. Updated ${postedAt(now)}. <a href="${feed}">Atom feed</a></footer>`;
  return layout(page.title, page.title, feed, body);
}

export function renderIncidentPage(incident: PublicIncident, page: PageContext): string {
  const feed = `/status/feed.atom${page.query}`;
  const resolved = incident.resolvedAt ? markup` <span class="muted">(resolved ${postedAt(incident.resolvedAt)})</span>` : markup``;
  const body = markup`<header><p><a href="/status${page.query}">← ${page.title}</a></p><h1>${incident.title}</h1></header>
<section><p><strong>${PHASE_LABELS[incident.phase]}</strong>${resolved}</p>${updates(incident.updates)}${affected(incident)}</section>
<footer>Times are UTC. <a href="${feed}">Atom feed</a></footer>`;
  return layout(`${incident.title} — ${page.title}`, page.title, feed, body);
}

export function renderNotFound(page: PageContext): string {
  const body = markup`<header><h1>${page.title}</h1></header>
<section><p>There is no such incident.</p><p><a href="/status${page.query}">Back to the status page</a></p></section>`;
  return layout(`Not found — ${page.title}`, page.title, `/status/feed.atom${page.query}`, body);
}
