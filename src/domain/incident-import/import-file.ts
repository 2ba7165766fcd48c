import { parse } from "csv-parse/sync";
import { invalidInput, SitrepError } from "../errors.js";
import { crossFieldProblem, importRowSchema, toImportedIncident, type ImportedIncident } from "./import-row.js";

/** An import file: JSON (`{ "incidents": [ … ] }` or a bare array) or CSV text with a header row. */
export type ImportFile = { readonly format: "json"; readonly value: unknown } | { readonly format: "csv"; readonly text: string };

export const MAX_IMPORT_ROWS = 20_000;
const MAX_PROBLEMS = 5;

interface RawRow {
  readonly value: unknown;
  /** "row 3" or "row 3 (line 4)", as a person finds it in the file. */
  readonly where: string;
}

/**
 * Reads and checks every row; any problem rejects the whole file, naming the
 * row and the field (up to five problems at once), so nothing is half-imported.
 */
export function parseImportFile(file: ImportFile, now: Date): ImportedIncident[] | SitrepError {
  const rows = file.format === "json" ? jsonRows(file.value) : csvRows(file.text);
  if (rows instanceof SitrepError) return rows;
  if (rows.length === 0) return invalidInput("incidents", "The file has no incidents.");
  if (rows.length > MAX_IMPORT_ROWS)
    return invalidInput("incidents", `At most ${MAX_IMPORT_ROWS} incidents per import (got ${rows.length}).`);
  const problems: Array<[string, string]> = [];
  const incidents: ImportedIncident[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const checked = checkRow(row, now);
    const twin = Array.isArray(checked) ? undefined : seen.get(checked.key);
    if (Array.isArray(checked)) problems.push(checked);
    else if (twin !== undefined) problems.push(["id", `${row.where}, id: the same incident as ${twin}`]);
    else {
      seen.set(checked.key, row.where);
      incidents.push(checked);
    }
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length === 0) return incidents;
  const message = `Nothing was imported. ${problems.map(([, m]) => m).join("; ")}.`;
  return new SitrepError("invalid_input", message, { field: problems[0]![0] });
}

/** The incident, or [field, message] naming where the row is wrong. */
function checkRow(row: RawRow, now: Date): ImportedIncident | [string, string] {
  const parsed = importRowSchema.safeParse(row.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === "unrecognized_keys") {
      const field = issue.keys.join(", ");
      return [field, `${row.where}, ${field}: is not a field of the import format`];
    }
    const field = issue.path.join(".") || "row";
    return [field, `${row.where}, ${field}: ${issue.message}`];
  }
  const problem = crossFieldProblem(parsed.data, now);
  return problem ? [problem[0], `${row.where}, ${problem[0]}: ${problem[1]}`] : toImportedIncident(parsed.data);
}

function jsonRows(value: unknown): RawRow[] | SitrepError {
  const list = Array.isArray(value) ? value : (value as { incidents?: unknown } | null)?.incidents;
  if (!Array.isArray(list)) return invalidInput("incidents", 'A JSON import is { "incidents": [ … ] } or an array of incidents.');
  return list.map((item, i) => ({ value: item, where: `row ${i + 1}` }));
}

/** CSV: a header row naming the fields; causes and components separated by ";"; empty cells are absent. */
function csvRows(text: string): RawRow[] | SitrepError {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, { columns: true, info: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    return invalidInput("file", `The CSV cannot be read: ${(error as Error).message}`);
  }
  return records.map(({ record, info }, i) => ({ value: fromCsv(record), where: `row ${i + 1} (line ${info.lines})` }));
}

const LISTS = new Set(["causes", "components"]);

function fromCsv(record: Record<string, string>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [field, cell] of Object.entries(record)) {
    if (cell === "") continue;
    if (LISTS.has(field))
      row[field] = cell
        .split(";")
        .map((s) => s.trim())
        .filter(Boolean);
    else if (field === "severity") row[field] = /^\d+$/.test(cell) ? Number(cell) : cell;
    else row[field] = cell;
  }
  return row;
}
