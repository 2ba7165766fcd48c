import type { PublicIncident } from "../../../app/public-page-queries.js";
import { PHASE_LABELS } from "../../../domain/phase.js";
import { postedAt } from "./format.js";
import { markup } from "./html.js";

export interface FeedOptions {
  readonly title: string;
  /** `PUBLIC_URL` without its trailing slash, or "" for links relative to the feed (never the request's Host). */
  readonly baseUrl: string;
  readonly query: string;
  readonly now: Date;
}

/**
 * The Atom feed: one entry per incident (newest first), its content every
 * update. XML-escaped like the HTML (the same five characters); the entry
 * content is HTML escaped once more, as `type="html"` requires. Atom ids must
 * be absolute: without a public URL they are URNs, and links are relative.
 */
export function renderAtomFeed(incidents: readonly PublicIncident[], options: FeedOptions): string {
  const { title, baseUrl, query, now } = options;
  const updatedOf = (i: PublicIncident) => i.updates[0]?.at ?? i.declaredAt;
  const feedUpdated = incidents.map(updatedOf).reduce((latest, d) => (d > latest ? d : latest), incidents.length ? new Date(0) : now);
  const idOf = (path: string) => (baseUrl ? `${baseUrl}${path}` : `urn:sitrep:${path.replace(/^\//, "").replaceAll("/", ":")}`);
  const entries = incidents.map((incident) => {
    const link = `${baseUrl}/status/incidents/${incident.number}${query}`;
    const id = idOf(`/status/incidents/${incident.number}${query}`);
    const lines = incident.updates.map(
      (u) => markup`<p><strong>${PHASE_LABELS[u.status]}</strong> — ${u.body} — Posted ${postedAt(u.at)}</p>`,
    );
    const content = markup`<p><strong>${PHASE_LABELS[incident.phase]}</strong></p>${lines}`.value;
    return markup`
<entry><id>${id}</id><title>${incident.title}</title><published>${incident.declaredAt.toISOString()}</published><updated>${updatedOf(incident).toISOString()}</updated><link rel="alternate" type="text/html" href="${link}"/><content type="html">${content}</content></entry>`;
  });
  const self = `${baseUrl}/status/feed.atom${query}`;
  return markup`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${idOf(`/status${query}`)}</id><title>${title}</title><updated>${feedUpdated.toISOString()}</updated><author><name>${title}</name></author>
<link rel="alternate" type="text/html" href="${baseUrl}/status${query}"/><link rel="self" type="application/atom+xml" href="${self}"/>${entries}
</feed>
`.value;
}
