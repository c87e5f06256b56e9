import { describe, expect, it } from "vitest";
import { codegenEnabled } from "../../recipe/rhai/codegen.js";
import { Engine, RhaiError } from "../../recipe/rhai/index.js";
import { corpus, LIMITS, mutate, pick, program, rng, soup } from "./fuzzgen.js";

/**
 * Fuzzing: random token soup, mutated conformance scripts and random well-formed programs.
 * Every run must end with a value or a RhaiError (never a raw JS error, never a hang), and never
 * take more operations than the limit allows.
 */

function check(engine: Engine, src: string): "ok" | RhaiError {
  let result: "ok" | RhaiError = "ok";
  try {
    engine.run(engine.compile(src, "fuzz.rhai"));
  } catch (e) {
    if (!(e instanceof RhaiError)) throw new Error(`raw ${String(e)} escaped for script:\n${src}`);
    // Every error carries a position and formats without throwing.
    expect(e.format()).toContain("error:");
    result = e;
  }
  // A single copy may overshoot by at most the largest container.
  expect(engine.lastOperations, src).toBeLessThanOrEqual(LIMITS.maxOperations + 4 * LIMITS.maxArrayLength);
  return result;
}

describe("rhai fuzz", () => {
  it("survives random token soup, mutated scripts and random programs", () => {
    const r = rng(20240611);
    const engine = new Engine(LIMITS);
    engine.onPrint(() => {});
    engine.onDebug(() => {});
    const kinds = { ok: 0, parse: 0, runtime: 0, limit: 0, throw: 0 };
    const started = Date.now();
    for (let i = 0; i < 3000; i++) {
      const which = i % 3;
      const src = which === 0 ? soup(r) : which === 1 ? mutate(r, pick(r, corpus)) : program(r);
      const t0 = Date.now();
      // Every other script runs all of its code as generated code from the start.
      codegenEnabled.eager = i % 2 === 0;
      let res: "ok" | RhaiError;
      try {
        res = check(engine, src);
      } finally {
        codegenEnabled.eager = false;
      }
      expect(Date.now() - t0, `slow script:\n${src}`).toBeLessThan(2_000);
      kinds[res === "ok" ? "ok" : res.kind]++;
    }
    // The generators must reach every outcome, or the fuzzer is not exploring.
    expect(kinds.ok).toBeGreaterThan(100);
    expect(kinds.parse).toBeGreaterThan(100);
    expect(kinds.runtime).toBeGreaterThan(100);
    expect(kinds.limit).toBeGreaterThan(5);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("stops pathological programs at the limits", () => {
    const engine = new Engine(LIMITS);
    engine.onPrint(() => {});
    const nasty = [
      "loop { }",
      "while true { let a = [1, 2, 3]; }",
      "fn f() { f() } f()",
      'let s = "x"; loop { s += s; }',
      "let a = [1]; loop { a += a; }",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Rhai source, not a JS template
      "let m = #{}; let i = 0; loop { m[`${i}`] = i; i += 1; }",
      "let a = []; a.pad(100000, 1);",
      `${"(".repeat(5000)}1${")".repeat(5000)}`,
      `${"[".repeat(5000)}${"]".repeat(5000)}`,
      `let x = ${"-".repeat(5000)}1;`,
      "let f = || f.call(); f.call();",
      "let m = #{}; loop { m[`k`] = m.to_string(); }",
      'let s = "ab"; loop { s = s.to_debug(); }',
    ];
    for (const src of nasty) {
      const res = check(engine, src);
      expect(res, src).toBeInstanceOf(RhaiError);
    }
  });
});
