import type { PublicIncident, PublicStatus } from "../../../app/status-page-queries.js";
import { COMPONENT_STATUS_LABELS, worstStatus } from "../../../domain/component-status.js";
import { PHASE_LABELS } from "../../../domain/phase.js";
import type { PublicUpdate } from "../../../domain/public-updates.js";
import { day, listNames, postedAt, STATUS_BANNERS } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import { layout } from "./layout.js";

export interface PageContext {
  readonly title: string;
  /** Appended to links so a view (e.g. a later drill view) carries through. */
  readonly query: string;
}

/** "Identified — <text> — Posted Apr 29, 2022 - 12:16 UTC", one per update, newest first. */
function updates(list: readonly PublicUpdate[]): SafeHtml {
  return html`<ul class="updates">
    ${list.map(
      (u) =>
        html`<li class="update">
          <strong>${PHASE_LABELS[u.status]}</strong> — <span class="body">${u.body}</span> —
          <time datetime="${u.at.toISOString()}">Posted ${postedAt(u.at)}</time>
        </li>`,
    )}
  </ul>`;
}

function affected(incident: PublicIncident): SafeHtml {
  return incident.components.length > 0 ? html`<p class="muted">This incident affected: ${listNames(incident.components)}.</p>` : html``;
}

function incidentLink(incident: PublicIncident, page: PageContext): SafeHtml {
  return html`<a href="/status/incidents/${incident.number}${page.query}">${incident.title}</a>`;
}

function openIncidents(status: PublicStatus, page: PageContext): SafeHtml {
  if (status.open.length === 0) return html``;
  return html`<section aria-labelledby="open">
    <h2 id="open">Current incidents</h2>
    ${status.open.map(
      (i) =>
        html`<article class="incident">
          <h3>${incidentLink(i, page)}</h3>
          ${updates(i.updates)}${affected(i)}
        </article>`,
    )}
  </section>`;
}

function history(status: PublicStatus, page: PageContext): SafeHtml {
  const items = status.past.map(
    (i) =>
      html`<li class="update">
        <strong>${day(i.resolvedAt!)}</strong> —
        ${incidentLink(i, page)}${i.updates[0] ? html` — <span class="body">${i.updates[0].body}</span>` : html``}
      </li>`,
  );
  return html`<section aria-labelledby="history">
    <h2 id="history">Past incidents (last 90 days)</h2>
    ${
      items.length > 0
        ? html`<ul>
            ${items}
          </ul>`
        : html`<p class="muted">No incidents in the last 90 days.</p>`
    }
  </section>`;
}

export function renderStatusPage(status: PublicStatus, page: PageContext, now: Date): string {
  const worst = worstStatus(status.components.map((c) => c.status));
  const overall = status.open.length > 0 && worst === "operational" ? "degraded_performance" : worst;
  const components = status.components.map(
    (c) => html`<li><span>${c.name}</span><span class="state-${c.status}">${COMPONENT_STATUS_LABELS[c.status]}</span></li>`,
  );
  const body = html`<header><h1>${page.title}</h1></header>
    <section class="banner ${overall}" role="status">
      ${status.open.length > 0 && worst === "operational" ? "We are looking into an issue" : STATUS_BANNERS[overall]}
    </section>
    ${
      components.length > 0
        ? html`<section aria-labelledby="components">
            <h2 id="components">Components</h2>
            <ul class="components">
              ${components}
            </ul>
          </section>`
        : html``
    }
    ${openIncidents(status, page)} ${history(status, page)}
    <footer>Times are UTC. Updated ${postedAt(now)}. <a href="/status/feed.atom${page.query}">Atom feed</a></footer>`;
  return layout(page.title, page.title, `/status/feed.atom${page.query}`, body);
}

export function renderIncidentPage(incident: PublicIncident, page: PageContext): string {
  const body = html`<header>
      <p><a href="/status${page.query}">← ${page.title}</a></p>
      <h1>${incident.title}</h1>
    </header>
    <section>
      <p>
        <strong>${PHASE_LABELS[incident.phase]}</strong
        >${incident.resolvedAt ? html` <span class="muted">(resolved ${postedAt(incident.resolvedAt)})</span>` : html``}
      </p>
      ${updates(incident.updates)}${affected(incident)}
    </section>
    <footer>Times are UTC. <a href="/status/feed.atom${page.query}">Atom feed</a></footer>`;
  return layout(`${incident.title} — ${page.title}`, page.title, `/status/feed.atom${page.query}`, body);
}

export function renderNotFound(page: PageContext): string {
  const body = html`<header><h1>${page.title}</h1></header>
    <section>
      <p>There is no such incident.</p>
      <p><a href="/status${page.query}">Back to the status page</a></p>
    </section>`;
  return layout(`Not found — ${page.title}`, page.title, `/status/feed.atom${page.query}`, body);
}
