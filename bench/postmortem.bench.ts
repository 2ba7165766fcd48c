import type { BenchDb } from "./lib/databases.js";
import { compare, measureInChild } from "./lib/measure.js";
import type { Figure } from "./lib/report.js";
import { preparedDatabase, seedBigTimeline } from "./lib/seed.js";

/**
 * A postmortem for a 10,000-event timeline: built from inputs in memory beside
 * JSON.stringify of the same inputs, and exported from the database (what
 * GET /api/v1/incidents/{ref}/postmortem does) beside reading the same rows as JSON.
 */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const database of databases) {
    const prepared = await preparedDatabase(database, (ctx) => seedBigTimeline(ctx));
    try {
      const where = prepared.where;
      const build = await measureInChild("postmortem-build", where);
      const json = await measureInChild("postmortem-json", where);
      figures.push(...compare("postmortem, 10,000 events: build", database, build, json, "JSON.stringify of the same inputs"));
      const exported = await measureInChild("postmortem-export", where);
      const read = await measureInChild("timeline-json", where);
      figures.push(
        ...compare("postmortem, 10,000 events: from the database", database, exported, read, "read the same rows + JSON.stringify"),
      );
    } finally {
      await prepared.drop();
    }
  }
  return figures;
}
