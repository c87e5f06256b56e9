import { readFileSync } from "node:fs";
import { Conversation } from "../../../agent/conversation.js";
import { createRulesBackend } from "../../../agent/rules/index.js";
import { decideTurn } from "../../../agent/turn.js";
import { type Facts, FactsSchema } from "../../../facts/schema.js";
import type { Decision } from "../../../tools/decision.js";

/** A facts file from test/agent/fixtures, parsed as the CLI would. */
export function fixtureFacts(name: string): Facts {
  return FactsSchema.parse(
    JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8")),
  );
}

/** Turns through the rules backend and the conversation layer, each recorded as the chat does. */
export async function dialogue(f: Facts, lines: string[]) {
  const conv = new Conversation(f);
  const backend = createRulesBackend();
  const decisions: Decision[] = [];
  for (const line of lines) {
    const d = await decideTurn(backend, conv.view(line), f);
    conv.record(line, d);
    decisions.push(d);
  }
  return { conv, decisions, last: decisions.at(-1)! };
}
