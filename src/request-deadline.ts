import { AsyncLocalStorage } from "node:async_hooks";

/**
 * A request that must be answered by a deadline (Slack gives 3 s) runs in a
 * deadline scope. Once its answer has gone out ("nothing was recorded"), the
 * work still running must not commit: the database layer checks
 * `deadlinePassed()` before every commit.
 */
const scope = new AsyncLocalStorage<AbortSignal>();

export function withDeadline<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return scope.run(signal, work);
}

export function deadlinePassed(): boolean {
  return scope.getStore()?.aborted ?? false;
}

/** Resolves with the work's outcome, or with "late" when `ms` pass first (the work keeps running). */
export function settleWithin<T>(work: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ done: false }), ms);
    work.then(
      (value) => (clearTimeout(timer), resolve({ done: true, value })),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
