import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

/** The compose files run the image we build against a PostgreSQL service, configured from .env. */
interface Service {
  image?: string;
  env_file?: string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}
const read = (file: string) =>
  parse(readFileSync(new URL(`../../${file}`, import.meta.url), "utf8")) as { services: Record<string, Service>; volumes?: object };

describe("compose files", () => {
  it("compose.yaml: Sitrep on the postgres service, a named volume, integrations from .env", () => {
    const compose = read("compose.yaml");
    const sitrep = compose.services.sitrep!;
    expect(sitrep.env_file).toBe(".env");
    expect(sitrep.environment?.DATABASE_URL).toMatch(/^postgres:\/\/sitrep:.*@postgres:5432\/sitrep$/);
    expect(sitrep.depends_on?.postgres?.condition).toBe("service_healthy");
    expect(compose.services.postgres!.volumes).toContain("postgres-data:/var/lib/postgresql/data");
    expect(compose.volumes).toHaveProperty("postgres-data");
  });

  it("compose.replicas.yaml adds a second replica of the same image on the same database", () => {
    const base = read("compose.yaml").services.sitrep!;
    const second = read("compose.replicas.yaml").services["sitrep-2"]!;
    expect(second.image).toBe(base.image);
    expect(second.environment?.DATABASE_URL).toBe(base.environment?.DATABASE_URL);
    expect(second.ports).not.toEqual(base.ports);
  });
});
