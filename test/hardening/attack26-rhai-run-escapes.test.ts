import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RhaiError } from "../../recipe/rhai/index.js";
import { scriptEngine } from "../../recipe/rhai/script-runner.js";
import { safeText } from "../../steps/terminalText.js";

/**
 * Attacker 25 L3 / attacker 24 F8 (third point): rhai-run printed a script's raw ESC and CR in its
 * error snippets and thrown messages (a comment holding ESC[2J cleared the screen). They are
 * shown as \x1b, \r now, like recipe shows them, and the caret still points at the column.
 */

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "attack26-rhai-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rhaiRun(src: string) {
  const f = join(dir, `s${Math.random().toString(36).slice(2)}.rhai`);
  writeFileSync(f, src);
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "cli/rhai-run.ts"), f], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { code: r.status, err: r.stderr };
}

function report(src: string): string {
  try {
    const e = scriptEngine({});
    e.run(e.compile(src, "x.rhai"));
  } catch (err) {
    if (err instanceof RhaiError) return err.format(safeText);
    throw err;
  }
  throw new Error("no error");
}

describe("rhai-run's error report shows control characters escaped", () => {
  it("the attacker's script: ESC in a comment of the failing line", () => {
    const r = rhaiRun("let a = 1;\nlet c = zz; // \u001b[2J here\n");
    expect(r.code).toBe(1);
    expect(r.err).not.toContain("\u001b");
    expect(r.err).toContain("2 | let c = zz; // \\x1b[2J here");
  });

  it("a thrown string's escapes, and CR, BEL, OSC", () => {
    const r = rhaiRun('throw "\\x1b]0;PWNED\\x07\\x1b[31mred\\r";');
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(r.err).toContain("\\x1b]0;PWNED\\x07");
  });

  it("the caret stays under the column when escapes come before it", () => {
    const lines = report('let x = "\u001b[2J"; let y = zz;\n').split("\n");
    const src = lines.find((l) => l.startsWith("1 | "));
    const caret = lines.find((l) => l.trimEnd().endsWith("^"));
    expect(src).toBeDefined();
    expect(src?.[caret?.indexOf("^") ?? -1]).toBe("z");
  });

  it("near miss: plain scripts' reports are unchanged, and print output is the script's own", () => {
    const lines = report("let a = 1;\nlet c = zz;\n").split("\n");
    expect(lines).toContain("2 | let c = zz;");
    expect(lines).toContain("  |         ^");
  });
});
