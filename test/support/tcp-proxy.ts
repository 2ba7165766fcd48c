import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/** How the proxy treats traffic: pass it, black-hole it (connections stay open, nothing moves), or refuse it. */
export type ProxyMode = "pass" | "hang" | "refuse";

/**
 * A TCP proxy in front of PostgreSQL (or anything), so a test can make the
 * database hang or vanish under a running Sitrep and bring it back.
 */
export class TcpProxy {
  private server: Server | null = null;
  private mode: ProxyMode = "pass";
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** `postgres://…@host:port/db` rewritten to go through this proxy. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = "127.0.0.1";
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** From now on: "hang" stops moving bytes on every connection (old and new); "refuse" drops them all. */
  set(mode: ProxyMode): void {
    this.mode = mode;
    for (const pair of this.pairs) {
      if (mode === "hang") {
        pair.client.pause();
        pair.upstream.pause();
      } else if (mode === "refuse") {
        this.drop(pair);
      }
    }
  }

  /** Back to passing traffic; connections black-holed meanwhile are cut (their peers gave up on them). */
  restore(): void {
    for (const pair of this.pairs) this.drop(pair);
    this.mode = "pass";
  }

  async stop(): Promise<void> {
    for (const pair of this.pairs) this.drop(pair);
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private accept(client: Socket): void {
    if (this.mode === "refuse") return void client.destroy();
    const upstream = connect(this.targetPort, this.targetHost);
    const pair = { client, upstream };
    this.pairs.add(pair);
    const forward = (from: Socket, to: Socket) =>
      from.on("data", (chunk: Buffer) => {
        if (this.mode === "pass") to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    const close = () => this.drop(pair);
    client.on("close", close).on("error", close);
    upstream.on("close", close).on("error", close);
    if (this.mode === "hang") {
      client.pause();
      upstream.pause();
    }
  }

  private drop(pair: { client: Socket; upstream: Socket }): void {
    this.pairs.delete(pair);
    pair.client.destroy();
    pair.upstream.destroy();
  }
}
