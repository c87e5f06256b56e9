import type { Decision } from "../../tools/decision.js";
import { dropAsked, GO_AHEAD_QUESTION } from "../rules/objectFallback.js";
import type { ConversationView } from "../types.js";

/**
 * "Do you mean helix?", "Which one: fzf or fd?", "What should the new user be called?", "How big
 * should root be?": a question the last reply asked without offering calls. A "yes" or "ok" said
 * right after it answers that question (or fails to); it never confirms the pending plan, which
 * the person was not asked about. Questions that offer calls are answered by agent/turn.ts's
 * answerOffer; the plan itself is confirmed only when no other question is open.
 *
 * Read from the recorded turns, so every backend and every front end (chat, ask, eval) sees the
 * same open question.
 */
export function openQuestion(conv: Pick<ConversationView, "turns" | "offer">): string | undefined {
  if (conv.offer) return undefined;
  const last = conv.turns.at(-1)?.decision;
  if (!last || !("reply" in last) || last.offer) return undefined;
  // "Go ahead with the plan?" asks about the plan itself: a yes to it is the confirmation
  // (also after the plan read back to a bare yes: agent/safety/yesAfterRefusal.ts)
  if (last.reply.endsWith(GO_AHEAD_QUESTION)) return undefined;
  return questionIn(last.reply);
}

/** The sentence of a reply that asks the person something; quoted examples ("what's in the plan?") aside. */
export function questionIn(reply: string): string | undefined {
  const unquoted = reply.replace(/"[^"]*"|“[^”]*”/g, '""');
  if (!unquoted.includes("?")) return undefined;
  // the sentence that holds the last question mark, as asked
  const sentences = reply.match(/[^.?!]*(?:\([^)]*\)[^.?!]*)*[?](?:\s|$)/g) ?? [];
  const asked = sentences
    .filter((s) => !/^\s*""\s*$/.test(s))
    .at(-1)
    ?.trim();
  return asked && asked.length > 2 ? asked : reply.trim();
}

/** Words that only go on with the plan, whatever else was asked ("run the plan", "install it now"). */
const RUN_PLAN =
  /^\s*(?:(?:ok(?:ay)?|yes|yeah|sure|fine|just|then|please|no)[\s,.!]+)*(?:(?:run|start|execute|apply|do|go ahead with|go on with|continue with)\s+(?:the\s+|my\s+)?(?:plan|install(?:ation)?|whole thing)|install\s+(?:it\s+)?(?:now|anyway)|go on without(?:\s+(?:it|that|answering))?)(?:[\s,]+(?:now|anyway|then|please|pls|as it is))*\s*[.!]*\s*$/i;

export function saysRunThePlan(text: string): boolean {
  return RUN_PLAN.test(text);
}

/** A question that asks for a choice, a name or an amount ("Which disk then: …?", "Install what?"). */
const ASKS_FOR_CHOICE = /^\s*(?:which|what|how|where|who|whom|whose)\b|\b(?:what|which)\s*\?/i;

/**
 * "continue", "ok then just continue", "ok start", "no, proceed", "carry on please": moving on. Not
 * after a yes ("Yes, proceed."): a yes answers the question, and one to a question that offered
 * nothing never confirms the plan (findings2 D8, findings19).
 */
const MOVE_ON =
  /^\s*(?:(?:ok(?:ay)?|k|fine|alright|all right|then|just|so|well|no|nah|nope|never ?mind|forget (?:it|that)|skip (?:it|that))[\s,.!]+)*(?:continue|proceed|carry on|go on|keep going|move on|start|begin|run it|execute|launch|let'?s go|just go|get going|get started)(?:[\s,]+(?:now|then|anyway|already|please|pls|as (?:it )?is|without (?:it|that)))*\s*[.!]*\s*$/i;

/**
 * "Which disk then: /dev/sda?" … "ok then just continue"; "Which program?" … "ok start": a go verb
 * of moving on cannot answer a question that asks for a choice or a name, so it is the person
 * going on without answering, as "run the plan" is (tester's data: confirm expected). A yes/no
 * question ("Take install jq out of the plan?", "Shall I erase it anyway?") is not passed over
 * this way: there "go on" may be its yes. Only a plan already pending is confirmed, the one the
 * person saw built; nothing my question proposed joins it.
 */
export function movesOnFrom(question: string, text: string): boolean {
  return ASKS_FOR_CHOICE.test(question) && !/\(yes\/no\)/i.test(question) && MOVE_ON.test(text);
}

/**
 * The answer to a yes or no said while a question that offered nothing is open: the question again
 * for a yes (it names no choice), the plan as it was for a no. Never a confirmation.
 */
export function answerOpenQuestion(yes: boolean, question: string, conv: ConversationView): Decision {
  const plan = conv.pending.length
    ? ` Nothing was run; the plan is as it was (say "run the plan" to go on without answering).`
    : "";
  // "Take install jq out of the plan?" "yes": that step goes (agent/rules/objectFallback.ts)
  const drop = yes ? dropAsked(question, conv) : undefined;
  if (drop) return { drop };
  if (!yes) return { reply: `OK, I leave that.${conv.pending.length ? " The plan is as it was." : ""}` };
  // my question, without the quote of the answer before that did not answer it either: quotes
  // never stack ('"yes" does not answer my question: "sure" does not answer …', tester 15 W9)
  const bare = question.replace(/^(?:\s*(?:"[^"]*" does not answer my question:|Still open:)\s*)+/, "");
  // the same yes again: the question once more would loop, so say in one line what it needs
  const last = conv.turns.at(-1)?.decision;
  if (last && "reply" in last && NOT_ANSWERED.test(last.reply))
    return {
      reply: `A yes can't answer that: it asks for ${needs(bare)}, said in words${conv.pending.length ? ' (or "run the plan" to go on without answering)' : ""}. Still open: ${bare}`,
    };
  return { reply: `"${conv.user.trim()}" does not answer my question: ${bare}${plan}` };
}

/** My reply that quoted an answer as no answer (a second one in a row is said differently). */
const NOT_ANSWERED = /^\s*"[^"]*" does not answer my question:/;

/** What the question asks for, in a few words: a choice between what it names, or a name, or words. */
function needs(question: string): string {
  if (/\bor\b/i.test(question)) return "one of the choices it names";
  if (/^\s*(?:what|which)\b[^?]*\b(?:name|called|hostname)\b/i.test(question)) return "a name";
  if (/^\s*(?:which|what)\b/i.test(question)) return "which one you mean";
  if (/^\s*(?:how)\b/i.test(question)) return "an amount or a way";
  return "an answer other than yes";
}
