import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listRecipes } from "../../recipe/api.js";
import { loadRecipeSource, RecipeError } from "../../recipe/loader.js";

// Attacker 8, M1: the operations limit alone let loading one recipe take hours (natives that scan
// a big array, quadratic curry, huge but legal files). Each shape now ends in seconds, reported.
const head = (n: string) =>
  `let pkg = #{ name: "${n}", version: "1.0", description: "d" };\n` +
  "let installed = false;\nlet installed_version = ();\nlet installed_files = [];\nlet installed_at = ();\n" +
  "fn install() { }\n";

const shapes: Record<string, [source: string, said: RegExp]> = {
  contains: [
    "let a = []; a.pad(99999, 1);\nlet n = 0;\nfor i in 0..3000000 { if a.contains(-1) { n += 1; } }\n",
    /Too many operations/,
  ],
  curry: ['let f = Fn("max"); for i in 0..100000 { f = f.curry(i); }\n', /Too many operations/],
  fns: [
    Array.from({ length: 100_000 }, (_, i) => `fn f${i}() { ${i} }`).join("\n"),
    /Too many functions: the limit is 200/,
  ],
  stmts: [`let x = 0;\n${"x += 1;\n".repeat(500_000)}`, /Too many statements: the limit is 20000/],
};

function loadError(name: string, source: string, limits = {}): { error: unknown; ms: number } {
  const t0 = performance.now();
  try {
    loadRecipeSource(source, `/tmp/r/${name}.rhai`, { arch: "x86_64", limits });
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
  return { error: undefined, ms: performance.now() - t0 };
}

describe("attacker 8 M1: loading a recipe is bounded in time", () => {
  for (const [name, [body, said]] of Object.entries(shapes))
    it(`${name}: ends within seconds with the limit named`, () => {
      const { error, ms } = loadError(name, head(name) + body);
      expect(error).toBeInstanceOf(RecipeError);
      expect((error as Error).message).toMatch(said);
      expect((error as Error).message).toContain(name);
      expect(ms).toBeLessThan(15_000);
    });

  it("a loop under the operations limit still ends at the time limit, naming the file and the fix", () => {
    const { error, ms } = loadError("slow", `${head("slow")}let n = 0; loop { n += 1; }\n`, {
      maxOperations: 1e12,
      maxMillis: 300,
    });
    expect((error as Error).message).toMatch(
      /slow: loading the recipe failed: \/tmp\/r\/slow\.rhai ran longer than 0\.3 s of script time.*fix or remove the recipe/,
    );
    expect(ms).toBeLessThan(3_000);
  });

  it("the time limit counts again for each function call", () => {
    const src = `${head("callslow").replace("fn install() { }", "fn install() { let n = 0; loop { n += 1; } }")}`;
    const r = loadRecipeSource(src, "/tmp/r/callslow.rhai", {
      arch: "x86_64",
      limits: { maxOperations: 1e12, maxMillis: 300 },
    });
    expect(() => r.call("install", null)).toThrow(/callslow: install\(\) failed: .*ran longer than 0\.3 s/);
  });

  it("recipe list reports the slow recipe once and lists the others", () => {
    const dir = mkdtempSync(join(tmpdir(), "attack8-m1-"));
    const recipes = join(dir, "recipes");
    mkdirSync(recipes);
    writeFileSync(join(recipes, "curry.rhai"), head("curry") + (shapes.curry?.[0] ?? ""));
    writeFileSync(join(recipes, "good.rhai"), head("good"));
    const problems: string[] = [];
    const found = listRecipes([recipes], join(dir, "root"), { onProblem: (p) => problems.push(p.message) });
    expect(found.map((r) => r.name)).toEqual(["good"]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^curry: .*Too many operations/);
  });
});
