import type { Actor } from "../domain/actor.js";
import type { BreakerMode } from "../domain/breaker.js";
import type { Upstream } from "./ports.js";
import type { BreakerBoard, BreakerView } from "./ports/breakers.js";
import { requireAdmin } from "./helpers/require-admin.js";

export interface OverrideBreakerInput {
  readonly actor: Actor;
  readonly upstream: Upstream;
  readonly mode: BreakerMode;
}

/** The manual override, in one place for every replica (seed 002). Admins only. */
export async function overrideBreaker(board: BreakerBoard, input: OverrideBreakerInput): Promise<BreakerView> {
  requireAdmin(input.actor, "override a circuit breaker");
  return board.setMode(input.upstream, input.mode);
}
