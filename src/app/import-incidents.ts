import type { Actor } from "../domain/actor.js";
import { parseImportFile, type ImportFile } from "../domain/incident-import/import-file.js";
import { entry, stamp } from "../domain/timeline.js";
import type { AppContext } from "./context.js";
import { orThrow } from "./helpers/incident-access.js";
import { requireAdmin } from "./helpers/require-admin.js";

export interface ImportIncidentsInput {
  readonly actor: Actor;
  readonly file: ImportFile;
  /** The file's name, recorded in each incident's timeline. */
  readonly fileName?: string | null;
}

export interface ImportResult {
  readonly imported: ReadonlyArray<{ readonly number: number; readonly key: string }>;
  /** Keys that were already imported (a re-import of the same file skips them all). */
  readonly skipped: readonly string[];
}

/**
 * Loads a team's past incidents (mode "imported") so the reliability report is
 * useful on day one. Every row is checked first and the whole file goes in one
 * transaction: all or nothing. Rows already imported are skipped, so importing
 * the same file twice adds nothing. History announces nothing: no side effects
 * are planned (no Slack channel, no status page) for an incident that ended long ago.
 */
export async function importIncidents(ctx: AppContext, input: ImportIncidentsInput): Promise<ImportResult> {
  const { actor } = input;
  requireAdmin(actor, "import incidents");
  const incidents = orThrow(parseImportFile(input.file, ctx.clock.now()));
  const fileName = input.fileName?.trim().slice(0, 200) || null;
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const existing = await tx.imports.existingKeys(incidents.map((i) => i.key));
    const fresh = incidents.filter((i) => !existing.has(i.key));
    if (fresh.length === 0) return { imported: [], skipped: [...existing] };
    const first = await tx.imports.reserveNumbers(fresh.length);
    const inserted = await tx.imports.insert(
      fresh.map((incident, i) => ({ ...incident, number: first + i })),
      actor.id,
      now,
    );
    await tx.imports.appendEntries(
      inserted.map(({ id, key }) => ({
        incidentId: id,
        entry: entry("incident_imported", stamp(actor, now), { importKey: key, file: fileName }),
      })),
      now,
    );
    const added = new Set(inserted.map((i) => i.key));
    return {
      imported: inserted.map(({ number, key }) => ({ number, key })),
      skipped: incidents.filter((i) => !added.has(i.key)).map((i) => i.key),
    };
  });
}
