import { describe, expect, it } from "vitest";
import { codegenEnabled } from "../../recipe/rhai/codegen.js";
import { debugString, Engine, RhaiError } from "../../recipe/rhai/index.js";
import { corpus, LIMITS, mutate, pick, program, rng } from "./fuzzgen.js";

/**
 * The generated-code tier must behave exactly like the closure tier it replaces: same output, same
 * value, same error (kind, message, line, column) and the same operation count, for the
 * conformance scripts, mutated ones and random programs heavy in control flow. A last check runs
 * the default, lazy tiering (functions switch on their second call, loops on their first run).
 */

interface Outcome {
  out: string[];
  result: string;
  ops: number;
}

function runOn(codegen: boolean, src: string): Outcome {
  codegenEnabled.on = codegen;
  // Generate every body up front, so that the generator sees all the code, not only hot parts.
  codegenEnabled.eager = codegen;
  try {
    const engine = new Engine(LIMITS);
    const out: string[] = [];
    engine.onPrint((t) => out.push(t));
    engine.onDebug((t) => out.push(`debug ${t}`));
    let result: string;
    try {
      result = debugString(engine.run(engine.compile(src, "tier.rhai")));
    } catch (e) {
      if (!(e instanceof RhaiError)) throw new Error(`raw ${String(e)} escaped for script:\n${src}`);
      result = `${e.kind}: ${e.message} @${e.line}:${e.column}`;
    }
    // Closure names count up across compilations.
    const anon = (t: string): string => t.replace(/anon\$\d+/g, "anon$N");
    return { out: out.map(anon), result: anon(result), ops: engine.lastOperations };
  } finally {
    codegenEnabled.on = true;
    codegenEnabled.eager = false;
  }
}

/** Random programs with loops, break/continue values, returns, closures and compound assignment. */
function controlProgram(r: () => number): string {
  const vars = ["x", "y", "s", "a", "m", "n"];
  const atom = (): string =>
    pick(r, [
      "x",
      "y",
      "n",
      "1",
      "2",
      "-3",
      "0",
      '"ab"',
      "[1, 2]",
      "a",
      "s",
      "m.k",
      "a.len()",
      "()",
      "true",
      "1.5",
    ]);
  const expr = (d: number): string => {
    if (d <= 0 || r() < 0.3) return atom();
    const a = expr(d - 1);
    const b = expr(d - 1);
    return pick(r, [
      `(${a} ${pick(r, ["+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||", "??", "..", "&"])} ${b})`,
      `if ${a} { ${b} } else { ${a} }`,
      `{ let t = ${a}; t }`,
      `-${a}`,
      `!${a}`,
      `h(${a}, ${b})`,
      `k(${a})`,
      `${a}?.len()`,
      `a.get(${a})`,
      `m?.k`,
      `c.call()`,
      `loop { break ${a}; }`,
      `[${a}, ${b}][1]`,
      `#{k: ${a}, j: ${b}}.k`,
    ]);
  };
  const stmt = (d: number): string => {
    const v = pick(r, vars);
    const inner = (): string => (d > 0 ? stmt(d - 1) : "x += 1;");
    return pick(r, [
      `let ${v} = ${expr(2)};`,
      `${v} = ${expr(2)};`,
      `${v} ${pick(r, ["+=", "-=", "*=", "??=", "/=", "%="])} ${expr(1)};`,
      `a.push(${expr(1)});`,
      `a[0] = ${expr(1)};`,
      `m.k = ${expr(1)};`,
      `print(${expr(2)});`,
      `fs.push(|| ${v});`,
      `if ${expr(1)} { ${inner()} } else { ${inner()} }`,
      `while n < 4 { n += 1; ${inner()} if ${expr(1)} { continue; } ${inner()} }`,
      `for (e, i) in ${pick(r, ["0..3", "a", '"xyz"', "[1, [2], #{q: 1}]", "m", "5"])} { fs.push(|| e + i); if i > 1 { break; } ${inner()} }`,
      `x = for e in 0..5 { if e == ${pick(r, ["2", "x", "9"])} { break e * 10; } ${inner()} };`,
      `do { n += 1; ${inner()} } until n > 3;`,
      `do { n -= 1; } while n > 0;`,
      `loop { n += 1; if n > 2 { break; } ${inner()} }`,
      `try { ${inner()} } catch (e) { print(e); }`,
      `x = w(${expr(1)});`,
      "throw x;",
    ]);
  };
  const body = [
    "fn h(p, q) { if p == q { return p; } let z = [p, q]; z }",
    "fn k(v) { let i = 0; while true { i += 1; if i > 2 { return v; } } }",
    "fn w(v) { for j in 0..10 { if j == 3 { return j + 1; } } v }",
    'let x = 1; let y = 2; let n = 0; let s = "s"; let a = [1]; let m = #{k: 2}; let fs = [];',
    "let c = || x + y;",
  ];
  const count = 2 + Math.floor(r() * 8);
  for (let i = 0; i < count; i++) body.push(stmt(2));
  body.push("for f in fs { print(f.call()); }");
  body.push(pick(r, ["x", "a", "m", "s", "n", "fs.len()", "[x, y, n]"]));
  return body.join("\n");
}

describe("rhai tiers", () => {
  it("gives the same results with and without generated code", () => {
    const r = rng(77001);
    const scripts: string[] = [...corpus];
    for (let i = 0; i < 600; i++) {
      const which = i % 3;
      scripts.push(which === 0 ? controlProgram(r) : which === 1 ? program(r) : mutate(r, pick(r, corpus)));
    }
    const before = { ...codegenEnabled };
    let okRuns = 0;
    for (const src of scripts) {
      const gen = runOn(true, src);
      const closures = runOn(false, src);
      expect(gen, src).toEqual(closures);
      if (!gen.result.includes(": ")) okRuns++;
    }
    // Enough scripts must run to completion for the comparison to mean something, and every
    // function body that parsed must have been generated, not left to the closure tier.
    expect(okRuns).toBeGreaterThan(200);
    expect(codegenEnabled.failed - before.failed).toBe(0);
    expect(codegenEnabled.generated - before.generated).toBeGreaterThan(1500);
  });

  it("switches hot functions and loops to generated code in the middle of a run", () => {
    const src =
      "fn f(n) { let s = 0; for i in 0..n { s += i; } s }\n" +
      "let fs = [];\nlet t = 0;\n" +
      "for k in 0..4 { t += f(k); fs.push(|| k); }\n" +
      "let c = 0; while c < 3 { c += 1; if c == 2 { continue; } t += c; }\n" +
      "print(fs.map(|g| g.call()));\nt";
    const before = codegenEnabled.generated;
    const engine = new Engine();
    const out: string[] = [];
    engine.onPrint((t) => out.push(t));
    expect(engine.eval(src)).toBe(8);
    expect(out).toEqual(["[3, 3, 3, 3]"]);
    // The body of f (hot from its second call) and the loops that ran.
    expect(codegenEnabled.generated - before).toBeGreaterThanOrEqual(3);
    codegenEnabled.on = false;
    try {
      expect(new Engine().eval(src)).toBe(8);
    } finally {
      codegenEnabled.on = true;
    }
  });
});
