/**
 * attack3 M4 and L2: `levitate eval` reads only regular files of bounded size as data sets and
 * reports (/dev/zero grew memory until killed, a FIFO hung), and its failure list never sends a
 * backend reply's control characters to the terminal.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ReportFileError, readReport } from "../../eval/compare.js";
import { DatasetError, loadDataset } from "../../eval/dataset.js";
import type { Report } from "../../eval/report.js";
import type { TurnResult } from "../../eval/runner.js";
import { renderFailures } from "../../eval/table.js";

describe("attack3 M4: eval's inputs", () => {
  it("a data set that is /dev/zero or a FIFO is refused at once, naming the path", () => {
    const d = mkdtempSync(join(os.tmpdir(), "attack3-eval-"));
    execFileSync("mkfifo", [join(d, "f.jsonl")]);
    for (const p of ["/dev/zero", join(d, "f.jsonl"), d]) {
      const t0 = performance.now();
      expect(() => loadDataset(p)).toThrow(DatasetError);
      expect(() => loadDataset(p)).toThrow(/not a regular file/);
      expect(performance.now() - t0).toBeLessThan(1000);
    }
  });
  it("a report that is /dev/zero is refused at once", () => {
    expect(() => readReport("/dev/zero")).toThrow(ReportFileError);
    expect(() => readReport("/dev/zero")).toThrow(/not a regular file/);
  });
});

describe("attack3 L2: the failure list escapes what a backend replied", () => {
  it("ESC and BEL in a reply are shown as \\x1b and \\x07", () => {
    const evil = "PWNED\u0007\u001b[2J\u001b[31mRED\u009b";
    const turn = {
      key: "x-001#1",
      category: "simple",
      user: `add ripgrep ${evil}`,
      expect: { calls: [{ tool: "installRecipe", args: { name: "ripgrep" } }] },
      got: { reply: `"${evil}" is not something I know` },
      correct: false,
      reason: `expected calls ${evil}`,
    } as unknown as TurnResult;
    const out = renderFailures({ results: [turn] } as unknown as Report, 120);
    // chalk's own colours aside (none here: not a TTY in tests), nothing raw from the reply.
    expect(out).not.toMatch(/\u0007|\u001b\[2J|\u001b\[31m|\u009b/);
    expect(out).toContain("\\x07\\x1b[2J\\x1b[31mRED\\x9b");
  });
});
