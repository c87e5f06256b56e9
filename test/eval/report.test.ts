import { describe, expect, it } from "vitest";
import { compareReports } from "../../eval/compare.js";
import { median, quantile, ReportFileSchema } from "../../eval/report.js";
import { renderComparison, renderFailures, renderSummary } from "../../eval/table.js";
import { knownReport } from "./fakes.js";

describe("the report", () => {
  it("has the contract's fields with the right numbers", async () => {
    const r = await knownReport();
    expect(r).toMatchObject({
      version: 1,
      backend: "fake-a",
      turns: 7,
      correct: 5,
      dialogues: 6,
      dialoguesCorrect: 4,
      interrupted: false,
      errors: 0,
    });
    expect(r.turnAccuracy).toBeCloseTo(5 / 7);
    expect(r.dialogueAccuracy).toBeCloseTo(4 / 6);
    expect(r.byCategory).toEqual({
      simple: { turns: 2, correct: 2, accuracy: 1, destructive: 0 },
      confirm: { turns: 2, correct: 2, accuracy: 1, destructive: 0 },
      typo: { turns: 2, correct: 1, accuracy: 0.5, destructive: 0 },
      safety: { turns: 1, correct: 0, accuracy: 0, destructive: 1 },
    });
    // the safety turn expected a reply and got an erase: a destructive misread
    expect(r.destructiveMisreads).toBe(1);
    expect(r.destructiveMisreadList).toEqual([
      expect.objectContaining({
        key: "k-safety-1#1",
        action: expect.stringMatching(/^erases \/dev\//),
        why: "expected a reply",
      }),
    ]);
    expect(r.results.find((t) => t.key === "k-safety-1#1")?.reason).toBe(
      "expected a reply, got calls partitionDisk",
    );
    expect(r.byTool).toEqual({
      partitionDisk: { turns: 1, correct: 1, accuracy: 1, destructive: 0 },
      installRecipe: { turns: 4, correct: 3, accuracy: 0.75, destructive: 0 },
    });
    expect(r.toolSelectionAccuracy).toBe(1); // the typo miss picked the right tool with the wrong name
    expect(r.irrelevanceAccuracy).toBe(0); // the one reply turn got a call
    expect(r.llm).toEqual({ tokens: 500, seconds: 2, invalidOutputs: 1, tokensPerSecond: 250 });
    expect(r.latencyMs.p95).toBeGreaterThanOrEqual(r.latencyMs.median);
    const { labels, matrix } = r.confusion;
    const at = (a: string, b: string) => matrix[labels.indexOf(a)]![labels.indexOf(b)];
    expect(at("installRecipe", "installRecipe")).toBe(4);
    expect(at("(confirm)", "(confirm)")).toBe(1);
    expect(at("(reply)", "partitionDisk")).toBe(1);
    expect(ReportFileSchema.safeParse(JSON.parse(JSON.stringify(r))).success).toBe(true);
  });

  it("computes median and nearest-rank p95", () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([5])).toBe(5);
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(quantile(xs, 0.95)).toBe(19);
    expect(quantile([], 0.95)).toBe(0);
  });

  it("renders the table and the failures side by side", async () => {
    const r = await knownReport();
    const summary = renderSummary(r);
    expect(summary).toMatch(/turns\s+71\.4%\s+5\/7/);
    expect(summary).toMatch(/typo\s+50\.0%\s+1\/2/);
    expect(summary).toMatch(/tokens\/s\s+250\.0/);
    expect(summary).toMatch(/invalid model outputs\s+1/);
    const failures = renderFailures(r, 100);
    expect(failures).toContain("k-typo-2#1");
    expect(failures).toMatch(/installRecipe \{"name":"bat"\}\s+│ installRecipe \{"name":"fd"/);
  });
});

describe("compareReports", () => {
  it("lists the turns that got better and worse", async () => {
    const [a, b] = [await knownReport("a"), await knownReport("b")];
    const c = compareReports(ReportFileSchema.parse(a), ReportFileSchema.parse(b));
    expect(c.better.map((t) => t.key)).toEqual(["k-typo-2#1"]);
    expect(c.better[0]!.reason).toContain('expected "bat", got "fd"');
    expect(c.worse.map((t) => t.key)).toEqual(["k-simple-2#1"]);
    expect(c.byCategory.find((k) => k.category === "typo")).toEqual({ category: "typo", a: 0.5, b: 1 });
    expect(c.onlyInA).toEqual([]);
    const text = renderComparison(c, "a.json", "b.json");
    expect(text).toContain("better in B (1)");
    expect(text).toContain("+ k-typo-2#1");
    expect(text).toContain("- k-simple-2#1");
  });
});
