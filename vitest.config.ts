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
/** Tests of the embedded database's own behaviour (a generated token under DATA_DIR) run on PGlite only. */
const pgliteOnly = ["test/**/*.pglite.test.ts"];

export default defineConfig({
  test: {
    // Generous bounds: startup is slow on a loaded 2-core machine. They bound waits; no test asserts speed.
    testTimeout: 30_000,
    hookTimeout: 180_000,
    projects: [
      // extends: inline projects do not inherit the root options (the timeouts above) unless told to.
      { extends: true, test: { name: "unit", include: unit } },
      {
        extends: true,
        test: {
          name: "pglite",
          include: integration,
          exclude: [...unit, ...postgresOnly],
          env: { SITREP_TEST_DB: "pglite" },
          setupFiles: ["test/support/network-guard.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: integration,
          exclude: [...unit, ...pgliteOnly],
          env: { SITREP_TEST_DB: "postgres" },
          globalSetup: ["test/support/global-setup.ts"],
          setupFiles: ["test/support/network-guard.ts"],
        },
      },
    ],
  },
});
