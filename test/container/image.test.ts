import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCaller, type ApiCaller } from "../support/api-caller.js";
import { eventually, podman, REPO_ROOT, script } from "./podman.js";

/**
 * Builds the Containerfile on a local Debian base (no registry is reachable
 * here), runs it with a volume, walks an incident to resolved, stops it with
 * SIGTERM and starts it again on the same volume.
 */
const BASE = process.env.SITREP_CONTAINER_BASE ?? "localhost/sitrep-base:bookworm-node";
const run = randomBytes(4).toString("hex");
const IMAGE = `localhost/sitrep-test:${run}`;
const VOLUME = `sitrep-test-data-${run}`;
const CONTAINER = `sitrep-test-${run}`;
const TOKEN = randomBytes(24).toString("hex");
const VERSION = (JSON.parse(readFileSync(`${REPO_ROOT}package.json`, "utf8")) as { version: string }).version;
const MB = 1_000_000;

let port = 0;
let api: ApiCaller;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return free;
}

async function startContainer(): Promise<void> {
  await podman([
    "run",
    "--detach",
    "--name",
    CONTAINER,
    // Published on loopback only: nothing outside this machine can reach it.
    "--publish",
    `127.0.0.1:${port}:3000`,
    "--volume",
    `${VOLUME}:/data`,
    "--env",
    `API_TOKEN=${TOKEN}`,
    "--env",
    "MONITORING_WINDOW=PT0S",
    IMAGE,
  ]);
  await eventually("GET /readyz answering 200", 90_000, async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok);
}

async function stopContainer(): Promise<{ exitCode: number; logs: string }> {
  // -t 10: podman sends SIGKILL after 10 s, which would show as exit code 137.
  await podman(["stop", "--time", "10", CONTAINER], 30_000);
  const { stdout } = await podman(["inspect", "--format", "{{.State.ExitCode}}", CONTAINER]);
  const logs = await podman(["logs", CONTAINER]);
  await podman(["rm", CONTAINER]);
  return { exitCode: Number(stdout.trim()), logs: logs.stdout + logs.stderr };
}

beforeAll(async () => {
  await script("scripts/container/base-image.sh", [BASE], 600_000);
  await podman(
    [
      "build",
      "--format",
      "docker",
      "--file",
      "Containerfile",
      "--build-arg",
      `BASE=${BASE}`,
      "--build-arg",
      `VERSION=${VERSION}`,
      "--tag",
      IMAGE,
      REPO_ROOT,
    ],
    900_000,
  );
  port = await freePort();
  api = apiCaller(`http://127.0.0.1:${port}`, TOKEN);
}, 1_200_000);

afterAll(async () => {
  await podman(["rm", "--force", "--ignore", CONTAINER]).catch(() => undefined);
  await podman(["volume", "rm", "--force", VOLUME]).catch(() => undefined);
  await podman(["rmi", "--force", IMAGE]).catch(() => undefined);
}, 120_000);

describe("the container image", () => {
  it("is under 350 MB and carries the OCI labels", async () => {
    const { stdout } = await podman(["image", "inspect", IMAGE]);
    const image = (JSON.parse(stdout) as Array<{ Size: number; Labels: Record<string, string>; Config: { User: string } }>)[0]!;
    process.stdout.write(`container image size: ${(image.Size / MB).toFixed(0)} MB (base ${BASE})\n`);
    expect(image.Size).toBeLessThan(350 * MB);
    expect(image.Labels).toMatchObject({
      "org.opencontainers.image.version": VERSION,
      "org.opencontainers.image.licenses": "MIT",
      "org.opencontainers.image.title": "Sitrep",
    });
    expect(image.Labels).toHaveProperty("org.opencontainers.image.source");
    expect(image.Config.User).toBe("sitrep");
  });

  it("declares an incident through the API and walks it to resolved, as a non-root user", async () => {
    await startContainer();
    const { stdout: uid } = await podman(["exec", CONTAINER, "id", "-u"]);
    expect(Number(uid.trim())).not.toBe(0);
    // Every process in the container, the embedded PostgreSQL included, runs as that user.
    const { stdout: users } = await podman(["top", CONTAINER, "user"]);
    expect(
      users
        .split("\n")
        .slice(1)
        .filter(Boolean)
        .every((user) => user.trim() === "sitrep"),
    ).toBe(true);

    const as = { "x-sitrep-actor": "UCONTAINER" };
    const declared = await api<{ incident: { number: number } }>("POST", "/api/v1/incidents", { title: "Checkout 500s", severity: 2 }, as);
    expect(declared.status).toBe(201);
    const ref = declared.body.incident.number;
    expect((await api("POST", `/api/v1/incidents/${ref}/updates`, { text: "Looking at the checkout service." }, as)).status).toBe(200);
    for (const phase of ["identified", "monitoring", "resolved"]) {
      const moved = await api<{ incident: { phase: string } }>(
        "POST",
        `/api/v1/incidents/${ref}/phase`,
        { phase, text: `Now ${phase}.` },
        as,
      );
      expect(moved.status).toBe(200);
      expect(moved.body.incident.phase).toBe(phase);
    }
  });

  it("stops cleanly on SIGTERM within the grace period, and keeps everything on its volume", async () => {
    const stopped = await stopContainer();
    expect(stopped.exitCode, stopped.logs.slice(-2000)).toBe(0);
    // A clean PostgreSQL shutdown removes its pid file; an orphaned or killed server leaves it.
    const leftovers = await podman([
      "run",
      "--rm",
      "--volume",
      `${VOLUME}:/data`,
      "--entrypoint",
      "sh",
      IMAGE,
      "-c",
      "find /data -name postmaster.pid",
    ]);
    expect(leftovers.stdout.trim()).toBe("");

    await startContainer();
    const listed = await api<{ incidents: Array<{ title: string; phase: string; number: number }> }>("GET", "/api/v1/incidents?status=all");
    const incident = listed.body.incidents.find((i) => i.title === "Checkout 500s");
    expect(incident).toMatchObject({ phase: "resolved" });
    const timeline = await api<{ entries: Array<{ kind: string }> }>("GET", `/api/v1/incidents/${incident!.number}/timeline`);
    expect(timeline.body.entries.map((e) => e.kind)).toEqual(
      expect.arrayContaining(["incident_declared", "status_update_posted", "phase_changed"]),
    );
    expect(timeline.body.entries.filter((e) => e.kind === "phase_changed")).toHaveLength(3);
    const again = await stopContainer();
    expect(again.exitCode).toBe(0);
  });
});
