/**
 * One decision may carry up to MAX_CALLS (16) calls, drop entries or offered calls, consistently in
 * the Decision schema, the llm grammar's bounded repetition, the turn's narrowed schema and the eval
 * loader: "remove everything but htop" on a system with 9+ installed recipes is one decision.
 */
import { describe, expect, it } from "vitest";
import { DatasetError, parseDataset } from "../../eval/dataset.js";
import { turnGrammar, turnSchema } from "../../grammars/gbnf/decision.js";
import { EXAMPLE_INSTALLED_FACTS, exampleFacts } from "../../grammars/gbnf/files.js";
import { decisionToText, mapOutput } from "../../grammars/toolCalls.js";
import { type Decision, MAX_CALLS, parseDecision } from "../../tools/decision.js";
import { GbnfMatcher } from "../grammars/gbnfMatcher.js";

const NAMES =
  "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo"
    .split(" ")
    .map((n) => `${n}-tool`);
const factsInput = { ...EXAMPLE_INSTALLED_FACTS, recipes: ["htop", ...NAMES], installed: ["htop", ...NAMES] };
const facts = exampleFacts(factsInput);
const removals = (n: number) => NAMES.slice(0, n).map((name) => ({ tool: "removeRecipe", args: { name } }));

describe("the call cap is 16", () => {
  it("is 16", () => {
    expect(MAX_CALLS).toBe(16);
  });

  it("the Decision schema takes 16 calls, drop entries and offered calls, not 17", () => {
    for (const n of [9, 16]) {
      expect(parseDecision({ calls: removals(n) }).ok).toBe(true);
      expect(parseDecision({ drop: removals(n) }).ok).toBe(true);
      expect(parseDecision({ reply: "Remove them all?", offer: { calls: removals(n) } }).ok).toBe(true);
    }
    expect(parseDecision({ calls: removals(17) }).ok).toBe(false);
    expect(parseDecision({ drop: removals(17) }).ok).toBe(false);
    expect(parseDecision({ reply: "Remove them all?", offer: { calls: removals(17) } }).ok).toBe(false);
  });

  it("the llm grammar and the turn's schema accept 16 calls and 16 offered calls, and refuse 17", () => {
    const turn = turnSchema(facts, { pending: false });
    const m = new GbnfMatcher(turnGrammar(turn));
    for (const n of [9, 16, 17]) {
      const decisions: Decision[] = [
        { calls: removals(n) } as Decision,
        { reply: "Remove them all?", offer: { calls: removals(n) } } as Decision,
      ];
      for (const d of decisions) {
        const text = decisionToText(d);
        expect(m.accepts(text), `${n}: ${text.slice(0, 80)}`).toBe(n <= 16);
        const mapped = mapOutput(text);
        expect(mapped.ok).toBe(true);
        if (mapped.ok) expect(turn.schema.safeParse(mapped.value).success).toBe(n <= 16);
      }
    }
  });

  it("the grammar drops up to 16 pending steps at once", () => {
    const pending = removals(17).map((c) => ({ tool: c.tool, args: c.args })) as never;
    const turn = turnSchema(facts, { pending: true, pendingCalls: pending });
    const m = new GbnfMatcher(turnGrammar(turn));
    expect(m.accepts(decisionToText({ drop: removals(16) } as Decision))).toBe(true);
    expect(m.accepts(decisionToText({ drop: removals(17) } as Decision))).toBe(false);
  });

  it("the eval loader takes a turn that expects 16 calls and names a 17-call one as the problem", () => {
    const line = (n: number) =>
      JSON.stringify({
        id: `cap-${n}`,
        category: "edit",
        facts: factsInput,
        turns: [{ user: "remove everything but htop", expect: { calls: removals(n) } }],
      });
    expect(parseDataset(line(16), "cap.jsonl")[0]?.turns[0]?.expect).toEqual({ calls: removals(16) });
    expect(() => parseDataset(line(17), "cap.jsonl")).toThrow(DatasetError);
    expect(() => parseDataset(line(17), "cap.jsonl")).toThrow(
      /line 1: turns\[0\]\.expect: 17 calls in one turn; a decision holds at most 16/,
    );
  });
});
