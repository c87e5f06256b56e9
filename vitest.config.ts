import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Root-only tests (loop devices, mounts, QEMU) serialise themselves; unit tests run in parallel.
    pool: "forks",
  },
});
