import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";

/**
 * The same-run baseline: a bare node:http server that reads the JSON body and
 * does one INSERT per request on the same server, and nothing else.
 * Sitrep's figures are reported as ratios against it.
 */
export async function startBaselineServer(databaseUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const ddl =
    "CREATE TABLE IF NOT EXISTS baseline_events (id bigserial PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())";
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(ddl);
  const insert = async (body: string) => void (await pool.query("INSERT INTO baseline_events (body) VALUES ($1)", [body]));
  const closeDb = () => pool.end();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8") || "{}";
      insert(body).then(
        () => {
          res.writeHead(201, { "content-type": "application/json" });
          res.end('{"ok":true}');
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDb();
    },
  };
}
