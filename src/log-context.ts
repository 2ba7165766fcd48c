import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written while handling one piece of work carries. */
export interface LogFields {
  /** The incident's number (what people call it), once the work knows which incident it is about. */
  incident?: number;
}

const storage = new AsyncLocalStorage<LogFields>();

/**
 * Runs one piece of work (a request, a timer job, an outbox delivery, a
 * PagerDuty event) in a log scope of its own: every line it logs, however deep,
 * gets the scope's fields (see the logger's mixin). The incident may be known
 * from the start, or named later with `noteIncident`.
 */
export function inLogScope<T>(work: () => T, fields: LogFields = {}): T {
  return storage.run({ ...fields }, work);
}

/** The work under way is about this incident: the rest of its log lines say so. Outside a scope it does nothing. */
export function noteIncident(number: number): void {
  const scope = storage.getStore();
  if (scope !== undefined) scope.incident = number;
}

/** The current scope's fields, for the logger's mixin. */
export function logScopeFields(): LogFields {
  return storage.getStore() ?? {};
}
