import type { PagerdutyApi } from "./pagerduty-api.js";

const SERVICE_ID = /^P[A-Z0-9]{5,13}$/;

/**
 * A service as a person names it: its id (P…), or its name, matched without
 * regard to case; a name that is part of only one service's name will do.
 */
export async function resolveService(api: PagerdutyApi, wanted: string): Promise<{ id: string; name: string } | { problem: string }> {
  const text = wanted.trim();
  if (SERVICE_ID.test(text)) return { id: text, name: text };
  const found = await api.findServices(text);
  const exact = found.filter((s) => s.name.toLowerCase() === text.toLowerCase());
  if (exact.length === 1) return exact[0]!;
  const candidates = exact.length > 1 ? exact : found;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) return { problem: `PagerDuty has no service named "${text}"` };
  const names = candidates.slice(0, 5).map((s) => `${s.name} (${s.id})`);
  return {
    problem: `"${text}" matches several PagerDuty services: ${names.join(", ")}${candidates.length > 5 ? " …" : ""}; page one by its id`,
  };
}
