import escapeHtml from "escape-html";
import { escapeMarkdown, markdownTable } from "../markdown.js";
import type { ReliabilityFigures } from "./reliability-figures.js";
import { rangeNotice, REPORT_DEFINITIONS, reportCharts, reportTables, reportTitle, widerRangeHelp } from "./report-content.js";

/** Markdown with the charts as inline SVG blocks (no blank line inside, so they stay one HTML block). */
export function renderReportMarkdown(figures: ReliabilityFigures): string {
  const tables = reportTables(figures).map(
    (t) =>
      `## ${t.title}\n\n${markdownTable(
        t.head.map(escapeMarkdown),
        t.rows.map((r) => r.map(escapeMarkdown)),
      )}`,
  );
  const notice = rangeNotice(figures);
  const help = notice ? widerRangeHelp(notice) : null;
  const sections = [
    `# ${reportTitle(figures)}`,
    ...(notice && help
      ? [
          `> ${escapeMarkdown(notice.text)} To include them, widen the range: \`${help.command}\` (or \`${help.query}\` on the report's URL).`,
        ]
      : []),
    REPORT_DEFINITIONS.map((d) => `- ${d}`).join("\n"),
    "## Charts",
    ...reportCharts(figures),
    ...tables,
  ];
  return `${sections.join("\n\n")}\n`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2328;max-width:72rem}
table{border-collapse:collapse;margin:0 0 1.5rem}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left}
th{background:#f6f8fa}.charts{display:flex;flex-wrap:wrap;gap:2rem;margin:1rem 0 2rem}ul{color:#57606a}
.notice{background:#fff8c5;border:1px solid #d4a72c;padding:.6rem .9rem;border-radius:6px}`;

/** A standalone HTML page (no scripts, no external resources) with the charts inline. */
export function renderReportHtml(figures: ReliabilityFigures): string {
  const title = escapeHtml(reportTitle(figures));
  const tables = reportTables(figures).map((t) => {
    const head = t.head.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
    const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
    return `<h2>${escapeHtml(t.title)}</h2>\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
  });
  return [
    "<!doctype html>",
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>`,
    "<body>",
    `<h1>${title}</h1>`,
    ...noticeHtml(figures),
    `<ul>${REPORT_DEFINITIONS.map((d) => `<li>${escapeHtml(d)}</li>`).join("")}</ul>`,
    `<div class="charts">\n${reportCharts(figures).join("\n")}\n</div>`,
    ...tables,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function noticeHtml(figures: ReliabilityFigures): string[] {
  const notice = rangeNotice(figures);
  if (!notice) return [];
  const help = widerRangeHelp(notice);
  return [
    `<p class="notice" role="note">${escapeHtml(notice.text)} To include them, widen the range: ` +
      `<a href="${escapeHtml(help.query)}">${escapeHtml(`${notice.from} to ${notice.to}`)}</a>, or run <code>${escapeHtml(help.command)}</code>.</p>`,
  ];
}
