import type { Command } from "commander";
import { CliError } from "../api-client.js";
import type { CommandContext } from "../context.js";
import { failedStepNames, renderSelfTest, type SelfTestJson } from "../render-self-test.js";

/** Steps run one after another, each bounded by its client's timeout: give the whole run time. */
const SELF_TEST_TIMEOUT_MS = 180_000;

/** `sitrep selftest`: runs the self-test in the server; exits 1 naming the steps that failed. */
export function registerSelfTestCommand(program: Command, context: CommandContext): void {
  program
    .command("selftest")
    .description("walk a synthetic incident through every configured integration (nothing customers can see) and time each step")
    .action(async () => {
      const { client, out } = context();
      const { selfTest } = await client.request<{ selfTest: SelfTestJson }>("POST", "/api/v1/selftest", {}, {}, SELF_TEST_TIMEOUT_MS);
      out.show({ selfTest }, () => renderSelfTest(selfTest));
      if (!selfTest.ok) throw new CliError(`self-test failed: ${failedStepNames(selfTest).join(", ")}`);
    });
}
