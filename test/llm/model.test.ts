/**
 * The llm backend through the real node-llama-cpp, on a tiny random-weight GGUF written by the
 * test. Each scenario runs in its own process (test/llm/worker.ts) with a timeout: a malformed
 * model aborts the process (GGML_ASSERT) rather than throwing, and getLlama() is once a process.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TurnStats } from "../../agent/llm/backend.js";
import { writeTinyGguf } from "../fixtures-build/tiny-gguf.js";
import { runScenario } from "./run.js";

interface Generations {
  n: number;
  bad: string[];
  kinds: { calls: number; reply: number; confirm: number };
  tools: string[];
  disks: string[];
  pendingTurns: number;
  invalid: number;
  ms: number;
}

interface TwoTurns {
  d1: unknown;
  d2: unknown;
  again: unknown;
  s1: TurnStats;
  s2: TurnStats;
  invalid: number;
}

describe("llm backend on the tiny model", () => {
  it("200 sampled generations over varied facts are all valid decisions for their machine", async () => {
    const run = await runScenario<Generations>(["generations", "200"], 150_000);
    expect(run.timedOut, run.stderr).toBe(false);
    expect(run.result, run.stderr).toBeDefined();
    const r = run.result as Generations;
    expect(r.n).toBe(200);
    // Parses, validates, names only disks/recipes from the facts, only tools of the mode, and
    // confirms only with a plan pending (checked per generation in the worker).
    expect(r.bad).toEqual([]);
    expect(r.invalid).toBe(0);
    // Not vacuous: every kind of decision and every tool was produced.
    expect(r.kinds.calls).toBeGreaterThan(0);
    expect(r.kinds.reply).toBeGreaterThan(0);
    expect(r.kinds.confirm).toBeGreaterThan(0);
    expect(r.tools.length).toBeGreaterThanOrEqual(5);
    // The mounted disk and the live medium are never targets.
    expect(r.disks).not.toContain("/dev/vdb");
    expect(r.disks).not.toContain("/dev/sr0");
    process.stdout.write(`200 generations in ${Math.round(r.ms)} ms: ${JSON.stringify(r.kinds)}\n`);
  }, 160_000);

  for (const [arch, template] of [
    ["llama", true],
    ["smollm3", false],
  ] as const) {
    it(`turn 2 evaluates only its new tokens (${arch}, ${template ? "GGUF chat template" : "fallback ChatML"})`, async () => {
      const run = await runScenario<TwoTurns>(
        ["two-turns", arch, ...(template ? [] : ["--no-template"])],
        60_000,
      );
      expect(run.result, run.stderr).toBeDefined();
      const { s1, s2, d1, again, invalid } = run.result as TwoTurns;
      expect(invalid).toBe(0);
      expect(s1.template).toBe(template ? "gguf" : "fallback");
      expect(s1.reusedTokens).toBe(0);
      expect(s1.evaluatedTokens).toBe(s1.promptTokens);
      // All of turn 1's prompt stays in the context; only the answer and the new user turn are evaluated.
      expect(s2.reusedTokens).toBeGreaterThanOrEqual(s1.promptTokens);
      expect(s2.evaluatedTokens).toBe(s2.promptTokens - s2.reusedTokens);
      expect(s2.evaluatedTokens).toBeLessThan(s2.promptTokens / 10);
      // Greedy by default: the same turn on a fresh sequence decides the same.
      expect(again).toEqual(d1);
      process.stdout.write(
        `${arch}: turn 1 evaluated ${s1.evaluatedTokens} tokens, turn 2 ${s2.evaluatedTokens} of ${s2.promptTokens}\n`,
      );
    }, 70_000);
  }

  it("the checked-in grammars parse in llama.cpp", async () => {
    const run = await runScenario<{ parsed: string[] }>(["grammars"], 30_000);
    expect(run.result?.parsed, run.stderr).toEqual(["decision-live.gbnf", "decision-installed.gbnf"]);
  }, 40_000);

  it("a malformed model ends its worker, not the test run", async () => {
    const dir = mkdtempSync(join(os.tmpdir(), "levitate-bad-"));
    const bad = writeTinyGguf(join(dir, "bad.gguf"), { omitKeys: ["{arch}.attention.head_count"] });
    const run = await runScenario<unknown>(["load", bad], 30_000);
    expect(run.result).toBeUndefined();
    expect(run.code === 0 && run.signal === null).toBe(false);
    const good = writeTinyGguf(join(dir, "good.gguf"), { arch: "smollm3" });
    const ok = await runScenario<{ architecture: string }>(["load", good], 30_000);
    expect(ok.result?.architecture, ok.stderr).toBe("smollm3");
  }, 70_000);
});
