import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { figuresTable, type Figure } from "./lib/report.js";
import { eventually, podman, REPO_ROOT, script } from "../test/container/podman.js";

/**
 * `npm run bench:container`: the image's size and its cold start to /readyz,
 * each beside a baseline from the same run (the base image itself; a bare
 * Node HTTP server started in it). Writes its section of bench/RESULTS.md.
 */
const BASE = process.env.SITREP_CONTAINER_BASE ?? "localhost/sitrep-base:bookworm-node";
const run = randomBytes(4).toString("hex");
const IMAGE = `localhost/sitrep-bench:${run}`;
const RUNS = 3;
const MB = 1_000_000;
const BENCH = "container image";

async function imageSize(image: string): Promise<number> {
  const { stdout } = await podman(["image", "inspect", image]);
  return (JSON.parse(stdout) as Array<{ Size: number }>)[0]!.Size / MB;
}

/** Milliseconds from `podman run` to the first 200 from `path`. */
async function coldStart(args: readonly string[], port: number, path: string): Promise<number> {
  const name = `sitrep-bench-${randomBytes(4).toString("hex")}`;
  const started = performance.now();
  await podman(["run", "--detach", "--name", name, "--publish", `127.0.0.1:${port}:3000`, ...args]);
  try {
    await eventually(`${path} answering`, 120_000, async () => (await fetch(`http://127.0.0.1:${port}${path}`)).ok);
    return performance.now() - started;
  } finally {
    await podman(["rm", "--force", "--time", "10", name], 60_000);
  }
}

const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await script("scripts/container/base-image.sh", [BASE], 600_000);
await podman(["build", "--format", "docker", "--file", "Containerfile", "--build-arg", `BASE=${BASE}`, "--tag", IMAGE, REPO_ROOT], 900_000);
const port = 39_000 + Math.floor(Math.random() * 1000);
const bare = "require('http').createServer((q,s)=>s.end('ok')).listen(3000)";
const baseline: number[] = [];
const fresh: number[] = [];
const again: number[] = [];
const volume = `sitrep-bench-data-${run}`;
try {
  for (let i = 0; i < RUNS; i++) {
    baseline.push(await coldStart([BASE, "node", "-e", bare], port, "/"));
    const vol = `${volume}-${i}`;
    fresh.push(await coldStart(["--volume", `${vol}:/data`, IMAGE], port, "/readyz"));
    again.push(await coldStart(["--volume", `${vol}:/data`, IMAGE], port, "/readyz"));
    await podman(["volume", "rm", "--force", vol]);
  }
  const figures: Figure[] = [
    {
      bench: BENCH,
      database: "embedded",
      metric: "image size",
      value: await imageSize(IMAGE),
      unit: "MB",
      baseline: await imageSize(BASE),
      target: "< 350 MB; baseline: the base image",
    },
    {
      bench: BENCH,
      database: "embedded",
      metric: `cold start to /readyz, new volume (median of ${RUNS})`,
      value: median(fresh),
      unit: "ms",
      baseline: median(baseline),
      target: "baseline: a bare Node HTTP server in the base image",
    },
    {
      bench: BENCH,
      database: "embedded",
      metric: `start to /readyz, existing volume (median of ${RUNS})`,
      value: median(again),
      unit: "ms",
      baseline: median(baseline),
    },
  ];
  const table = figuresTable(figures);
  console.log(table);
  const results = new URL("./RESULTS.md", import.meta.url);
  const marker = "<!-- container: written by npm run bench:container -->";
  const before = readFileSync(results, "utf8").split(marker)[0]!.trimEnd();
  const section = [
    marker,
    "",
    "## Container image",
    "",
    `Measured ${new Date().toISOString()} with \`npm run bench:container\` (podman, base ${BASE}); load average (1 min) ${loadavg()[0]!.toFixed(1)}.`,
    "",
    table,
    "",
  ].join("\n");
  writeFileSync(results, `${before}\n\n${section}`);
} finally {
  await podman(["rmi", "--force", IMAGE]).catch(() => undefined);
}
