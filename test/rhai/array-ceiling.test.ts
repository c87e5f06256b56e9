/**
 * Attacker 25 M1: rhai-run has no limits unless asked, and an array grown past what V8 holds
 * (`a.pad(3000000000, 1)`, a huge split or chars()) ended the process with a V8 fatal error and
 * a native stack trace (exit 133/134). Each is now the ordinary limit error with its position,
 * exit 1. Run as a child process: without the fix the crash would take the test runner with it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Engine, RhaiError } from "../../recipe/rhai/index.js";
import { ENGINE_MAX_ARRAY_LENGTH } from "../../recipe/rhai/runtime.js";
import { scriptEngine } from "../../recipe/rhai/script-runner.js";

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "rhai-ceiling-"));
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
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("rhai-run without limits: arrays past what V8 holds are a clean error", () => {
  it.each([
    ["pad past 2^32", "let a = []; a.pad(3000000000, 1);", "1:15"],
    ["pad past V8's array maximum", "let b = []; b.pad(150000000, 1);", "1:15"],
    ["a split into 3e8 pieces", 'let x = ",".repeat(300000000).split(",");', "1:31"],
    ["chars() of 5e8 characters", 'let x = "x".repeat(500000000).chars();', "1:31"],
  ])("%s", (_name, src, at) => {
    const r = rhaiRun(src);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Array size exceeds the limit of ${ENGINE_MAX_ARRAY_LENGTH} elements`);
    expect(r.out).toContain(`:${at}`);
    expect(r.out).not.toMatch(/Fatal|v8::internal|heap out of memory/);
  });
});

describe("the ceiling in process", () => {
  const evalIn = (engine: Engine, src: string): unknown => {
    engine.onPrint(() => {});
    try {
      return engine.eval(src);
    } catch (e) {
      if (!(e instanceof RhaiError)) throw e;
      return e;
    }
  };

  it("clamps even a limit asked for above it", () => {
    expect(scriptEngine({ maxArrayLength: 1e12 }).limits.maxArrayLength).toBe(ENGINE_MAX_ARRAY_LENGTH);
    expect(new Engine({ maxArrayLength: 100 }).limits.maxArrayLength).toBe(100);
  });

  it("leaves arrays below it alone: a big split, lines and whitespace split still work", () => {
    const e = scriptEngine();
    expect(evalIn(e, 'let x = ",".repeat(1000000).split(","); x.len()')).toBe(1_000_001);
    expect(evalIn(e, 'let x = "a\\n".repeat(1000).lines(); x.len()')).toBe(1001);
    expect(evalIn(e, 'let x = "a b ".repeat(1000).split(); x.len()')).toBe(2000);
    expect(evalIn(e, "let a = []; a.pad(1000, 0); a.len()")).toBe(1000);
  });

  it("whitespace split, lines and split_rev are checked before they build the array", () => {
    for (const src of [
      'let x = "a ".repeat(20000000).split();',
      'let x = "a\\n".repeat(20000000).lines();',
      'let x = ",".repeat(20000000).split_rev(",");',
    ]) {
      const r = evalIn(scriptEngine(), src);
      expect(r).toBeInstanceOf(RhaiError);
      expect((r as RhaiError).message).toContain("Array size exceeds the limit");
    }
  });

  it("a string doubled past JavaScript's maximum is a limit error, not an 'Internal error'", () => {
    const r = evalIn(scriptEngine(), 'let s = "ab"; for i in 0..40 { s += s; }');
    expect(r).toBeInstanceOf(RhaiError);
    expect((r as RhaiError).message).toContain("String too long");
    expect((r as RhaiError).message).not.toContain("Internal error");
  });
});
