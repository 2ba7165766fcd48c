import { defineConfig } from "vitest/config";

/**
 * Two projects: pure unit tests, and the integration suite on PostgreSQL — one
 * server per run (Sitrep's embedded PostgreSQL, or TEST_DATABASE_URL), a fresh
 * database per test file cloned from a template migrated once per run (see
 * test/support/global-setup.ts).
 */
const unit = ["test/domain/**/*.test.ts", "test/unit/**/*.test.ts"];

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
          name: "postgres",
          include: ["test/**/*.test.ts"],
          // test/container builds and runs the image: `npm run test:container`, not `npm test`.
          exclude: [...unit, "test/container/**"],
          globalSetup: ["test/support/global-setup.ts"],
          setupFiles: ["test/support/network-guard.ts"],
        },
      },
    ],
  },
});
