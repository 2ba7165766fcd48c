import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("API token configuration", () => {
  it("lets an embedded Sitrep start without API_TOKEN (it generates one)", () => {
    expect(loadConfig({}).API_TOKEN).toBeUndefined();
  });

  it("refuses DATABASE_URL without API_TOKEN, since every replica must accept the same token", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/sitrep" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/sitrep" })).toThrow(
      /API_TOKEN is required with DATABASE_URL/,
    );
    expect(loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/sitrep", API_TOKEN: "a-long-enough-secret" }).API_TOKEN).toBe(
      "a-long-enough-secret",
    );
  });
});
