import type PgBoss from "pg-boss";
import type { AppContext } from "../app/context.js";
import type { ChannelMembers, TimeZones } from "../app/ports.js";
import { completeMonitoringWindow, type MonitoringWindowJob } from "../app/timers/complete-monitoring-window.js";
import { COMMANDER_BREAK, MONITORING_WINDOW, timerPlanner, UPDATE_REMINDER } from "../app/timers/plan-timers.js";
import { lostReminderAfterMs, rearmLostReminders } from "../app/timers/rearm-lost-reminders.js";
import { sendUpdateReminder, type UpdateReminderJob } from "../app/timers/send-update-reminder.js";
import { suggestBreak, type CommanderBreakJob } from "../app/timers/suggest-break.js";
import type { Config } from "../config.js";
import { parseWorkingHours } from "../domain/reminders.js";
import type { Integration } from "../integration.js";
import { inLogScope } from "../log-context.js";
import type { Logger } from "../logger.js";
import type { JobEngine } from "./job-engine.js";
import { repeating } from "./repeating.js";

export interface TimerObserver {
  /** How late a timer fired, for /metrics and the timer benchmark. */
  fired?(name: string, latenessMs: number): void;
}

const NO_ZONES: TimeZones = { of: async () => null };
const NO_MEMBERS: ChannelMembers = { of: async () => [] };

/**
 * The plan's heartbeat: update reminders, the monitoring window and break
 * suggestions, as durable pg-boss jobs that survive restarts and run once
 * across replicas.
 */
export function timersIntegration(
  engine: JobEngine,
  deps: {
    app: AppContext;
    config: Config;
    log: Logger;
    zones?: TimeZones;
    members?: ChannelMembers;
    observer?: TimerObserver;
    pollingIntervalSeconds?: number;
  },
): Integration {
  const { app, config, log } = deps;
  const hours = parseWorkingHours(config.WORKING_HOURS);
  const work = { pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 0.5, batchSize: 100 };
  const handlers: Record<string, (data: never) => Promise<unknown>> = {
    [UPDATE_REMINDER]: (job: UpdateReminderJob) => sendUpdateReminder(app, job),
    [MONITORING_WINDOW]: (job: MonitoringWindowJob) => completeMonitoringWindow(app, job),
    [COMMANDER_BREAK]: (job: CommanderBreakJob) =>
      suggestBreak(app, { zones: deps.zones ?? NO_ZONES, members: deps.members ?? NO_MEMBERS }, hours, job),
  };

  const workers = new Map<string, string>();
  const lostReminderCheck = repeating(lostReminderAfterMs(config.STATUS_UPDATE_INTERVAL) / 2, async () => {
    try {
      const rearmed = await rearmLostReminders(app);
      if (rearmed > 0) log.warn({ reminders: rearmed }, "update reminders overdue and unsent (a lost job, or downtime); scheduled again");
    } catch (error) {
      log.error({ err: error }, "checking for lost update reminders failed; checking again later");
    }
  });

  async function runBatch(name: string, jobs: PgBoss.JobWithMetadata<object>[]): Promise<void> {
    // Each job on its own (and in a log scope of its own): one failure must not fail the others of its batch.
    await Promise.all(jobs.map((job) => inLogScope(() => runJob(name, job))));
    // pg-boss waits out its polling interval after every batch. A full batch means more may be due
    // (1,000 incidents declared together come due together): fetch again at once.
    const worker = workers.get(name);
    if (jobs.length === work.batchSize && worker) engine.notifyWorker(worker);
  }

  async function runJob(name: string, job: PgBoss.JobWithMetadata<object>): Promise<void> {
    const latenessMs = Date.now() - new Date(job.startAfter).getTime();
    deps.observer?.fired?.(name, latenessMs);
    try {
      await handlers[name]!(job.data as never);
      log.debug({ job: name, latenessMs }, "timer ran");
    } catch (error) {
      log.error({ err: error, job: name, data: job.data }, "timer failed; retrying");
      await engine.send(name, job.data, { startAfter: 2 });
    }
  }

  return {
    name: "timers",
    planners: [
      timerPlanner({
        statusUpdateIntervalMs: config.STATUS_UPDATE_INTERVAL,
        monitoringWindowMs: config.MONITORING_WINDOW,
        commanderBreakAfterMs: config.COMMANDER_BREAK_AFTER,
      }),
    ],
    async start() {
      for (const name of Object.keys(handlers)) {
        workers.set(name, await engine.work<object>(name, { ...work, includeMetadata: true }, (jobs) => runBatch(name, jobs)));
      }
      lostReminderCheck.start();
    },
    async stop() {
      await lostReminderCheck.stop();
      await engine.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
