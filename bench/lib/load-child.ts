// The load generator in its own process (started by load.ts): reads LoadOptions
// as JSON on stdin, runs autocannon, prints one JSON line: the LoadResult.
import { text } from "node:stream/consumers";
import autocannon from "autocannon";
import type { LoadOptions, LoadResult } from "./load.js";
import { requestMaker } from "./requests.js";

const options = JSON.parse(await text(process.stdin)) as LoadOptions;
const make = requestMaker(options.recipe);
let i = 0;

/** Sends `amount` requests (the recipe's next ones) and measures them. */
async function measure(amount: number): Promise<LoadResult> {
  let firstSent = 0;
  let lastAnswered = 0;
  let slow = 0;
  const slowMs = options.slowMs ?? 2_000;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        amount,
        method: options.method ?? "POST",
        headers: options.headers,
        requests: [
          {
            // Called as each request is about to be sent, so a signature's timestamp is the moment of sending.
            setupRequest(request) {
              if (firstSent === 0) firstSent = performance.now();
              const made = make(i++);
              return {
                ...request,
                body: made.body,
                ...(made.path ? { path: made.path } : {}),
                headers: { ...request.headers, ...made.headers },
              };
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // autocannon's own duration is counted in whole seconds (it checks once a second whether it is done): time it here.
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      lastAnswered = performance.now();
      if (responseTime > slowMs) slow += 1;
    });
  });
  return {
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    slow,
    requestsPerSecond: result.requests.total / ((lastAnswered - firstSent) / 1000),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

// The warm-up runs here too: a fresh load process is itself cold (connections, JIT), and its first
// requests would otherwise land in the measured tail.
if (options.warmUp) {
  const warm = await measure(options.warmUp);
  if (warm.non2xx > 0 || warm.errors > 0) throw new Error(`warm-up: ${warm.non2xx} non-2xx answers, ${warm.errors} errors`);
}
process.stdout.write(`${JSON.stringify(await measure(options.amount))}\n`);
process.exit(0);
