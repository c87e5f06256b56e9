import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ReportFileError, readReport } from "../../eval/compare.js";
import { REPORT_VERSION } from "../../eval/report.js";

const dir = mkdtempSync(join(tmpdir(), "attack6-compare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Attack 6 L7: `eval --compare A B` printed a report's backend and turn keys raw, so an ESC or BEL
 * edited into a report.json reached the terminal. A report whose names hold a control character
 * is now refused when it is read, naming the field, without echoing the characters.
 */
describe("eval --compare refuses a report whose printed names hold control characters (attack 6 L7)", () => {
  const report = (backend: string, key: string, category = "simple") => {
    const f = join(dir, `r-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(
      f,
      JSON.stringify({
        version: REPORT_VERSION,
        backend,
        turns: 1,
        turnAccuracy: 1,
        dialogueAccuracy: 1,
        byCategory: { [category]: { turns: 1, accuracy: 1 } },
        results: [{ key, category, user: "add jq", correct: true }],
      }),
    );
    return f;
  };
  const evil = "\u001b]2;PWNED\u0007\u001b[2J";

  it.each([
    ["backend", () => report(`rules${evil}`, "x-1#1"), /backend/],
    ["turn key", () => report("rules", `x-1#1${evil}`), /results/],
    ["category", () => report("rules", "x-1#1", `simple${evil}`), /categor/],
  ])("%s", (_what, make, field) => {
    let err: unknown;
    try {
      readReport(make());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReportFileError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/control character/);
    expect(msg).toMatch(field);
    expect(msg).not.toContain("\u001b");
    expect(msg).not.toContain("\u0007");
  });

  it("an ordinary report still reads", () => {
    expect(readReport(report("llama:qwen2.5-3b", "h10-003#2")).backend).toBe("llama:qwen2.5-3b");
  });
});
