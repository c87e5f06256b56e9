import { describe, expect, it } from "vitest";
import { InstalledStateError, readInstalledStateSource } from "../../recipe/installedState.js";
import { loadRecipeSource, RecipeError } from "../../recipe/loader.js";

// Built-ins that do work in proportion to what they are given (a map's keys, a string's
// characters, a sort) were charged one operation a call: a recipe whose state read should stop at
// the operations limit ran to the 5 s clock, and far longer under load (a keys() loop: 59 s). Each
// shape here must now be stopped by the work count, long before any clock.
const head = (n: string) =>
  `let pkg = #{ name: "${n}", version: "1.0", description: "d" };\n` +
  "let installed = false;\nlet installed_version = ();\nlet installed_files = [];\nlet installed_at = ();\n" +
  "fn install() { }\n";

const bigMap = 'let m = #{}; for i in 0..9000 { m["k" + i] = i; }\n';

const shapes: Record<string, string> = {
  "keys() of a big map": `${bigMap}let n = 0; loop { n += m.keys().len(); }`,
  "values() of a big map": `${bigMap}let n = 0; loop { n += m.values().len(); }`,
  "mixin of a big map": `${bigMap}let o = #{}; loop { o.mixin(m); }`,
  "to_json of a big map": `${bigMap}loop { let s = m.to_json(); }`,
  "== of big maps": `${bigMap}let m2 = m; let n = 0; loop { if m == m2 { n += 1; } }`,
  "== of nested arrays":
    "let r = []; r.pad(300, 0); let a = []; a.pad(300, r); let b = a; let n = 0; loop { if a == b { n += 1; } }",
  "quadratic string building": 'let s = ""; loop { s += "x"; if s.len() > 1000000 { s = ""; } }',
  "string pad to the limit": 'loop { let t = ""; t.pad(1000000, "x"); }',
  "string repeat": 'let n = 0; loop { let t = "ab".repeat(500000); n += t.len(); }',
  "replace over a long string": 'let s = "ab".repeat(400000); loop { let t = s; t.replace("a", "c"); }',
  "indexing a long non-ASCII string":
    'let s = "é".repeat(500000); let n = 0; loop { let c = s[1000]; n += 1; }',
  "pop of a long non-ASCII string": 'let s = "é".repeat(500000); loop { let t = s; t.pop(); }',
  "sort of a huge array":
    "let a = []; for i in 0..100000 { a.push((i * 7919) % 100003); } loop { let b = a; b.sort(); }",
  "join of a huge array": 'let a = []; a.pad(100000, "ab"); loop { let s = a.join(","); }',
  "array concatenation": "let a = []; a.pad(50000, 1); loop { let c = a + a; }",
  "storing into a big array": 'let a = []; a.pad(100000, 0); let s = "x".repeat(64); loop { a[5] = s; }',
};

/** Loads the recipe with the clock out of reach (10 min), so that only the work count can stop it. */
function loadError(name: string, body: string): { error: unknown; ms: number } {
  const t0 = performance.now();
  try {
    loadRecipeSource(head(name) + body, `/tmp/r/${name}.rhai`, {
      arch: "x86_64",
      limits: { maxOperations: 1_000_000, maxMillis: 600_000 },
    });
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
  return { error: undefined, ms: performance.now() - t0 };
}

function stateReadError(name: string, body: string): { error: unknown; ms: number } {
  const t0 = performance.now();
  try {
    readInstalledStateSource(head(name) + body, `/tmp/r/${name}.rhai`);
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
  return { error: undefined, ms: performance.now() - t0 };
}

describe("the Rhai engine charges built-ins by the work they do", () => {
  for (const [what, body] of Object.entries(shapes))
    it(`${what}: ends at the operations limit`, () => {
      const { error, ms } = loadError("hostile", body);
      expect(error).toBeInstanceOf(RecipeError);
      expect((error as Error).message).toMatch(
        /hostile: loading the recipe failed: .*Too many operations: the script exceeded the limit of 1000000/,
      );
      // Only a generous bound: the count above is what the test is about.
      expect(ms).toBeLessThan(60_000);
    });

  it("the facts probe's state read of the keys() loop ends at its operations limit, not its 5 s clock", () => {
    const { error, ms } = stateReadError("keys", shapes["keys() of a big map"] ?? "");
    expect(error).toBeInstanceOf(InstalledStateError);
    expect((error as Error).message).toMatch(/Too many operations: the script exceeded the limit of 1000000/);
    expect((error as Error).message).not.toMatch(/Time limit/);
    expect(ms).toBeLessThan(20_000);
  });

  it("range() with a step refuses an over-long array before building it", () => {
    const { error, ms } = loadError("range", "let r = range(0, 100000000, 1);");
    expect((error as Error).message).toMatch(/Array size exceeds the limit of 100000 elements/);
    expect(ms).toBeLessThan(20_000);
  });

  it("the same built-ins on recipe-sized values stay well within the limit", () => {
    const ok =
      'let m = #{}; for i in 0..200 { m["k" + i] = i; }\nlet n = 0;\n' +
      'for i in 0..200 { n += m.keys().len(); let s = "pkg-" + i; s.replace("-", "_"); if s.len() > 3 { n += 1; } }\n' +
      'let a = m.values(); a.sort(); let j = a.join(",");\n';
    expect(() => readInstalledStateSource(head("ok") + ok, "/tmp/r/ok.rhai")).not.toThrow();
  });
});
