import type { Clause } from "../rules/clauses.js";

/**
 * A question that asks for the act rather than about it: "can we use sdb?", "could I put it on the
 * nvme?", "and put it on the nvme with a 100G root?", "would sdb work?", "how about the samsung?".
 * Read as a request by ./directRequest.ts (dev9-keep h8k-019 had read the nvme in "... and put it
 * on the nvme with a 100G root?" as refused). A question about the target is not one: "is sdb
 * empty?", "should I wipe sda?", "what happens if I erase sda?", "why would you wipe sda?".
 */

/** Words before the request that change nothing: "and", "so", "ok", "pls", "maybe". */
const FILLER = /^(?:and|so|then|ok|okay|pls|please|plz|maybe|just|also|hey|um|uh|hmm|alright|right)$/;
/** A modal asking someone to do it: "can you", "could we", "can i", "would you". */
const MODAL = /^(?:can|could|would|will|may|cant|couldnt|wouldnt)$/;
const ASKED = /^(?:you|u|ya|we|i|yall)$/;
/** Verbs that destroy: asked with a question mark, they ask whether to ("wipe sda?", "can we erase it?"). */
const DESTROYING =
  /^(?:wipe|erase|format|reformat|nuke|delete|destroy|remove|overwrite|clear|kill|trash|scrap|purge|zap)$/;
/** What a target is asked to do in "would sdb work?", "is the nvme ok?", "sdb fine?". */
const SUITS = /^(?:work|works|do|does|suffice|ok|okay|fine|good|alright)$/;

/** Hedges and determiners around an answer said with a rising tone: "i guess the nvme?". */
const HEDGE = /^(?:i|guess|think|suppose|maybe|probably|perhaps|prolly|the|a|that|this|one|disk|drive|then)$/;
/** Words that make a question ask about something. */
const ASKING =
  /^(?:is|are|was|what|whats|which|how|why|where|who|does|do|did|should|shall|can|could|has|have)$/;

export function asksToAct(c: Clause, acts: ReadonlySet<string>): boolean {
  // "i guess the nvme?", "sdb?": an answer said with a rising tone picks what it names
  const rest = c.w.filter((x) => !HEDGE.test(x) && !FILLER.test(x));
  // ("wipe sda?" stays a question: the act itself is what it asks about)
  // ("the samsung? no idea what's on it" asks about it: only a hedged answer picks)
  if (
    rest.length > 0 &&
    rest.length <= 2 &&
    c.w.some((x) => /^(?:guess|think|suppose|maybe|probably|perhaps|prolly)$/.test(x)) &&
    !c.w.some((x) => ASKING.test(x) || acts.has(x))
  )
    return true;
  let i = 0;
  while (i < c.w.length && FILLER.test(c.w[i]!)) i++;
  const head = c.w[i] ?? "";
  // "put it on the nvme?": an imperative said with a question mark ("wipe sda?" asks whether to)
  if (acts.has(head)) return !DESTROYING.test(head);
  // "can we use sdb?", "could i put it on the nvme?": a modal, a person, then the act itself
  if (MODAL.test(head) && ASKED.test(c.w[i + 1] ?? "")) {
    let j = i + 2;
    while (j < c.w.length && FILLER.test(c.w[j]!)) j++;
    return acts.has(c.w[j] ?? "") && !DESTROYING.test(c.w[j]!);
  }
  // "how about the samsung?", "what about sdb?", "why not the nvme?"
  if (/^(?:how|what)$/.test(head) && c.w[i + 1] === "about") return true;
  if (head === "why" && c.w[i + 1] === "not") return true;
  // "would sdb work?", "will the nvme do?", "sdb ok?"
  if (/^(?:would|will|could)$/.test(head) || i === 0) {
    const last = c.w.at(-1) ?? "";
    return SUITS.test(last) && c.w.length <= i + 6;
  }
  return false;
}
