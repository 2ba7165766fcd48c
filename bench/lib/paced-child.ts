// The paced load in its own process (started by paced.ts): reads PacedOptions
// as JSON on stdin, sends at a steady pace, prints one JSON line: the PacedResult.
import { Agent, request } from "node:http";
import { text } from "node:stream/consumers";
import { setTimeout as sleep } from "node:timers/promises";
import type { PacedOptions, PacedResult } from "./paced.js";
import { requestMaker } from "./requests.js";
import { percentile } from "./stats.js";

const TIMEOUT_MS = 10_000;

interface Answer {
  readonly ms: number;
  /** 0: no answer. */
  readonly status: number;
  readonly refused: boolean;
}

const options = JSON.parse(await text(process.stdin)) as PacedOptions;
const make = requestMaker(options.recipe);
const target = new URL(options.url);
const agent = new Agent({ keepAlive: true, maxSockets: options.connections });

/** Sends request `i` (signed now, as it leaves) and resolves when it is answered, or not. */
function send(i: number): Promise<Answer> {
  const made = make(i);
  const started = performance.now();
  return new Promise((resolve) => {
    const answered = (status: number, refused: boolean) => resolve({ ms: performance.now() - started, status, refused });
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: made.path ?? target.pathname,
        method: "POST",
        headers: { ...options.headers, ...made.headers, "content-length": Buffer.byteLength(made.body) },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => answered(res.statusCode ?? 0, body.includes(options.refusalMarker)));
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer in time")));
    req.on("error", () => answered(0, false));
    req.end(made.body);
  });
}

/** Starts `count` requests numbered from `first`, one every 1/perSecond s, and waits for every answer. */
async function pace(first: number, count: number): Promise<{ answers: Answer[]; sentPerSecond: number }> {
  const interval = 1000 / options.perSecond;
  const start = performance.now();
  const pending: Promise<Answer>[] = [];
  for (let n = 0; n < count; n++) {
    const wait = start + n * interval - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(send(first + n));
  }
  // The last request's own interval counts too: a perfect pace gives exactly perSecond.
  const sentFor = (performance.now() - start + interval) / 1000;
  return { answers: await Promise.all(pending), sentPerSecond: count / sentFor };
}

const warmUp = Math.round(options.warmUpSeconds * options.perSecond);
const count = Math.round(options.seconds * options.perSecond);
const warm = await pace(0, warmUp);
const failedWarmUp = warm.answers.filter((a) => a.status !== 200).length;
if (failedWarmUp > 0) throw new Error(`warm-up: ${failedWarmUp} requests not answered 200`);
const { answers, sentPerSecond } = await pace(warmUp, count);
const times = answers.filter((a) => a.status !== 0).map((a) => a.ms);
const result: PacedResult = {
  requests: answers.length,
  errors: answers.filter((a) => a.status === 0).length,
  non2xx: answers.filter((a) => a.status !== 0 && (a.status < 200 || a.status > 299)).length,
  refused: answers.filter((a) => a.refused).length,
  slow: answers.filter((a) => a.ms > options.slowMs).length,
  sentPerSecond,
  p50Ms: percentile(times, 50),
  p99Ms: percentile(times, 99),
  maxMs: Math.max(0, ...times),
};
agent.destroy();
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
