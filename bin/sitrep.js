#!/usr/bin/env node
// The `sitrep` command: runs the CLI built into dist/ (npm install builds it), so
// it starts in a fraction of a second with the production dependencies alone.
import { existsSync } from "node:fs";

const built = new URL("../dist/adapters/cli/main.js", import.meta.url);
if (!existsSync(built)) {
  process.stderr.write("sitrep: the CLI is not built yet; run `npm run build` in the Sitrep folder\n");
  process.exit(1);
}
const { loadEnvFile } = await import("../dist/env-file.js");
loadEnvFile();
const { runCli } = await import(built.href);
process.exitCode = await runCli(process.argv.slice(2));
