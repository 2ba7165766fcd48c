// Lint: typescript-eslint's recommended rules, with the few that keep our layering honest.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "src/db/generated/", "data/", "test-results/", "bench/results/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
      eqeqeq: ["error", "always"],
    },
  },
  {
    // The domain is pure: no I/O, no database, no adapters.
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["node:*", "../app/*", "../db/*", "../adapters/*", "../jobs/*", "pg", "@prisma/*", "axios", "@slack/*"] },
      ],
    },
  },
  {
    // Use cases talk to ports, never to Prisma or an SDK.
    files: ["src/app/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["../db/*", "../adapters/*", "pg", "@prisma/*", "axios", "@slack/*", "@pagerduty/*"] },
      ],
    },
  },
  {
    files: ["bench/**/*.ts", "src/adapters/cli/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
