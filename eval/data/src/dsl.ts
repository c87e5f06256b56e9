/**
 * A small vocabulary for writing eval dialogues by hand; `write.ts` turns the dialogues into the
 * CONTRACTS §5 JSONL files (each line self-contained, facts inline). Edit the dialogues here, then
 * run `npx tsx eval/data/src/write.ts`; a test fails when the JSONL is stale.
 */
import type { FactsInput } from "../../../facts/schema.js";
import type { Category, Expect, ExpectedCall } from "../../dataset.js";
import type { ToolName } from "../../../tools/types.js";

export interface DialogueSource {
  id: string;
  category: Category;
  facts: FactsInput;
  turns: { user: string; expect: Expect }[];
}

export const REPLY: Expect = { reply: true };
export const YES: Expect = { confirm: true };
export const NO: Expect = { confirm: false };

export function call(tool: ToolName, args: Record<string, unknown>): ExpectedCall {
  return { tool, args };
}
export function calls(...c: ExpectedCall[]): Expect {
  return { calls: c };
}
export function anyOf(...values: unknown[]): { anyOf: unknown[] } {
  return { anyOf: values };
}

// Shorthands for the tools used most.
export const part = (disk: string, more: Record<string, unknown> = {}) => calls(call("partitionDisk", { disk, ...more }));
export const user = (username: string, more: Record<string, unknown> = {}) =>
  calls(call("createUser", { username, ...more }));
export const inst = (...names: string[]) => calls(...names.map((name) => call("installRecipe", { name })));
/** A misspelled program name is asked about, its closest recipe offered ("instal rigrep" → "Do you mean ripgrep?"). */
export const offerInst = (...names: string[]): Expect => ({
  reply: true,
  offer: { calls: names.map((name) => call("installRecipe", { name })) },
});
export const rm = (...names: string[]) => calls(...names.map((name) => call("removeRecipe", { name })));
export const loc = (args: Record<string, unknown>) => calls(call("setLocale", args));
export const host = (hostname: string) => calls(call("setHostname", { hostname }));

export function dialogue(
  id: string,
  category: Category,
  facts: FactsInput,
  ...turns: [string, Expect][]
): DialogueSource {
  return { id, category, facts, turns: turns.map(([user, expect]) => ({ user, expect })) };
}
