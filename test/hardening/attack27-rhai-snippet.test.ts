import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { displayWidth, RhaiError, snippet } from "../../recipe/rhai/errors.js";
import { scriptEngine } from "../../recipe/rhai/script-runner.js";
import { safeText } from "../../steps/terminalText.js";

/**
 * Attacker 27 L4 (rhai-run): an error on a 1 MB line printed 2 MB of stderr (the whole line and a
 * caret line as long); and the caret must stay under the character the column names whatever
 * comes before it on screen: escapes made visible (\x1b: four cells for one character), wide
 * characters (CJK: two cells), combining marks (none).
 */

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "attack27-rhai-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function report(src: string): string[] {
  try {
    const e = scriptEngine({});
    e.run(e.compile(src, "x.rhai"));
  } catch (err) {
    if (err instanceof RhaiError) return err.format(safeText).split("\n");
    throw err;
  }
  throw new Error("no error");
}

/** The character drawn above the caret, counting terminal cells as the caret line does. */
function underCaret(lines: string[]): string | undefined {
  const src = lines.find((l) => /^\d+ \| /.test(l)) ?? "";
  const caret = lines.find((l) => l.trimEnd().endsWith("^")) ?? "";
  const target = caret.indexOf("^");
  let cells = 0;
  for (const ch of src) {
    if (cells === target) return ch;
    cells += displayWidth(ch);
  }
  return undefined;
}

describe("the caret stays under the reported column", () => {
  it.each([
    ["ESC, OSC and BEL in a string before it", 'let x = "\u001b[2J\u001b]0;pwn\u0007"; x.foo();'],
    ["CJK before it", 'let x = "日本語"; x.foo();'],
    ["emoji before it", 'let x = "😀😀"; x.foo();'],
    ["combining accents before it", 'let x = "e\u0301e\u0301"; x.foo();'],
    ["a tab and a CR before it", 'let x = "\t\r"; x.foo();'],
  ])("%s", (_name, src) => {
    const lines = report(`${src}\n`);
    expect(lines.some((l) => l.includes("1:"))).toBe(true);
    expect(underCaret(lines)).toBe("f");
  });

  it("near miss: a plain line's report is unchanged", () => {
    const lines = report("let a = 1;\nlet c = zz;\n");
    expect(lines).toContain("2 | let c = zz;");
    expect(lines).toContain("  |         ^");
  });
});

describe("a long line is shown around the column, not whole", () => {
  it("snippet(): at most 60 characters each side, cut ends marked", () => {
    const line = `${"a".repeat(1000)}XYZ${"b".repeat(1000)}`;
    const s = snippet(line, 1001, (t) => t);
    expect(s.text).toBe(`…${"a".repeat(60)}XYZ${"b".repeat(57)}…`);
    expect(s.text[s.caret]).toBe("X");
    // near the start and end: no mark on the side that was not cut
    expect(snippet("abc zz", 5, (t) => t)).toEqual({ text: "abc zz", caret: 4 });
    const end = snippet(`${"a".repeat(200)}zz`, 201, (t) => t);
    expect(end.text).toBe(`…${"a".repeat(60)}zz`);
  });

  it("never cuts a surrogate pair", () => {
    const line = `${"😀".repeat(100)}zz`;
    const s = snippet(line, 201, (t) => t);
    expect(s.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it("rhai-run on a 1 MB line prints a few hundred bytes, the caret under the call", () => {
    const f = join(dir, "long.rhai");
    writeFileSync(f, `let a = 1;${" ".repeat(1_000_000)}a.nothing();\n`);
    const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "cli/rhai-run.ts"), f], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 120_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.length).toBeLessThan(1_000);
    expect(r.stderr).toContain("Function not found: nothing");
    expect(underCaret(r.stderr.split("\n"))).toBe("n");
  });
});
