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
