import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Engine, RhaiError } from "../../recipe/rhai/index.js";

/**
 * Conformance suite: each `cases/*.rhai` script cites the Rhai book page it was written from and
 * ends with `/* expect … *\/` (exact stdout) and/or `/* error: TEXT *\/` (the run must fail with a
 * RhaiError whose message contains TEXT).
 */
const dir = join(import.meta.dirname, "cases");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".rhai"))
  .sort();

interface Case {
  source: string;
  expect: string | null;
  error: string | null;
}

function parseCase(text: string): Case {
  const exp = /\/\* expect\n([\s\S]*?)\n?\*\/\s*/.exec(text);
  const errm = /\/\* error: ([\s\S]*?) ?\*\/\s*/.exec(text);
  return { source: text, expect: exp ? (exp[1] ?? "") : null, error: errm ? (errm[1] ?? "") : null };
}

describe("rhai conformance", () => {
  it("has at least 150 cases, each citing the book", () => {
    expect(files.length).toBeGreaterThanOrEqual(150);
    for (const f of files) expect(readFileSync(join(dir, f), "utf8")).toMatch(/^\/\/ book: \S+\.md/);
  });

  for (const file of files) {
    it(file, () => {
      const c = parseCase(readFileSync(join(dir, file), "utf8"));
      expect(c.expect !== null || c.error !== null, "case declares an expectation").toBe(true);
      const engine = new Engine();
      const out: string[] = [];
      engine.onPrint((t) => out.push(t));
      engine.onDebug((t) => out.push(t));
      let failure: unknown = null;
      try {
        engine.run(engine.compile(c.source, file));
      } catch (e) {
        failure = e;
      }
      if (c.error !== null) {
        expect(failure, "the script must fail").toBeInstanceOf(RhaiError);
        const re = failure as RhaiError;
        expect(re.message).toContain(c.error);
        expect(re.line).toBeGreaterThan(0);
        expect(re.format()).toContain(`${file}:${re.line}:${re.column}`);
      } else if (failure) {
        throw failure;
      }
      if (c.expect !== null) expect(out.join("\n")).toBe(c.expect);
    });
  }
});
