import { defineConfig } from "vitest/config";

// Unit tests of every TS workspace; e2e tests drive Debian's chromium against real processes.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["contract/ts/test/**/*.test.ts", "tools/**/*.test.ts", "pulse/test/**/*.test.ts", "aura/test/unit/**/*.test.ts"],
          environment: "node",
          // Property suites run hundreds of cases; on a loaded 2-core CI machine 5 s is not enough.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["aura/test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
