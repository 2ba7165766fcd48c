import type { EffectPlanner } from "./effects.js";
import type { Clock, Database, Library, OperatorNotices } from "./ports.js";

export interface CoreSettings {
  readonly statusUpdateIntervalMs: number;
  readonly monitoringWindowMs: number;
  /** Public updates drafted by the communications lead wait for the commander's approval. */
  readonly requireApproval: boolean;
}

/** What every use case is given: no globals, so tests and replicas wire their own. */
export interface AppContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly settings: CoreSettings;
  readonly planners: readonly EffectPlanner[];
  /** Runbooks to suggest and the checklist to keep; absent when there is no runbooks folder. */
  readonly library?: Library;
  /** The announce channel, for what operators must hear; absent without Slack. */
  readonly notices?: OperatorNotices;
}
