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
/** What a target is asked to do in "would sdb work?", "is the nvme ok?", "sdb fine?". */
const SUITS = /^(?:work|works|do|does|suffice|ok|okay|fine|good|alright)$/;

export function asksToAct(c: Clause, acts: ReadonlySet<string>): boolean {
  let i = 0;
  while (i < c.w.length && FILLER.test(c.w[i]!)) i++;
  const head = c.w[i] ?? "";
  // "put it on the nvme?": an imperative said with a question mark
  if (acts.has(head)) return true;
  // "can we use sdb?", "could you wipe it?": a modal, a person, then the act itself
  if (MODAL.test(head) && ASKED.test(c.w[i + 1] ?? "")) {
    let j = i + 2;
    while (j < c.w.length && FILLER.test(c.w[j]!)) j++;
    return acts.has(c.w[j] ?? "");
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
