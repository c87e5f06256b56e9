import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Script generators shared by the fuzz test and the tier-equivalence test. */

export { rng } from "../helpers/prng.js";

export const LIMITS = {
  maxOperations: 20_000,
  maxCallDepth: 24,
  maxStringLength: 4_096,
  maxArrayLength: 512,
  maxMapSize: 256,
  maxExprDepth: 48,
};

const TOKENS = (
  "let const fn if else switch while loop for in do until break continue return throw try catch this " +
  "x y z a b f g s m i _ print type_of len push pop map filter reduce keys values Fn call curry sort " +
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Rhai source, not a JS template
  '0 1 2 -1 9007199254740991 1.5 0.0 1e300 "s" "" \'c\' `t${x}` true false () [ ] { } #{ } ( ) ' +
  ", ; : :: => . ?. ?[ .. ..= + - * / % ** << >> & | ^ ! == != < <= > >= && || ?? = += -= *= /= |x| || $ @ ~ \\ #"
).split(" ");

const casesDir = join(import.meta.dirname, "cases");
export const corpus = readdirSync(casesDir)
  .filter((f) => f.endsWith(".rhai"))
  .sort()
  .map((f) => readFileSync(join(casesDir, f), "utf8").replace(/\/\* (expect|error)[\s\S]*$/, ""));

export function pick<T>(r: () => number, xs: T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

export function soup(r: () => number): string {
  const n = 1 + Math.floor(r() * 40);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pick(r, TOKENS));
  return out.join(r() < 0.5 ? " " : "");
}

export function mutate(r: () => number, src: string): string {
  let s = src;
  const edits = 1 + Math.floor(r() * 4);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(r() * (s.length + 1));
    const op = r();
    if (op < 0.3) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 6));
    else if (op < 0.6) s = s.slice(0, at) + pick(r, TOKENS) + s.slice(at);
    else if (op < 0.8) {
      const len = Math.floor(r() * 30);
      s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    } else {
      const b = Math.floor(r() * s.length);
      s = s.slice(0, at) + (s[b] ?? "") + s.slice(at + 1);
    }
  }
  return s;
}

/** Random well-formed programs: these get past the parser and stress the evaluator. */
export function program(r: () => number): string {
  const vars = ["x", "y", "s", "a", "m"];
  const expr = (d: number): string => {
    if (d <= 0 || r() < 0.3)
      return pick(r, [
        "x",
        "y",
        "1",
        "2",
        "-3",
        "1.5",
        '"ab"',
        "'c'",
        "[1, 2]",
        "#{k: 1}",
        "()",
        "true",
        "a",
        "s",
        "m",
        "a.len()",
        "m.k",
      ]);
    const a = expr(d - 1);
    const b = expr(d - 1);
    return pick(r, [
      `(${a} ${pick(r, ["+", "-", "*", "/", "%", "**", "==", "<", "&&", "??", "in", "..", "<<", "|"])} ${b})`,
      `${a}.to_string()`,
      `[${a}, ${b}]`,
      `#{p: ${a}}`,
      `if ${a} { ${b} } else { ${a} }`,
      `switch ${a} { 1 => ${b}, _ => ${a} }`,
      `f(${a})`,
      `g.call(${a})`,
      `${a}[${b}]`,
      `\`v=\${${a}}\``,
      `type_of(${a})`,
    ]);
  };
  const stmt = (d: number): string => {
    const v = pick(r, vars);
    return pick(r, [
      `let ${v} = ${expr(2)};`,
      `${v} = ${expr(2)};`,
      `${v} += ${expr(1)};`,
      `a.push(${expr(1)});`,
      `m[${expr(1)}] = ${expr(1)};`,
      `print(${expr(2)});`,
      d > 0 ? `while ${expr(1)} { ${stmt(d - 1)} }` : "x += 1;",
      d > 0 ? `for i in ${expr(1)} { ${stmt(d - 1)} ${stmt(d - 1)} }` : "y -= 1;",
      d > 0 ? `loop { ${stmt(d - 1)} if x > 3 { break; } }` : "s += x;",
      d > 0 ? `try { ${stmt(d - 1)} } catch (e) { ${stmt(d - 1)} }` : "throw x;",
      `s = s + s;`,
      `a = a + a;`,
    ]);
  };
  const body: string[] = [
    'fn f(n) { if type_of(n) == "i64" && n > 0 { f(n - 1) + 1 } else { n } }',
    'let x = 1; let y = 2; let s = "s"; let a = [1]; let m = #{k: 2}; let g = |v| [v, x];',
  ];
  const n = 2 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) body.push(stmt(2));
  return body.join("\n");
}
