import sql, { empty, join, raw, type Sql } from "sql-template-tag";
import type { SqlRunner } from "./connection.js";

/**
 * SQL written as tagged templates: every `${value}` becomes a parameter, never
 * text, and fragments nest (`join`, `raw` for a known column name, `empty`).
 * The stores run it straight on the driver: through Prisma each statement cost
 * about three times as much, and the hot use cases (a note, a status update)
 * are a handful of statements while the incident's row is locked.
 */
export { sql, empty, join, raw, type Sql };

/** Runs the statement; its rows (empty for a statement that returns none). */
export function run<R = Record<string, unknown>>(db: SqlRunner, statement: Sql): Promise<R[]> {
  return db.query<R>(statement.text, statement.values);
}
