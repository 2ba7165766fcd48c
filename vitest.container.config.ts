import { defineConfig } from "vitest/config";

/** `npm run test:container`: builds and runs the image with podman; not part of `npm test`. */
export default defineConfig({
  test: {
    include: ["test/container/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 1_200_000,
    fileParallelism: false,
  },
});
