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
  kinds: { calls: number; reply: number; confirm: number; drop: number; offer: number };
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
    const run = await runScenario<Generations>(["generations", "200"], 400_000);
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
    expect(r.kinds.drop).toBeGreaterThan(0);
    expect(r.kinds.offer).toBeGreaterThan(0);
    expect(r.tools.length).toBeGreaterThanOrEqual(5);
    // The mounted disk and the live medium are never targets.
    expect(r.disks).not.toContain("/dev/vdb");
    expect(r.disks).not.toContain("/dev/sr0");
    process.stdout.write(`200 generations in ${Math.round(r.ms)} ms: ${JSON.stringify(r.kinds)}\n`);
  }, 420_000);

  for (const [arch, template] of [
    ["llama", true],
    ["smollm3", false],
  ] as const) {
    it(`turn 1 starts from the saved prefix, turn 2 evaluates only its new tokens (${arch}, ${template ? "the GGUF's SmolLM3 template" : "our SmolLM3 renderer"})`, async () => {
      const run = await runScenario<TwoTurns>(
        ["two-turns", arch, ...(template ? [] : ["--no-template"])],
        60_000,
      );
      expect(run.result, run.stderr).toBeDefined();
      const { s1, s2, d1, again, invalid } = run.result as TwoTurns;
      expect(invalid).toBe(0);
      expect(s1.template).toBe(template ? "gguf" : "fallback");
      // The fixed prefix (system block) came from its saved state or was evaluated and saved; either
      // way turn 1 itself evaluates only the facts and the words.
      expect(s1.prefix?.tokens).toBeGreaterThan(0);
      // A machine seen for the first time without `prepare`: the facts are evaluated in one batch
      // with the words (the system block is all that is reused), saved when the backend is done.
      expect(s1.prefix?.machine?.how).toBe("built");
      expect(s1.prefix?.withWords).toBe(true);
      expect(s1.reusedTokens).toBe(s1.prefix?.tokens);
      expect(s1.evaluatedTokens).toBe(s1.promptTokens - s1.reusedTokens);
      expect(s1.profile?.evaluations[0]?.tokens).toBe(s1.evaluatedTokens);
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

  it("turn 1 evaluates only the words: facts prepared while waiting, or loaded from this machine's state; a changed machine is evaluated again; jump-forward forces most tokens", async () => {
    type T = { d: unknown; s: TurnStats };
    const run = await runScenario<
      Record<"plain" | "plainG" | "prepared" | "asked" | "again" | "changed" | "switched" | "unforced", T>
    >(["machine-state"], 90_000);
    expect(run.result, run.stderr).toBeDefined();
    const r = run.result as NonNullable<typeof run.result>;
    // No saved state at all: the whole prompt is evaluated.
    expect(r.plain.s.reusedTokens).toBe(0);
    const words = r.plain.s.promptTokens - (r.prepared.s.prefix?.machine?.tokens ?? 0);
    // Prepared in the background (the chat): built, and turn 1 evaluates only the words.
    expect(r.prepared.s.prefix?.machine?.how).toBe("built");
    expect(r.prepared.s.evaluatedTokens).toBeLessThanOrEqual(words + 1);
    // The chat's preparation saves nothing; a first `ask` evaluates the facts with the words, in
    // one batch, and saves the machine's state when it is done (dispose)...
    expect(r.asked.s.prefix?.machine?.how).toBe("built");
    expect(r.asked.s.profile?.evaluations[0]?.tokens).toBe(r.asked.s.evaluatedTokens);
    expect(r.asked.s.evaluatedTokens).toBeGreaterThan(words + 1);
    // ...and a second start on the same machine (a second `ask`) loads it.
    expect(r.again.s.prefix?.machine?.how).toBe("loaded");
    expect(r.again.s.evaluatedTokens).toBeLessThanOrEqual(words + 1);
    // Other facts: another key, built again, never the old machine's state.
    expect(r.changed.s.prefix?.machine?.how).toBe("built");
    expect(r.changed.s.promptTokens).toBeGreaterThan(r.again.s.promptTokens);
    // Greedy decoding: the same decisions as a fresh evaluation of the whole prompt.
    expect(r.prepared.d).toEqual(r.plain.d);
    expect(r.asked.d).toEqual(r.plain.d);
    expect(r.again.d).toEqual(r.plain.d);
    expect(r.changed.d).toEqual(r.plainG.d);
    // Prepared for one machine, asked about another: the other's decision, as if never prepared.
    expect(r.switched.d).toEqual(r.plainG.d);
    // Jump-forward: the grammar forced some tokens; without it, every token is sampled.
    expect(r.plain.s.forcedTokens).toBeGreaterThan(r.plain.s.sampledTokens);
    expect(r.unforced.s.forcedTokens).toBe(0);
    expect(r.unforced.s.sampledTokens).toBe(r.unforced.s.generatedTokens);
    for (const t of [r.plain, r.prepared, r.again])
      expect(t.s.sampledTokens + t.s.forcedTokens).toBe(t.s.generatedTokens);
    process.stdout.write(
      `machine state: words ${words} tokens; prepared evaluated ${r.prepared.s.evaluatedTokens}, again ${r.again.s.evaluatedTokens}; jump-forward ${r.plain.s.sampledTokens} sampled + ${r.plain.s.forcedTokens} forced, without ${r.unforced.s.sampledTokens} sampled; decisions ${JSON.stringify(r.plain.d)} / ${JSON.stringify(r.unforced.d)}\n`,
    );
  }, 100_000);

  it("the prefix's saved state gives the same next-token distribution as a fresh evaluation", async () => {
    const run = await runScenario<{
      built: string;
      loaded: string;
      freshVsLoaded: number;
      freshVsBuilt: number;
      freshVsOther: number;
      topFresh: number[];
      topLoaded: number[];
      vocab: number;
      prefixTokens: number;
    }>(["prefix-logits"], 90_000);
    expect(run.result, run.stderr).toBeDefined();
    const r = run.result as NonNullable<typeof run.result>;
    expect(r.built).toBe("built");
    expect(r.loaded).toBe("loaded");
    expect(r.vocab).toBeGreaterThan(100);
    // Bit for bit: the same probabilities over the whole vocabulary.
    expect(r.freshVsLoaded).toBe(0);
    expect(r.freshVsBuilt).toBe(0);
    expect(r.topLoaded).toEqual(r.topFresh);
    // The comparison can fail: one changed token of the prefix moves the distribution.
    expect(r.freshVsOther).toBeGreaterThan(0);
  }, 100_000);

  it("a stale prefix state (another model's, or corrupted) is detected by its key and rebuilt, never loaded", async () => {
    const run = await runScenario<{
      first: string;
      otherModel: { how: string; stale?: string };
      corrupted: { how: string; stale?: string };
      again: string;
      untouched: string;
      touched: { how: string; stale?: string };
    }>(["stale-state"], 60_000);
    expect(run.result, run.stderr).toBeDefined();
    const r = run.result as NonNullable<typeof run.result>;
    expect(r.first).toBe("built");
    expect(r.otherModel.how).toBe("built");
    expect(r.otherModel.stale).toMatch(/made for another model file/);
    expect(r.corrupted.how).toBe("built");
    expect(r.corrupted.stale).toMatch(/checksum does not match/);
    expect(r.again).toBe("loaded");
    // Not hashed again while the file is the one written; hashed once it was touched.
    expect(r.untouched).toBe("loaded");
    expect(r.touched.how).toBe("built");
    expect(r.touched.stale).toMatch(/checksum does not match/);
  }, 70_000);

  it("the conversation refuses the model's erase of a protected disk (grammar forced to propose it)", async () => {
    const run = await runScenario<{
      protections: { kind: string; disk: string }[];
      proposed: { calls?: { tool: string; args: { disk: string } }[] };
      decided: { reply?: string; calls?: unknown };
      outcome: string;
      pending: unknown[];
      invalid: number;
    }>(["safety"], 90_000);
    expect(run.result, run.stderr).toBeDefined();
    const r = run.result as NonNullable<typeof run.result>;
    expect(r.protections).toContainEqual(expect.objectContaining({ kind: "disk", disk: "/dev/sda" }));
    // The model did propose it (so the refusal below is the screen's, not the grammar's).
    expect(r.invalid).toBe(0);
    expect(r.proposed.calls?.[0]).toMatchObject({ tool: "partitionDisk", args: { disk: "/dev/sda" } });
    expect(r.decided.calls).toBeUndefined();
    expect(r.decided.reply).toMatch(/keep \/dev\/sda/);
    expect(r.outcome).toBe("reply");
    expect(r.pending).toEqual([]);
  }, 100_000);

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
    // It ended on llama.cpp's assert, not on this test's timeout (agent/llm/llama.ts
    // quietLlamaAborts: no gdb run against it first, which took ~7 s of such a run under load).
    expect(run.timedOut, run.stderr).toBe(false);
    expect(run.stderr).toMatch(/GGML_ASSERT/);
    const good = writeTinyGguf(join(dir, "good.gguf"), { arch: "smollm3" });
    const ok = await runScenario<{ architecture: string }>(["load", good], 30_000);
    expect(ok.result?.architecture, ok.stderr).toBe("smollm3");
  }, 70_000);
});
