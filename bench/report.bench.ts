import type { BenchDb } from "./lib/databases.js";
import { compare, measureInChild } from "./lib/measure.js";
import type { Figure } from "./lib/report.js";
import { preparedDatabase, seedIncidents } from "./lib/seed.js";

/**
 * The reliability report over 10,000 incidents (two years): figures and HTML
 * with its SVG charts from incidents in memory, beside a plain loop summing
 * minutes per month over the same incidents; and end to end from the database
 * (GET /reports/reliability), beside reading the same incidents and that loop.
 */
export async function run(databases: readonly BenchDb[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const database of databases) {
    const prepared = await preparedDatabase(database, (ctx) => seedIncidents(ctx));
    try {
      const where = prepared.where;
      const render = await measureInChild("report-render", where);
      const loop = await measureInChild("report-loop", where);
      figures.push(...compare("report, 10,000 incidents: figures + HTML", database, render, loop, "plain loop, minutes per month"));
      const exported = await measureInChild("report-export", where);
      const read = await measureInChild("incidents-loop", where);
      figures.push(
        ...compare("report, 10,000 incidents: from the database", database, exported, read, "read the same incidents + plain loop"),
      );
    } finally {
      await prepared.drop();
    }
  }
  return figures;
}
