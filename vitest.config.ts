import { defineConfig } from "vitest/config";

/**
 * Three projects: pure unit tests, and the integration suite twice — once on
 * embedded PGlite and once on a real PostgreSQL (a fresh database per test file,
 * cloned from a template migrated once per run; see test/support/global-setup.ts).
 */
const integration = ["test/**/*.test.ts"];
const unit = ["test/domain/**/*.test.ts", "test/unit/**/*.test.ts"];
/** Tests that need several processes on one database server (replicas) run on PostgreSQL only. */
const postgresOnly = ["test/**/*.pg.test.ts"];

/** Inline projects do not inherit the root's test options, so each gets these (startup is slow on a loaded 2-core machine). */
const timeouts = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    ...timeouts,
    projects: [
      { test: { name: "unit", include: unit, ...timeouts } },
      {
        test: {
          ...timeouts,
          name: "pglite",
          include: integration,
          exclude: [...unit, ...postgresOnly],
          env: { SITREP_TEST_DB: "pglite" },
          setupFiles: ["test/support/network-guard.ts"],
        },
      },
      {
        test: {
          ...timeouts,
          name: "postgres",
          include: integration,
          exclude: unit,
          env: { SITREP_TEST_DB: "postgres" },
          globalSetup: ["test/support/global-setup.ts"],
          setupFiles: ["test/support/network-guard.ts"],
        },
      },
    ],
  },
});
