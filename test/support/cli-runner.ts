import { runCli } from "../../src/adapters/cli/main.js";
import { TEST_API_TOKEN } from "./test-sitrep.js";

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export type Cli = (...argv: string[]) => Promise<CliResult>;

/** The real `sitrep` CLI, in process, against a running Sitrep; what it prints is captured. */
export function cliAgainst(sitrep: { url: string }, env: NodeJS.ProcessEnv = {}): Cli {
  const fullEnv = { SITREP_URL: sitrep.url, SITREP_TOKEN: TEST_API_TOKEN, ...env };
  return async (...argv) => {
    let out = "";
    let err = "";
    const code = await runCli(argv, fullEnv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
    return { code, out, err };
  };
}
