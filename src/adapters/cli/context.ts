import type { ApiClient } from "./api-client.js";
import type { Output } from "./output.js";

/** Resolved when a command runs, after the global options are parsed. */
export type CommandContext = () => { client: ApiClient; out: Output };
