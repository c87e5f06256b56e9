import { readFileSync } from "node:fs";
import { Conversation } from "../../../agent/conversation.js";
import { createRulesBackend } from "../../../agent/rules/index.js";
import { describeOutcome } from "../../../agent/session/describe.js";
import { decideTurn } from "../../../agent/turn.js";
import type { Backend, PlanCall } from "../../../agent/types.js";
import { type Facts, FactsSchema } from "../../../facts/schema.js";
import type { Decision } from "../../../tools/decision.js";
import { forced } from "./destructive.js";

/** A facts file from test/agent/fixtures, parsed as the CLI would. */
export function fixtureFacts(name: string): Facts {
  return FactsSchema.parse(
    JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8")),
  );
}

/**
 * Turns through a backend (the rules unless given) and the conversation layer, each recorded as the
 * chat does; `said` is what the chat prints for each turn.
 */
export async function dialogue(f: Facts, lines: readonly string[], backend: Backend = createRulesBackend()) {
  const conv = new Conversation(f);
  const decisions: Decision[] = [];
  const said: string[] = [];
  for (const line of lines) {
    const d = await decideTurn(backend, conv.view(line), f);
    said.push(describeOutcome(conv.record(line, d), conv.pending, f));
    decisions.push(d);
  }
  return { conv, decisions, said, last: decisions.at(-1)! };
}

/**
 * One turn `text` after the recorded `before`, decided by a backend that reads it as `calls`: the
 * misreading the gates after the backend must catch, tested for every backend at once.
 */
export async function forcedTurn(
  f: Facts,
  text: string,
  calls: PlanCall[],
  before: readonly [string, Decision][] = [],
): Promise<Decision> {
  const conv = new Conversation(f);
  for (const [u, d] of before) conv.record(u, d);
  return decideTurn(forced({ calls }), conv.view(text), f);
}
