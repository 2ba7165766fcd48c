import type { AppContext } from "../../src/app/context.js";
import type { EffectPlanner } from "../../src/app/effects.js";
import type { Clock } from "../../src/app/ports.js";
import { createDatabase } from "../../src/db/database.js";
import type { Connection } from "../../src/db/connection.js";
import type { Actor } from "../../src/domain/actor.js";

/** A clock that only moves when told to. */
export class TestClock implements Clock {
  constructor(private current = new Date("2026-11-25T09:00:00.000Z")) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}

export function appContext(
  connection: Connection,
  options: { clock?: Clock; planners?: EffectPlanner[]; requireApproval?: boolean } = {},
): AppContext {
  const clock = options.clock ?? new TestClock();
  return {
    db: createDatabase(connection, { now: () => clock.now() }),
    clock,
    settings: { statusUpdateIntervalMs: 20 * 60_000, monitoringWindowMs: 30 * 60_000, requireApproval: options.requireApproval ?? false },
    planners: options.planners ?? [],
  };
}

export const person = (id: string, via: Actor["via"] = "slack"): Actor => ({ id, via, isAdmin: false });
export const admin = (id = "UADMIN"): Actor => ({ id, via: "slack", isAdmin: true });
