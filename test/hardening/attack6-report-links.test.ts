import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "attack6-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Attack 6 M3: `levitate eval --report DIR` wrote report.json and report.html with a plain write,
 * following links already in DIR: in a shared report directory another user's link aimed the
 * write at a file of their choice. Each file is now written beside and renamed into place.
 */
describe("eval --report never writes through a link in the report directory (attack 6 M3)", () => {
  it("links at report.html and report.json are replaced by the reports; their targets are untouched or never made", () => {
    const data = join(dir, "x.jsonl");
    writeFileSync(
      data,
      `${JSON.stringify({
        id: "r-1",
        category: "simple",
        facts: { mode: "live", disks: [], recipes: ["ripgrep"] },
        turns: [
          { user: "add ripgrep", expect: { calls: [{ tool: "installRecipe", args: { name: "ripgrep" } }] } },
        ],
      })}\n`,
    );
    const out = join(dir, "shared");
    mkdirSync(out);
    const victim = join(dir, "victim");
    const victim2 = join(dir, "victim2");
    writeFileSync(victim, "ORIG\n");
    symlinkSync(victim, join(out, "report.html"));
    symlinkSync(victim2, join(out, "report.json"));

    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(ROOT, "cli/levitate.ts"),
        "eval",
        "-d",
        data,
        "--backend",
        "rules",
        "--report",
        out,
      ],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("ORIG\n");
    expect(existsSync(victim2)).toBe(false);
    for (const f of ["report.html", "report.json"]) expect(lstatSync(join(out, f)).isFile(), f).toBe(true);
    expect(JSON.parse(readFileSync(join(out, "report.json"), "utf8")).turns).toBe(1);
    expect(readFileSync(join(out, "report.html"), "utf8")).toMatch(/^<!doctype html>/);
  }, 60_000);
});
