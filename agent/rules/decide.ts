import type { ToolName } from "../../tools/types.js";
import type { Decision } from "../decision.js";
import type { Facts } from "../facts/schema.js";
import type { ConversationView } from "../types.js";
import { yesNo } from "../yesno.js";
import { readAnswer } from "./answer.js";
import { type Ctx, capabilities, reply } from "./context.js";
import { parseTurn } from "./parse.js";
import { isQuestion } from "./questions.js";
import { tokenize } from "./text.js";
import { normalizeTokens, words } from "./tokens.js";

export const SUGGESTION =
  /^\s*(how about|what about|maybe|perhaps|let'?s say|say|let'?s go with|go with|something like)\s+/i;

export function decideRules(conv: ConversationView, facts: Facts, allowed: readonly ToolName[]): Decision {
  const ctx: Ctx = { conv, facts, allowed };
  const text = conv.user.trim();
  if (!text) return reply(capabilities(facts, allowed));

  const yn = yesNo(text);
  if (yn !== undefined) {
    if (conv.pending.length) return { confirm: yn };
    return reply(yn ? "There is nothing to confirm yet." : "OK, nothing is planned.");
  }
  // "yes, install it", "looks good to me", "no, keep it": an answer in more words. A question is
  // never one ("wait, what's on it now?").
  if (conv.pending.length && !text.includes("?")) {
    const answer = readAnswer(normalizeTokens(text, facts));
    if (answer !== undefined) return { confirm: answer };
  }

  // A short answer to my own question ("Which disk?" "the nvme one"; "What name?" "vince"): read
  // it together with the request that raised the question.
  const last = conv.turns.at(-1);
  // "how about atlas?", "maybe Rome": a suggestion answers the question as well as a plain word.
  const answer = text.replace(SUGGESTION, "").replace(/\?\s*$/, "");
  if (
    last &&
    "reply" in last.decision &&
    last.decision.reply.includes("?") &&
    words(tokenize(answer)).length <= 6 &&
    (answer !== text || !isQuestion(tokenize(text), text))
  ) {
    const combined = parseTurn(`${last.user.replace(/[?.!]+\s*$/, "")} ${answer}`, ctx);
    if ("calls" in combined) return combined;
  }
  return parseTurn(text, ctx);
}
