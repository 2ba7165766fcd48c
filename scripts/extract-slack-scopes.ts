/**
 * Writes test/fixtures/slack/method-scopes.json: the scopes Slack's own
 * documents give each Web API method and event, extracted from the spec files
 * in ../shared/specs/slack/ so that the manifest scope test runs from a clean
 * clone. Run again when those documents change:
 *   node --import tsx scripts/extract-slack-scopes.ts [specs-dir]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const specs = process.argv[2] ?? new URL("../../shared/specs/slack/", import.meta.url).pathname;
const read = (file: string): unknown => JSON.parse(readFileSync(join(specs, file), "utf8"));

interface OpenApi {
  paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>>;
}
interface MethodDocs {
  methods: Record<string, { scopes: { bot?: Array<{ name: string }> } }>;
}
interface AsyncApi {
  topics: Record<string, { subscribe?: { "x-scopes-required"?: string[] } }>;
}

const openapi = read("slack_web_openapi_v2.json") as OpenApi;
const methodDocs = read("slack-method-docs.sitrep-subset.json") as MethodDocs;
const events = read("slack_events_api_async_v1.json") as AsyncApi;

/** Path → the scopes its `security` accepts (any one suffices), in the spec's (partly older) names. */
const openapiScopes = Object.fromEntries(
  Object.entries(openapi.paths)
    .map(([path, ops]) => {
      const scopes = Object.values(ops).flatMap((op) => (op.security ?? []).flatMap((s) => Object.values(s).flat()));
      return [path.replace(/^\//, ""), [...new Set(scopes)].sort()] as const;
    })
    .sort(([a], [b]) => a.localeCompare(b)),
);

/** Method page → the bot token's scopes (any one suffices). */
const methodPages = Object.fromEntries(
  Object.entries(methodDocs.methods)
    .map(([method, doc]) => [method, (doc.scopes.bot ?? []).map((s) => s.name)] as const)
    .sort(([a], [b]) => a.localeCompare(b)),
);

/** Event → the scopes its subscription needs (the AsyncAPI topic names use dots for underscores). */
const eventScopes = Object.fromEntries(
  Object.entries(events.topics)
    .map(([topic, t]) => [topic.replace(/\./g, "_"), t.subscribe?.["x-scopes-required"] ?? []] as const)
    .sort(([a], [b]) => a.localeCompare(b)),
);

const out = {
  _source:
    "Extracted by scripts/extract-slack-scopes.ts from ../shared/specs/slack/: slack_web_openapi_v2.json (paths' security), " +
    "slack-method-docs.sitrep-subset.json (method pages' bot scopes), slack_events_api_async_v1.json (x-scopes-required).",
  openapi: openapiScopes,
  methodPages,
  events: eventScopes,
};
writeFileSync(new URL("../test/fixtures/slack/method-scopes.json", import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
