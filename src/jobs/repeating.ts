import { inLogScope } from "../log-context.js";

/** Runs `task` every `everyMs`, one run at a time; `stop` waits for a run in progress. */
export function repeating(everyMs: number, task: () => Promise<void>): { start(): void; stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = inLogScope(task).then(next);
    }, everyMs);
    timer.unref();
  };
  return {
    start: next,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
