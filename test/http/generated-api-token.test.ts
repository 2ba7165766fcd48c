import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startSitrep } from "../../src/main.js";
import { cliAgainst } from "../support/cli-runner.js";

/**
 * An embedded Sitrep (its own PostgreSQL under DATA_DIR) started without
 * API_TOKEN generates one into DATA_DIR, never writes it to its log, and the
 * CLI finds it there — also when Sitrep is reached under a path prefix (review F14).
 */
describe("the generated API token", { timeout: 180_000 }, () => {
  it("is stored under DATA_DIR, not logged, and used by the CLI", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "sitrep-token-"));
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    const sitrep = await startSitrep(loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info" }), {
      log: createLogger({ level: "info", destination }),
    });
    try {
      const token = readFileSync(join(dataDir, "api-token"), "utf8").trim();
      expect(token).toMatch(/^sitrep_/);
      expect(lines.join("")).toContain("API token generated");
      expect(lines.join("")).not.toContain(token);

      const cli = cliAgainst(sitrep, { SITREP_TOKEN: "", DATA_DIR: dataDir });
      const declared = await cli("declare", "Token from DATA_DIR");
      expect(declared).toMatchObject({ code: 0 });

      // Behind a proxy that serves Sitrep under /sitrep/.
      const proxy = createServer((req, res) => {
        const path = (req.url ?? "").replace(/^\/sitrep/, "");
        if (path === req.url) return void res.writeHead(404).end("not under /sitrep");
        const body: Buffer[] = [];
        req.on("data", (chunk: Buffer) => body.push(chunk));
        req.on("end", () => {
          const headers = Object.fromEntries(Object.entries(req.headers).filter(([, v]) => typeof v === "string")) as Record<
            string,
            string
          >;
          fetch(`${sitrep.url}${path}`, { method: req.method, headers, body: body.length > 0 ? Buffer.concat(body) : undefined })
            .then(async (answer) =>
              res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" }).end(await answer.text()),
            )
            .catch(() => res.writeHead(502).end());
        });
      });
      await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
      try {
        const prefixed = cliAgainst(
          { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/sitrep` },
          { SITREP_TOKEN: "", DATA_DIR: dataDir },
        );
        const listed = await prefixed("list");
        expect(listed).toMatchObject({ code: 0 });
        expect(listed.out).toContain("Token from DATA_DIR");
      } finally {
        await new Promise((resolve) => proxy.close(resolve));
      }
    } finally {
      await sitrep.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
