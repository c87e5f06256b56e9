import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { turnGrammar, turnSchema } from "../../grammars/gbnf/decision.js";
import { EXAMPLE_INSTALLED_FACTS, EXAMPLE_LIVE_FACTS, exampleFacts } from "../../grammars/gbnf/files.js";
import { patternToGbnf, UnsupportedPatternError } from "../../grammars/gbnf/regex.js";
import { GbnfCompileError, zodToGbnf } from "../../grammars/gbnf/zod.js";
import { generatedFiles } from "../../grammars/generate.js";
import { SIZE_PATTERN } from "../../tools/size.js";

const lift = (body: string) => `(${body})`;

describe("regex → GBNF", () => {
  it("translates the size pattern exactly", () => {
    expect(patternToGbnf(SIZE_PATTERN, 12, lift)).toBe(
      '( "0" | [1-9] [0-9]{0,6} ) ( "." [0-9]{1,3} )? [MGT]',
    );
  });
  it("keeps JSON-unsafe characters out of negated classes and caps unbounded repeats", () => {
    expect(patternToGbnf("^[^:\\n]*$", 64, lift)).toBe('[^:\\n"\\\\\\x00-\\x1f]{0,64}');
    // Two unbounded parts share the length budget so the whole stays within maxLength.
    expect(patternToGbnf("^[a-z]+/[a-z]+$", 9, lift)).toBe('[a-z]{1,4} "/" [a-z]{1,4}');
  });
  it("refuses what it cannot translate faithfully", () => {
    expect(() => patternToGbnf("^\\d+$", 8, lift)).toThrow(UnsupportedPatternError);
    expect(() => patternToGbnf('^["]$', 8, lift)).toThrow(/JSON escapes/);
  });
});

describe("zod → GBNF", () => {
  it("lets optional properties be omitted and requires the rest, in order", () => {
    const g = zodToGbnf(z.strictObject({ a: z.boolean(), b: z.boolean().optional(), c: z.literal("x") }));
    expect(g).toContain(
      'value ::= "{\\"a\\":" ( "true" | "false" ) ( ",\\"b\\":" value-b )? ",\\"c\\":\\"x\\"}"',
    );
  });
  it("refuses unbounded strings and non-strict objects", () => {
    expect(() => zodToGbnf(z.strictObject({ s: z.string() }))).toThrow(GbnfCompileError);
    expect(() => zodToGbnf(z.object({ s: z.string().max(3) }).catchall(z.string()))).toThrow(/strict/);
  });
});

describe("the turn grammar", () => {
  const live = exampleFacts(EXAMPLE_LIVE_FACTS);
  const installed = exampleFacts(EXAMPLE_INSTALLED_FACTS);
  it("names only the machine's disks and recipes, and only the mode's tools", () => {
    const g = turnGrammar(turnSchema(live, { pending: false }));
    expect(g).toContain('partition-disk-args-disk ::= ( "\\"/dev/sda\\"" | "\\"/dev/nvme0n1\\"" )');
    expect(g).toContain('install-recipe-args-name ::= ( "\\"ripgrep\\"" | "\\"fd\\"" | "\\"bat\\"" )');
    expect(g).not.toContain("removeRecipe");
    expect(g).not.toMatch(/confirm/);
    expect(g).not.toMatch(/passwordHash/);
    const gi = turnGrammar(turnSchema(installed, { pending: true }));
    expect(gi).not.toContain("partitionDisk");
    expect(gi).toContain('remove-recipe-args-name ::= "\\"ripgrep\\""');
    expect(gi).toContain("confirm ::=");
  });
  it("withholds a tool with nothing to name, and never offers a mounted disk", () => {
    const t = turnSchema(
      exampleFacts({
        ...EXAMPLE_LIVE_FACTS,
        disks: [{ path: "/dev/sda", sizeBytes: 1e11, mounted: true }],
        recipes: [],
      }),
      { pending: false },
    );
    expect(t.tools).not.toContain("partitionDisk");
    expect(t.tools).not.toContain("installRecipe");
    expect(t.withheld.map((w) => w.tool)).toEqual(["partitionDisk", "installRecipe"]);
  });
  it("validates with the same narrowed schema", () => {
    const t = turnSchema(live, { pending: false });
    expect(
      t.schema.safeParse({ calls: [{ tool: "partitionDisk", args: { disk: "/dev/sda" } }] }).success,
    ).toBe(true);
    expect(
      t.schema.safeParse({ calls: [{ tool: "partitionDisk", args: { disk: "/dev/sdz" } }] }).success,
    ).toBe(false);
    expect(t.schema.safeParse({ confirm: true }).success).toBe(false);
  });
});

describe("generated files", () => {
  it("grammars/*.gbnf and plan.schema.json match the generator (run `npm run gen`)", () => {
    for (const f of generatedFiles()) expect(readFileSync(f.path, "utf8"), f.path).toBe(f.content);
  });
});
