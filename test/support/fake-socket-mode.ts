import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

/**
 * Slack's Socket Mode end: the client connects to the URL that
 * apps.connections.open gave it, is greeted with `hello`, receives envelopes
 * and answers each with `{ envelope_id, payload }` (its ack).
 */
export class FakeSocketMode {
  private server: WebSocketServer | null = null;
  private socket: WebSocket | null = null;
  private readonly waiting = new Map<string, (payload: Record<string, unknown>) => void>();
  private connectedResolve: (() => void) | null = null;
  readonly connected = new Promise<void>((resolve) => (this.connectedResolve = resolve));

  get url(): string {
    return `ws://127.0.0.1:${(this.server!.address() as AddressInfo).port}/link`;
  }

  async start(): Promise<this> {
    this.server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => this.server!.once("listening", () => resolve()));
    this.server.on("connection", (socket) => {
      this.socket = socket;
      socket.on("message", (data) => {
        const reply = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (reply.envelope_id) this.waiting.get(reply.envelope_id)?.(reply.payload ?? {});
      });
      socket.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0SITREP" } }));
      this.connectedResolve?.();
    });
    return this;
  }

  /** Sends one envelope and resolves with the app's ack payload. */
  send(type: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    const envelopeId = randomUUID();
    const acked = new Promise<Record<string, unknown>>((resolve) => this.waiting.set(envelopeId, resolve));
    this.socket!.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }));
    return acked;
  }

  async stop(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
