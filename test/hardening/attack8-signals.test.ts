import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SLOW_RECIPE as SLOW, slowWorkerReadPreload } from "../helpers/slowRecipe.js";

const REPO = join(import.meta.dirname, "../..");

function fixture(): { facts: string; recipes: string; prelude: string } {
  const dir = mkdtempSync(join(tmpdir(), "attack8-m2-"));
  // The mixin loop alone ends at the operations limit in about a second on a quiet machine, before
  // the signal: the preview's read of slow.rhai is also held, on the worker thread only, so the
  // main thread stays free exactly as it must while a slow recipe loads there.
  const prelude = join(dir, "hold-worker-read.cjs");
  writeFileSync(prelude, slowWorkerReadPreload(5000));
  const recipes = join(dir, "recipes");
  mkdirSync(recipes);
  writeFileSync(join(recipes, "slow.rhai"), SLOW);
  const facts = join(dir, "facts.json");
  writeFileSync(
    facts,
    JSON.stringify({ mode: "installed", users: ["root"], recipes: ["slow"], installed: [] }),
  );
  return { facts, recipes, prelude };
}

interface Ended {
  code: number | null;
  stderr: string;
  afterSignalMs: number;
}

/** `levitate ask "add slow"` until its plan is printed (the preview then loads slow.rhai), then the signal. */
function askAndStop(signal: NodeJS.Signals): Promise<Ended> {
  const { facts, recipes, prelude } = fixture();
  return new Promise((resolve) => {
    const p = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--require",
        prelude,
        "cli/levitate.ts",
        "ask",
        "add slow",
        "--backend",
        "rules",
        "--facts",
        facts,
        "--recipes",
        recipes,
        "--dry-run",
      ],
      { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    let sentAt = 0;
    p.stderr.on("data", (d) => (stderr += d));
    p.stdout.on("data", (d) => {
      stdout += d;
      if (!sentAt && /Install slow/.test(stdout)) {
        sentAt = -1;
        // The preview starts right after the plan; a moment for the worker to be in the loop.
        setTimeout(() => {
          sentAt = Date.now();
          p.kill(signal);
        }, 1000);
      }
    });
    p.on("close", (code) => resolve({ code, stderr, afterSignalMs: sentAt > 0 ? Date.now() - sentAt : -1 }));
  });
}

/**
 * Attacker 8, M2: while a recipe loaded, `levitate ask` ignored Ctrl-C, SIGTERM and SIGHUP (the
 * synchronous interpreter held the thread, so no handler ran). The preview now loads recipes on
 * another thread: the signal ends it at once, with the cancel line and the usual exit code.
 */
describe("attacker 8 M2: a signal ends levitate ask while a slow recipe loads", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s: exit %i with one line, within 2 s",
    async (signal, code) => {
      const r = await askAndStop(signal);
      expect(r.afterSignalMs).toBeGreaterThan(0);
      expect(r.code).toBe(code);
      expect(r.stderr).toContain("cancelled, nothing was changed");
      expect(r.afterSignalMs).toBeLessThan(2_000);
    },
    90_000,
  );
});
