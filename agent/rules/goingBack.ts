import type { Facts } from "../../facts/schema.js";
import { type Decision, type DropEntry, dropMatches } from "../../tools/decision.js";
import { erasesWholeDisk } from "../safety/wholeErase.js";
import { describeCall } from "../session/describe.js";
import type { ConversationView, PlanCall } from "../types.js";
import { earlierInSlot, readUndoLast } from "./undoLast.js";

/**
 * Going back (hurried user 10, D1/D2): "put it back", "no dont, put it back", "revert", "go back to
 * what it was", "no go back", "put it back like before", "undo that". Answered to my question
 * ("/dev/sda holds backup ... Shall I erase it anyway?") they refuse what I asked about: read as
 * they stood, "put it" named the disk of the question and planned its erase, and "revert" was
 * nothing, so the question stayed open for a hurried "yes". Said after a change of the install
 * ("actually whole disk" switched the free-space install to an erase), they restore the install the
 * plan had before. Read before any backend (agent/turn.ts), only when going back is all the turn
 * says: "put it on the samsung" or "go back to the crucial" name something new and are not read here.
 */

const OPEN =
  "(?:(?:no+|nah|nope|wait|actually|hmm+|oh|ok(?:ay)?|sorry|oops|please|pls|plz|just|then|so|uh+|um+|" +
  String.raw`no\s+(?:dont|don'?t|do\s+not)|dont|don'?t|do\s+not|never\s*mind|nevermind|nvm|scratch\s+that|forget\s+(?:it|that)|` +
  String.raw`i\s+changed\s+my\s+mind|changed\s+my\s+mind|my\s+bad|mistake|that'?s\s+wrong|not\s+that|i\s+meant?\s+the\s+other)[\s,.!-]+)*`;

/** What the plan was, said without naming anything new. */
const BEFORE =
  String.raw`(?:(?:like|as|how)\s+(?:it\s+was\s+)?(?:before|earlier|it\s+was|i\s+had\s+it|you\s+had\s+it|at\s+first)|` +
  String.raw`(?:the\s+)?way\s+it\s+was(?:\s+before)?|what\s+it\s+was(?:\s+before)?|how\s+it\s+was|` +
  String.raw`to\s+(?:before|what\s+it\s+was|how\s+it\s+was|the\s+way\s+it\s+was|what\s+(?:we|you|i)\s+had|` +
  String.raw`the\s+(?:old|previous|original|first|earlier)\s+(?:one|plan|way|setup|choice|version|disk|install))|` +
  String.raw`the\s+(?:old|previous|original|first|earlier)\s+(?:one|plan|way|setup|choice|version))`;

const THING = String.raw`(?:it|that|this|things|everything|the\s+(?:disk|plan|change|install|last\s+change|disk\s+choice))`;

const CORE =
  String.raw`(?:(?:put|change|switch|set|turn|move|bring|take)\s+(?:${THING}\s+)?back(?:\s+${BEFORE})?|` +
  String.raw`(?:go|going|get|switch|change|roll)\s+back(?:\s+${BEFORE})?|back\s+${BEFORE}|` +
  String.raw`revert(?:\s+${THING})?(?:\s+(?:back\s+)?${BEFORE})?|restore(?:\s+${THING})?(?:\s+${BEFORE})?|` +
  String.raw`undo(?:\s+${THING})?|roll\s+${THING}\s+back|` +
  String.raw`(?:(?:just|keep\s+it|leave\s+it|do\s+it|make\s+it)\s+)?${BEFORE}|` +
  String.raw`(?:i\s+(?:want|prefer|liked?|'?d\s+rather\s+have)|give\s+me|make\s+it|keep\s+it|leave\s+it)\s+(?:it\s+|things\s+|the\s+plan\s+)?${BEFORE})`;

const CLOSE = String.raw`(?:[\s,]+(?:please|pls|plz|thanks|thx|ty|then|again|instead|sorry|actually|ok(?:ay)?|thx))*`;

const GOING_BACK = new RegExp(String.raw`^\s*${OPEN}${CORE}${CLOSE}\s*[.!]*\s*$`, "i");

/** Whether the whole turn asks to go back, and says nothing else. */
// Every form of CORE holds one of these words: testing them first keeps the large pattern from
// being compiled on turns that cannot go back (it cost ~15 ms of `levitate ask`'s startup).
const MAY_GO_BACK = /\b(?:back|revert|restore|undo|before|earlier|was|had|first|old|previous|original)\b/i;

export function saysGoingBack(text: string): boolean {
  return MAY_GO_BACK.test(text) && GOING_BACK.test(text);
}

const same = (a: PlanCall, b: PlanCall) => JSON.stringify(a) === JSON.stringify(b);

/** The decision for going back; undefined when the words say something else. */
export function readGoingBack(conv: ConversationView, facts: Facts): Decision | undefined {
  if (!saysGoingBack(conv.user)) return undefined;
  const last = conv.turns.at(-1)?.decision;
  const install = conv.pending.find((c) => c.tool === "partitionDisk");
  const stays = install ? ` The plan keeps: ${describeCall(install, facts)}.` : "";
  // My question is open: going back refuses what it offered, and the plan stays as it was.
  if (conv.offer && last && "reply" in last) {
    // "Before it, the plan had X. Shall I go back to that?": going back is the yes, when it erases nothing
    if (
      /\b(?:go back to that|put it back)\?\s*$/.test(last.reply) &&
      !conv.offer.calls.some((c) => erasesWholeDisk(c))
    )
      return { calls: conv.offer.calls };
    const erase = conv.offer.calls.find((c) => erasesWholeDisk(c));
    const what =
      erase && erase.tool === "partitionDisk" ? `I won't erase ${erase.args.disk}` : "I won't add that";
    return {
      reply: `OK, ${what}; nothing changed.${stays || (conv.pending.length ? " The plan is as it was." : "")}`,
    };
  }
  // The last change of the plan replaced the install: the one before comes back.
  for (let i = conv.turns.length - 1; i >= 0; i--) {
    const d = conv.turns[i]!.decision;
    if ("confirm" in d) break;
    if ("drop" in d) break;
    if (!("calls" in d)) continue;
    const now = (d.calls as PlanCall[]).find((c) => c.tool === "partitionDisk");
    if (!now || !install || !same(now, install)) break;
    const old = earlierInSlot(conv, i, "partitionDisk");
    if (!old || same(old, install)) break;
    // an erase comes back only through a question that names it; a free-space install at once
    if (erasesWholeDisk(old))
      return {
        reply: `Before that, the plan had: ${describeCall(old, facts)}. Shall I go back to that?`,
        offer: { calls: [old] },
      };
    return { calls: [old] };
  }
  const undone = readUndoLast({ ...conv, user: "undo the last change" }, facts);
  // nothing to take back: said plainly, never read as a request ("There is no recipe named back")
  return undone ?? { reply: conv.pending.length ? "The plan is as it was." : "Nothing is planned yet." };
}
