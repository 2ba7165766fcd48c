import { beforeAll } from "vitest";
import dns from "node:dns";
import net from "node:net";

/**
 * Tests talk to loopback only: fake Slack, Statuspage and PagerDuty servers and
 * the local PostgreSQL. Any attempt to reach another host fails the test.
 */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.0\.0\.1)$/;

beforeAll(() => {
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; path?: string } | number | string | undefined;
    const host =
      typeof first === "object" && first !== null
        ? first.path
          ? "localhost"
          : (first.host ?? "localhost")
        : typeof args[1] === "string"
          ? args[1]
          : "localhost";
    if (!LOOPBACK.test(host)) throw new Error(`test tried to reach ${host}: tests may only use loopback`);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  const originalLookup = dns.lookup;
  (dns as { lookup: unknown }).lookup = (hostname: string, ...rest: unknown[]) => {
    if (!LOOPBACK.test(hostname)) throw new Error(`test tried to resolve ${hostname}: tests may only use loopback`);
    return (originalLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  };
});
