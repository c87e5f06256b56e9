import type { Facts } from "../../facts/schema.js";
import { type Decision, type Offer, sameCall } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";

/**
 * "YES STOP", "Fine, no. Ship it.", "yes... wait": an answer that says yes and stop together is no
 * consent to an offer that destroys something (attacker 16 F1: both took the offered erase of the
 * photos disk, while "yes stop" and "No. Ship it." were refused, by case and by a leading "Fine").
 * Which word wins is a guess, and a wrong guess loses data: the question is asked again.
 */
const STOP_WORD =
  /^(?:no|nope|nah|nay|stop|wait|hold|halt|dont|don't|not|never|cancel|abort|belay|freeze|pause)$/;
/** Words a bare stop may stand beside in its piece ("YES STOP", "no wait", "hold on", "don't do it"). */
const BESIDE =
  /^(?:yes|yep|yeah|yup|ya|sure|ok|okay|fine|go|ship|it|that|this|on|up|do|please|pls|now|then|and|but|actually|oh|um|uh|just|a|sec|second|minute|moment|yet|ahead|off|there|whoa)$/;

/**
 * A piece of the answer (between stops, commas, brackets) that is a stop and nothing else: "no",
 * "hold on", "YES STOP". A stop with an object of its own ("yes (not ben tho)", "oh wait its
 * neovim") is an edit or a correction, read by the readers as before.
 */
function saysStop(text: string): boolean {
  return text
    .toLowerCase()
    .split(/[.,;:!?()[\]\n…]+|\s[-–—]+\s/)
    .some((p) => {
      const ws = p.match(/[a-z']+/g) ?? [];
      return ws.some((w) => STOP_WORD.test(w)) && ws.every((w) => STOP_WORD.test(w) || BESIDE.test(w));
    });
}

/** A call that loses something: a removal, a sudo grant, an erase of a disk that holds partitions. */
export function destroys(c: PlanCall, facts: Facts): boolean {
  if (c.tool === "removeRecipe") return true;
  if (c.tool === "createUser") return c.args.sudo === true;
  if (c.tool === "partitionDisk") {
    if (c.args.use === "free") return false;
    const d = facts.disks.find((x) => x.path === c.args.disk);
    return (d?.partitions?.length ?? 1) > 0;
  }
  return false;
}

/**
 * A reply that asks again, when the decision takes a destroying call of the offer and the words
 * also say stop; undefined otherwise.
 */
export function mixedYesToLoss(
  decision: Decision,
  offer: Offer,
  text: string,
  facts: Facts,
): { reply: string; offer: Offer } | undefined {
  if (!("calls" in decision) || !saysStop(text)) return undefined;
  const offered = offer.calls.filter((c) => destroys(c as PlanCall, facts));
  const same = (c: PlanCall) =>
    offered.some(
      (o) =>
        sameCall(o, c) ||
        (o.tool === "partitionDisk" && c.tool === "partitionDisk" && o.args.disk === c.args.disk),
    );
  if (!decision.calls.some(same)) return undefined;
  return {
    reply:
      'That answer says yes and stop at once. What I asked about cannot be undone (what it takes is lost for good), so nothing was added: say "yes" alone to go ahead with it, or "no" to leave it.',
    offer,
  };
}

/**
 * The same for the plan itself, put as a question (attacker 17 F7): "yes?", "go ahead?", "do it?
 * hmm" had confirmed a plan that erases a disk. A confirmation whose last words ask runs nothing:
 * the plan is asked about again. Only the end counts: "Proceed? Yes, proceed." and "Everyone on
 * the bus? Let's go." answer their own question. ("Fine, no. Ship it." reads as "Then no. Go ahead
 * as planned.", which the data written by people who never read the rules expects to go: left.)
 */
export function askedConfirm(decision: Decision, text: string): { reply: string } | undefined {
  if (!("confirm" in decision) || decision.confirm !== true) return undefined;
  const end = text.trim().replace(/(?:[\s,.…]*\b(?:hmm+|hm+|um+|uh+|er+m*|eh|lol|idk)\b[\s,.…]*)+$/i, "");
  if (!/\?\s*$/.test(end) || /\bwhy\s+not\s*\?\s*$/i.test(end)) return undefined;
  return {
    reply:
      'That reads as a question, so nothing was run and the plan is as it was. Go ahead with the plan? Say "yes" to run it, or "no" to stop.',
  };
}
