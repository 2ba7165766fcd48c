import type { AppContext } from "../../app/context.js";
import { reportStatuspagePending } from "../../app/report-statuspage-pending.js";
import type { Logger } from "../../logger.js";

export interface PendingWatcherOptions {
  readonly app: AppContext;
  readonly log: Logger;
  /** STATUSPAGE_PENDING_ALERT_AFTER */
  readonly thresholdMs: number;
}

/**
 * Looks, every little while, for incidents whose status-page pushes have been
 * waiting longer than the threshold, and tells their channel (once per late
 * stretch; told again when it lands, by the deliverer).
 */
export class PendingWatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: PendingWatcherOptions) {}

  start(): void {
    const every = Math.min(15_000, Math.max(250, this.options.thresholdMs / 2));
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.check().then(() => undefined);
    await this.running;
    this.running = null;
  }

  /** One look; returns how many channels were told. */
  async check(): Promise<number> {
    const { app, log, thresholdMs } = this.options;
    try {
      const now = app.clock.now().getTime();
      const late = (await app.db.read.outbox.backlog("statuspage")).filter(
        (b) => b.oldestPendingAt !== null && now - b.oldestPendingAt.getTime() >= thresholdMs,
      );
      let told = 0;
      for (const { incidentId, oldestPendingAt } of late) {
        if (await reportStatuspagePending(app, { incidentId, since: oldestPendingAt! })) told += 1;
      }
      return told;
    } catch (error) {
      log.error({ err: error }, "checking for late status-page pushes failed");
      return 0;
    }
  }
}
