import { markup, SafeHtml } from "./html.js";

/** Plain, readable on a phone, no scripts and nothing loaded from elsewhere. */
const STYLE = `
  :root { color-scheme: light; --ok: #2e7d32; --minor: #f9a825; --major: #ef6c00; --critical: #c62828; --muted: #5f6368; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #202124; background: #f8f9fa; }
  main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
  header h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
  a { color: #1a73e8; }
  section { background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; padding: 1rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
  h2 { font-size: 1.15rem; margin: 0 0 0.75rem; }
  h3 { font-size: 1rem; margin: 0 0 0.5rem; }
  .banner { color: #fff; font-weight: 600; font-size: 1.1rem; border: 0; }
  .operational { background: var(--ok); } .degraded_performance, .under_maintenance { background: var(--minor); color: #202124; }
  .partial_outage { background: var(--major); } .major_outage { background: var(--critical); }
  ul { list-style: none; margin: 0; padding: 0; }
  .components li { display: flex; justify-content: space-between; gap: 1rem; padding: 0.5rem 0; border-bottom: 1px solid #eee; }
  .components li:last-child { border-bottom: 0; }
  .state-operational { color: var(--ok); } .state-degraded_performance, .state-under_maintenance { color: #8d6e00; }
  .state-partial_outage { color: var(--major); } .state-major_outage { color: var(--critical); }
  .update { padding: 0.5rem 0; border-top: 1px solid #eee; }
  .update .body { white-space: pre-line; }
  .update time, .muted { color: var(--muted); font-size: 0.9rem; }
  .incident + .incident { margin-top: 1.25rem; }
  footer { color: var(--muted); font-size: 0.85rem; text-align: center; padding: 1rem 0 2rem; }
`;

export function layout(pageTitle: string, siteTitle: string, feedHref: string, body: SafeHtml): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${pageTitle}</title>
<link rel="alternate" type="application/atom+xml" title="${siteTitle}" href="${feedHref}">
<style>${new SafeHtml(STYLE)}</style>
</head>
<body><main>${body}</main></body>
</html>
`.value;
}

/**
 * No script may run and nothing may load from elsewhere, even if a bug let
 * markup through: defence in depth behind the escaping.
 */
export const STATUS_PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "cache-control": "public, max-age=10",
} as const;
