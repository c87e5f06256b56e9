/**
 * Data-size limits over whole values (Rhai's max_string_size / max_array_size / max_map_size count
 * everything nested inside a value): a script must not reach the heap's end by nesting, while each
 * container on its own stays small, or by printing data far larger than a string may be.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../recipe/loader.js";
import { Engine, RhaiError } from "../../recipe/rhai/index.js";

function run(src: string, limits = DEFAULT_LIMITS): { error: RhaiError | null; ops: number } {
  const engine = new Engine({ ...limits });
  engine.onPrint(() => {});
  try {
    engine.eval(src);
    return { error: null, ops: engine.lastOperations };
  } catch (e) {
    if (!(e instanceof RhaiError)) throw e;
    return { error: e, ops: engine.lastOperations };
  }
}

const BIG = 'let s = "x".repeat(1048576);';

describe("data-size limits count what is nested", () => {
  const cases: [string, string, RegExp][] = [
    ["nested array doubling", "let a = [1]; loop { a = [a, a]; }", /Array size exceeds the limit of 100000/],
    [
      "nested map doubling",
      "let m = #{a: 1}; loop { m = #{a: m, b: m}; }",
      /Object map size exceeds the limit of 10000/,
    ],
    ["push of an array into itself", "let a = [1, 2]; loop { a.push(a); }", /Array size exceeds/],
    [
      "index store of a copy",
      "let a = [[1], [2]]; loop { let b = a; a[0] = b; a[1] = b; }",
      /Array size exceeds/,
    ],
    [
      "map property of a copy",
      "let m = #{x: 1, y: 2}; loop { let n = m; m.x = n; m.y = n; }",
      /Object map size exceeds/,
    ],
    ["strings inside an array", `${BIG} let a = []; a.pad(2000, s);`, /String length exceeds/],
    ["strings gathered by +=", `${BIG} let a = []; loop { a += s; }`, /String length exceeds/],
    ["strings in a nested literal", `${BIG} let a = [s]; loop { a = [a, a]; }`, /String length exceeds/],
    ["map mixin of strings", `${BIG} let m = #{a: s}; let n = #{b: s}; m.mixin(n);`, /String length exceeds/],
    [
      "map fill_with",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Rhai source, not a JS template
      "let m = #{}; for i in 0..9000 { m[`k${i}`] = i; } let n = #{}; for i in 0..9000 { n[`j${i}`] = i; } m.fill_with(n);",
      /Object map size exceeds/,
    ],
  ];
  for (const [name, src, msg] of cases)
    it(`stops ${name} at the data limit, long before the operations limit`, () => {
      const { error, ops } = run(src);
      expect(error?.kind).toBe("limit");
      expect(error?.message).toMatch(msg);
      expect(ops).toBeLessThan(1_000_000);
    });

  it("refuses to print, interpolate or serialise data into text longer than a string may be", () => {
    // The array may exist (its strings hold 1 Mi characters), its text may not.
    const limits = { ...DEFAULT_LIMITS, maxStringLength: 1048576 + 10 };
    for (const use of [
      "print(b);",
      "debug(b);",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Rhai source, not a JS template
      "`${b}`;",
      "b.to_json();",
      "b.to_string();",
      "b.to_debug();",
      '"" + b;',
    ])
      expect(run(`${BIG} let b = [s, 1, 2, 3, 4, 5, 6]; ${use}`, limits).error?.message, use).toMatch(
        /String length exceeds/,
      );
  });

  it("lets ordinary nested data through", () => {
    const { error } = run(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Rhai source, not a JS template
      "let pkgs = []; for i in 0..1000 { pkgs.push(#{ name: `p${i}`, deps: [`d${i}`, `e${i}`], files: #{ bin: `/usr/bin/p${i}` } }); } let t = `${pkgs}`; t.len()",
    );
    expect(error).toBeNull();
  });

  it("applies no data-size limits when they are infinite (rhai-run)", () => {
    const inf = Number.POSITIVE_INFINITY;
    const { error } = run("let a = [1]; for i in 0..18 { a = [a, a]; } a.len()", {
      ...DEFAULT_LIMITS,
      maxOperations: inf,
      maxArrayLength: inf,
      maxMapSize: inf,
      maxStringLength: inf,
    });
    expect(error).toBeNull();
  });
});
