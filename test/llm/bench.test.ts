/**
 * CI runs bench/llm on the tiny model: the benchmark's code path (load, saved prefix, turns,
 * grammar vs free decoding, peak RSS) must work on every commit; its speeds are not judged here
 * (a random tiny model on a shared runner says nothing about SmolLM3 on a user's machine).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

describe("bench/llm on the tiny model", () => {
  it("measures load, turn 1 from the saved prefix, turn 2, decoding with and without the grammar", async () => {
    const out = join(mkdtempSync(join(os.tmpdir(), "levitate-bench-test-")), "bench.json");
    const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ["--import", "tsx", join(root, "bench/llm/index.ts"), "--threads", "1", "--no-ask", "--json", out],
        { cwd: root, timeout: 170_000, env: { ...process.env, XDG_CACHE_HOME: join(out, "..", "cache") } },
        (err, _stdout, stderr) => resolve({ code: err ? 1 : 0, stderr }),
      ),
    );
    expect(r.code, r.stderr).toBe(0);
    type Turn = {
      prefix?: { how: string; machine?: { how: string; tokens: number }; withWords?: boolean };
      profile?: { evaluations: { tokens: number; ms: number }[] };
      promptTokens: number;
      evaluatedTokens: number;
      sampledTokens: number;
      forcedTokens: number;
      generatedTokens: number;
      valid: boolean;
    };
    const summary = JSON.parse(readFileSync(out, "utf8")) as {
      cpu: string;
      loadavgStart: string;
      knobs: { steered: boolean };
      results: {
        label: string;
        prefixTokens: number;
        turn1: Turn;
        turn1Prepared: Turn;
        turn1SameMachine: Turn;
        turn2: { evaluatedTokens: number; promptTokens: number; valid: boolean };
        grammarTokS: number;
        freeTokS: number;
        peakRssMiB: number;
        loadavgBefore: string;
        grammarRatio: number;
        load: { modelMs: number; contextMs: number };
      }[];
    };
    const [tiny] = summary.results;
    // What ran where, and the bench-only knob, are in the output.
    expect(summary.cpu.length).toBeGreaterThan(0);
    expect(summary.loadavgStart).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d$/);
    expect(summary.knobs.steered).toBe(true);
    expect(tiny?.label).toBe("tiny model");
    // The second start found the system block's state the first one saved; a new machine's facts
    // were evaluated and saved; the same machine again loads its own state; either way, and with
    // the facts prepared, turn 1 evaluates only the words (and at most the facts' last token).
    const t1 = tiny as NonNullable<typeof tiny>;
    expect(t1.turn1.prefix?.how).toBe("loaded");
    expect(t1.turn1.prefix?.machine?.how).toBe("built");
    expect(t1.turn1SameMachine.prefix?.machine?.how).toBe("loaded");
    // A new machine's facts go in one batch with the words; prepared or saved, only the words.
    expect(t1.turn1.prefix?.withWords).toBe(true);
    expect(t1.turn1.profile?.evaluations[0]?.tokens).toBe(t1.turn1.evaluatedTokens);
    for (const t of [t1.turn1Prepared, t1.turn1SameMachine]) expect(t.evaluatedTokens).toBeLessThan(40);
    for (const t of [t1.turn1, t1.turn1Prepared, t1.turn1SameMachine]) {
      expect(t.valid).toBe(true);
      // Jump-forward: most of the call is forced by the grammar, counted apart from the sampled tokens.
      expect(t.forcedTokens).toBeGreaterThan(t.sampledTokens);
      expect(t.sampledTokens + t.forcedTokens).toBe(t.generatedTokens);
    }
    expect(tiny?.turn1.valid && tiny?.turn2.valid).toBe(true);
    expect(tiny?.turn2.evaluatedTokens).toBeLessThan((tiny?.turn2.promptTokens ?? 0) / 10);
    expect(tiny?.grammarTokS).toBeGreaterThan(0);
    expect(tiny?.freeTokS).toBeGreaterThan(0);
    expect(tiny?.peakRssMiB).toBeGreaterThan(0);
    expect(tiny?.grammarRatio).toBeGreaterThan(0);
    expect(tiny?.load.modelMs).toBeGreaterThan(0);
    expect(tiny?.loadavgBefore).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d$/);
  }, 180_000);
});

describe("bench/llm/hugePagesAB on the tiny model", () => {
  it("alternates huge pages on and off for a load and an ask, checks each arm got what it asked for, prints ratios", async () => {
    const out = join(mkdtempSync(join(os.tmpdir(), "levitate-hugepages-ab-test-")), "ab.json");
    const r = await new Promise<{ code: number; stderr: string; stdout: string }>((resolve) =>
      execFile(
        process.execPath,
        [
          "--import",
          "tsx",
          join(root, "bench/llm/hugePagesAB.ts"),
          "--rounds",
          "1",
          "--threads",
          "1",
          "--no-warmup",
          // Checks the path, not the speed: never builds dist/ in a shared tree (CI builds it first).
          "--no-build",
          "--json",
          out,
        ],
        // Four fresh processes (two loads, two asks, one restarting itself): 74 s at load 9, 124-170 s at 24-29.
        { cwd: root, timeout: 280_000 },
        (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stderr, stdout }),
      ),
    );
    expect(r.code, r.stderr).toBe(0);
    const ab = JSON.parse(readFileSync(out, "utf8")) as {
      ratios: Record<string, number>;
      loads: { on: { minorFaults: number }[]; off: { minorFaults: number }[] };
      asks: {
        on: { hugePages: string; restarted: boolean }[];
        off: { hugePages: string; restarted: boolean }[];
      };
    };
    expect(r.stdout).toMatch(/on \/ off \(medians\): loadWall [\d.]+x/);
    for (const k of ["loadWall", "loadCpu", "loadFaults", "askWall", "askCpu", "askLoad"])
      expect(ab.ratios[k], k).toBeGreaterThan(0);
    expect(ab.loads.on).toHaveLength(1);
    expect(ab.loads.off).toHaveLength(1);
    // The ask arms went through the product's path: restarted with huge pages, or not at all.
    expect(ab.asks.on[0]).toMatchObject({ hugePages: "on", restarted: true });
    expect(ab.asks.off[0]).toMatchObject({ hugePages: "off", restarted: false });
  }, 300_000);
});
