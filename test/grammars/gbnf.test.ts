import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { turnGrammar, turnSchema } from "../../grammars/gbnf/decision.js";
import { EXAMPLE_INSTALLED_FACTS, EXAMPLE_LIVE_FACTS, exampleFacts } from "../../grammars/gbnf/files.js";
import { GrammarCursor } from "../../grammars/gbnf/forced.js";
import { patternToGbnf, UnsupportedPatternError } from "../../grammars/gbnf/regex.js";
import { GbnfCompileError, zodToGbnf } from "../../grammars/gbnf/zod.js";
import { generatedFiles } from "../../grammars/generate.js";
import { decisionToText, mapOutput } from "../../grammars/toolCalls.js";
import { SIZE_PATTERN } from "../../steps/size.js";
import { type Decision, type DropEntry, type ModelToolCall, parseDecision } from "../../tools/decision.js";
import { setHostname } from "../../tools/setHostname.js";
import type { ToolName } from "../../tools/types.js";
import { rng } from "../helpers/prng.js";
import { GbnfMatcher } from "./gbnfMatcher.js";

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
    expect(g).not.toMatch(/dropStep/);
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
    expect(t.schema.safeParse({ drop: [{ tool: "installRecipe", args: { name: "fd" } }] }).success).toBe(
      false,
    );
  });
  it("offers drop only over the steps actually pending", () => {
    const pendingCalls = [
      { tool: "installRecipe" as const, args: { name: "fd" } },
      {
        tool: "createUser" as const,
        args: { username: "vince", sudo: true, shell: "/bin/bash", groups: [] },
      },
    ];
    const t = turnSchema(live, { pending: true, pendingCalls });
    const g = turnGrammar(t);
    const m = new GbnfMatcher(g);
    expect(m.accepts(decisionToText({ drop: [{ tool: "installRecipe", args: { name: "fd" } }] }))).toBe(true);
    expect(
      m.accepts(
        decisionToText({
          drop: [pendingCalls[1] as DropEntry, { tool: "installRecipe", args: { name: "fd" } }],
        }),
      ),
    ).toBe(true);
    // Not pending: bat; the same user with other args.
    expect(m.accepts(decisionToText({ drop: [{ tool: "installRecipe", args: { name: "bat" } }] }))).toBe(
      false,
    );
    expect(m.accepts(decisionToText({ drop: [{ tool: "createUser", args: { username: "vince" } }] }))).toBe(
      false,
    );
    expect(t.schema.safeParse({ drop: [{ tool: "installRecipe", args: { name: "bat" } }] }).success).toBe(
      false,
    );
    expect(t.schema.safeParse({ drop: [{ tool: "installRecipe", args: { name: "fd" } }] }).success).toBe(
      true,
    );
  });
});

/** String values to draw from; a field takes those its own zod schema accepts (none: the test fails). */
const STRING_POOL = [
  "8G",
  "100G",
  "1.5T",
  "512M",
  "0G",
  "vince",
  "_svc",
  "ana-b_2",
  "/bin/zsh",
  "/usr/bin/fish",
  "Vince Doe",
  "José Núñez",
  "de_DE.UTF-8",
  "en_US",
  "sr_RS@latin",
  "de",
  "us",
  "de-latin1",
  "Europe/Berlin",
  "America/Argentina/Salta",
  "UTC",
  "workstation",
  "atlas.lan",
  "14.1.0",
  "1.0~rc1",
  "wheel",
  "docker",
];

function unwrapped(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let s = schema;
  let optional = false;
  for (;;) {
    const d = (s as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
    if (d.type !== "optional" && d.type !== "default") return { inner: s, optional };
    optional = true;
    s = d.innerType as z.ZodType;
  }
}

function randomValue(schema: z.ZodType, rand: () => number, path: string): unknown {
  const d = (schema as unknown as { def: { type: string; entries?: object; element?: z.ZodType } }).def;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  if (d.type === "enum") return pick(Object.values(d.entries ?? {}));
  if (d.type === "boolean") return rand() < 0.5;
  if (d.type === "array") {
    const n = Math.floor(rand() * 3);
    return Array.from({ length: n }, () => randomValue(d.element as z.ZodType, rand, `${path}[]`));
  }
  if (d.type === "string") {
    const ok = STRING_POOL.filter((v) => schema.safeParse(v).success);
    if (!ok.length) throw new Error(`no pool value fits ${path}`);
    return pick(ok);
  }
  throw new Error(`${path}: no generator for ${d.type}`);
}

function randomArgs(args: z.ZodType, rand: () => number, tool: string): Record<string, unknown> {
  const shape = (args as unknown as { def: { shape: Record<string, z.ZodType> } }).def.shape;
  for (;;) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      const { inner, optional } = unwrapped(field);
      if (optional && rand() < 0.5) continue;
      out[key] = randomValue(inner, rand, `${tool}.${key}`);
    }
    if (args.safeParse(out).success) return out; // setLocale needs one of its fields
  }
}

describe("the hostname in the grammar", () => {
  const facts = exampleFacts(EXAMPLE_LIVE_FACTS);
  const m = new GbnfMatcher(turnGrammar(turnSchema(facts, { pending: false, pendingCalls: [] })));
  const said = (hostname: string) =>
    decisionToText({ calls: [{ tool: "setHostname", args: { hostname } }] } as Decision);
  it("admits real names, one long label among them, and never one the 64-character check refuses", () => {
    const label = (n: number, c = "a") => c.repeat(n);
    for (const h of [
      "atlas",
      "web01.example.com",
      "db-2.prod.eu-west-1.lan",
      "workstation.home-office",
      label(63),
      `${label(31)}.${label(31, "b")}`,
      `${label(27)}.${label(11, "b")}.${label(11, "c")}.${label(11, "d")}`,
    ]) {
      expect(h.length).toBeLessThanOrEqual(64);
      expect(m.accepts(said(h)), h).toBe(true);
    }
    // The tiny model's generations that CI caught (dotted names of 65-192 characters) cannot be written.
    for (const h of [
      `${label(63)}.${label(63, "b")}`,
      `${label(32)}.${label(32, "b")}`,
      `${label(40)}.b.c`,
      `${label(27)}.${label(12, "b")}.c.d`,
      "a.b.c.d.e",
      label(64),
    ])
      expect(m.accepts(said(h)), h).toBe(false);
  });
  it("every name the grammar's rule can write passes the tool's schema (longest cases enumerated)", () => {
    // The longest string of each alternative, with the label character varied, through zod.
    const longest = [
      "a".repeat(63),
      `${"a".repeat(31)}.${"b".repeat(31)}`,
      `${"a".repeat(27)}.${"b".repeat(11)}.${"c".repeat(11)}.${"d".repeat(11)}`,
    ];
    for (const h of longest) {
      expect(m.accepts(said(h)), h).toBe(true);
      expect(setHostname.args.safeParse({ hostname: h }).success, h).toBe(true);
    }
  });
});

describe("the turn grammar, property test", () => {
  const machines = [
    exampleFacts(EXAMPLE_LIVE_FACTS),
    exampleFacts(EXAMPLE_INSTALLED_FACTS),
    exampleFacts({ ...EXAMPLE_LIVE_FACTS, firmware: "bios", filesystems: ["ext4", "xfs", "vfat"] }),
  ];
  it("accepts every valid call of every tool, maps it back to the same decision, and rejects invalid ones", () => {
    const rand = rng(16);
    let accepted = 0;
    const seen = new Set<string>();
    for (const facts of machines) {
      const pendingCalls = [{ tool: "setHostname" as const, args: { hostname: "atlas" } }];
      const turn = turnSchema(facts, { pending: true, pendingCalls });
      const m = new GbnfMatcher(turnGrammar(turn));
      for (let i = 0; i < 120; i++) {
        const calls = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
          const tool = turn.tools[Math.floor(rand() * turn.tools.length)] as ToolName;
          seen.add(tool);
          return { tool, args: randomArgs(turn.args.get(tool) as z.ZodType, rand, tool) };
        });
        const parsed = parseDecision({ calls });
        expect(parsed.ok, JSON.stringify(calls)).toBe(true);
        if (!parsed.ok) continue;
        const kinds: Decision[] = [
          parsed.decision,
          {
            reply: "Do you mean this?",
            offer: { calls: (parsed.decision as { calls: ModelToolCall[] }).calls },
          },
        ];
        for (const d of kinds) {
          const text = decisionToText(d);
          expect(m.accepts(text), text).toBe(true);
          const back = mapOutput(text);
          expect(back.ok).toBe(true);
          if (!back.ok) continue;
          expect(turn.schema.safeParse(back.value).success, text).toBe(true);
          expect(parseDecision(back.value)).toEqual({ ok: true, decision: d });
          accepted++;
          // Invalid variants of the same text: compact JSON, trailing text, a name not in the grammar.
          expect(m.accepts(text.replaceAll('", "', '","')), text).toBe(false);
          expect(m.accepts(`${text}\nok`)).toBe(false);
          expect(m.accepts(text.replace(/"name": "[a-zA-Z]+"/, '"name": "formatDisk"'))).toBe(false);
        }
      }
      // The conversation's own tools.
      for (const d of [
        { confirm: true },
        { confirm: false },
        { drop: [{ tool: "setHostname", args: { hostname: "atlas" } }] },
      ] as Decision[])
        expect(m.accepts(decisionToText(d)), decisionToText(d)).toBe(true);
      for (const reply of ["Which disk?", "I can't do that.\nTry again."])
        expect(m.accepts(reply)).toBe(true);
      for (const bad of ["", " leading space", "<tool_call>", "x".repeat(601)])
        expect(m.accepts(bad), bad).toBe(false);
    }
    expect([...seen].sort()).toEqual([
      "createUser",
      "installRecipe",
      "partitionDisk",
      "removeRecipe",
      "setHostname",
      "setLocale",
    ]);
    expect(accepted).toBeGreaterThan(600);
  });

  it("jump-forward: after every prefix of a valid decision the forced text is exactly what follows, and nothing the grammar refuses is forced", () => {
    const rand = rng(61);
    let chars = 0;
    let forcedChars = 0;
    for (const facts of machines) {
      const pendingCalls = [{ tool: "setHostname" as const, args: { hostname: "atlas" } }];
      const turn = turnSchema(facts, { pending: true, pendingCalls });
      const grammar = turnGrammar(turn);
      const m = new GbnfMatcher(grammar);
      const cursor = GrammarCursor.fromGrammar(grammar);
      const texts: string[] = ["Which disk?", decisionToText({ confirm: false })];
      texts.push(decisionToText({ drop: [{ tool: "setHostname", args: { hostname: "atlas" } }] }));
      for (let i = 0; i < 60; i++) {
        const calls = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
          const tool = turn.tools[Math.floor(rand() * turn.tools.length)] as ToolName;
          return { tool, args: randomArgs(turn.args.get(tool) as z.ZodType, rand, tool) };
        });
        const parsed = parseDecision({ calls });
        if (!parsed.ok) continue;
        texts.push(decisionToText(parsed.decision));
        texts.push(
          decisionToText({
            reply: "Do you mean this?",
            offer: { calls: (parsed.decision as { calls: ModelToolCall[] }).calls },
          }),
        );
      }
      for (const text of texts) {
        // Decode as jump-forward does: the "model" writes one character, the grammar's forced text
        // follows; the result must be the same text, and the cursor must agree with the recognizer.
        cursor.reset();
        let at = 0;
        while (at < text.length) {
          const forced = cursor.forced();
          expect(
            text.slice(at).startsWith(forced),
            `${text} at ${at}: forced ${JSON.stringify(forced)}`,
          ).toBe(true);
          if (forced) {
            expect(cursor.feed(forced)).toBe(true);
            at += forced.length;
            forcedChars += forced.length;
            continue;
          }
          const ch = String.fromCodePoint(text.codePointAt(at) as number);
          expect(cursor.feed(ch), `${text} at ${at}`).toBe(true);
          at += ch.length;
        }
        chars += text.length;
        expect(cursor.accepting, text).toBe(true);
        expect(cursor.forced()).toBe("");
        // Whatever may follow a whole decision is a choice (another call, or the end), never forced.
        for (const bad of [`${text}\nok`, text.replaceAll('", "', '","')]) {
          cursor.reset();
          const ok = cursor.feed(bad) && cursor.accepting;
          expect(ok, bad).toBe(m.accepts(bad));
        }
      }
    }
    // Most of a call's text is forced: the model chooses only names, values and where to stop.
    expect(forcedChars / chars).toBeGreaterThan(0.5);
  });

  it("rejects calls that name what this machine does not have, and confirm without a pending plan", () => {
    const facts = exampleFacts(EXAMPLE_LIVE_FACTS);
    const m = new GbnfMatcher(turnGrammar(turnSchema(facts, { pending: false })));
    const text = (d: unknown) => decisionToText(d as Decision);
    const call = (tool: string, args: object) => text({ calls: [{ tool, args }] });
    expect(m.accepts(call("partitionDisk", { disk: "/dev/nvme0n1" }))).toBe(true);
    expect(m.accepts(call("partitionDisk", { disk: "/dev/sdz" }))).toBe(false);
    expect(m.accepts(call("partitionDisk", { disk: "/dev/sda", filesystem: "zfs" }))).toBe(false);
    expect(m.accepts(call("installRecipe", { name: "steam" }))).toBe(false);
    expect(m.accepts(call("removeRecipe", { name: "fd" }))).toBe(false); // live mode
    expect(m.accepts(call("createUser", { username: "Bad Name" }))).toBe(false);
    expect(m.accepts(call("createUser", {}))).toBe(false);
    expect(m.accepts(call("setLocale", {}))).toBe(false);
    expect(m.accepts(text({ confirm: true }))).toBe(false);
    expect(m.accepts(text({ drop: [{ tool: "installRecipe", args: { name: "fd" } }] }))).toBe(false);
  });
});

describe("generated files", () => {
  it("grammars/*.gbnf and plan.schema.json match the generator (run `npm run gen`)", () => {
    for (const f of generatedFiles()) expect(readFileSync(f.path, "utf8"), f.path).toBe(f.content);
  });
});
