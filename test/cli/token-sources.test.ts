import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/adapters/cli/main.js";
import { startTestSitrep, TEST_API_TOKEN, type TestSitrep } from "../support/test-sitrep.js";

let sitrep: TestSitrep;
const dataDir = mkdtempSync(join(tmpdir(), "sitrep-cli-token-"));
beforeAll(async () => {
  sitrep = await startTestSitrep();
});
afterAll(async () => {
  await sitrep.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The CLI with exactly this environment (no SITREP_TOKEN unless given). */
async function list(env: NodeJS.ProcessEnv): Promise<{ code: number; err: string }> {
  let err = "";
  const code = await runCli(["list"], { SITREP_URL: sitrep.url, ...env }, { stdout: () => undefined, stderr: (t) => void (err += t) });
  return { code, err };
}

const WRONG = "wrong-token-0123456789abcdef";

describe("where the CLI finds its token", () => {
  it("SITREP_TOKEN first, then API_TOKEN, then DATA_DIR/api-token; a refusal names the one it used", async () => {
    expect(await list({ SITREP_TOKEN: WRONG, API_TOKEN: TEST_API_TOKEN })).toEqual({
      code: 1,
      err: "sitrep: The API token is not valid. (the token came from SITREP_TOKEN)\n",
    });
    expect(await list({ API_TOKEN: WRONG })).toEqual({
      code: 1,
      err: "sitrep: The API token is not valid. (the token came from API_TOKEN)\n",
    });
    writeFileSync(join(dataDir, "api-token"), `${WRONG}\n`);
    expect(await list({ DATA_DIR: dataDir })).toEqual({
      code: 1,
      err: `sitrep: The API token is not valid. (the token came from ${join(dataDir, "api-token")})\n`,
    });
    expect((await list({ API_TOKEN: TEST_API_TOKEN, DATA_DIR: dataDir })).code).toBe(0);
    writeFileSync(join(dataDir, "api-token"), `${TEST_API_TOKEN}\n`);
    expect((await list({ DATA_DIR: dataDir })).code).toBe(0);
  });

  it("says where to put one when there is none", async () => {
    const none = await list({ DATA_DIR: join(dataDir, "missing") });
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^sitrep: No API token: set SITREP_TOKEN \(or API_TOKEN in \.env/);
  });
});
