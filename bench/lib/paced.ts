import { inLoadProcess } from "./load.js";
import type { Recipe } from "./requests.js";

export interface PacedOptions {
  readonly url: string;
  /** Requests started per second, whether or not earlier ones have been answered (an open loop). */
  readonly perSecond: number;
  readonly seconds: number;
  /** Seconds sent first at the same pace, unmeasured; the recipe then goes on from there. */
  readonly warmUpSeconds: number;
  /** Keep-alive connections at most (the senders); a request waits for a free one, and that wait counts. */
  readonly connections: number;
  readonly headers: Record<string, string>;
  readonly recipe: Recipe;
  /** An answer slower than this counts as `slow`. */
  readonly slowMs: number;
  /** An answer whose body holds this is counted as a `refused` one (an error told to the user). */
  readonly refusalMarker: string;
}

export interface PacedResult {
  readonly requests: number;
  /** No answer (connection error, or none within 10 s). */
  readonly errors: number;
  readonly non2xx: number;
  readonly refused: number;
  readonly slow: number;
  /** The pace actually kept by the sender. */
  readonly sentPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * An open-loop load at a steady pace, as people type: request n starts at
 * n ÷ perSecond seconds, so a slow answer does not hold the next one back
 * (a closed loop would hide it). In a process of its own, like load().
 */
export function paced(options: PacedOptions): Promise<PacedResult> {
  return inLoadProcess<PacedResult>("./paced-child.ts", options);
}
