import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { describeTarget } from "../rules/alongside.js";
import type { ConversationView, PlanCall } from "../types.js";
import { disksNamedIn } from "./eraseAim.js";
import { erasesWholeDisk, isDiskInstall } from "./wholeErase.js";

/**
 * "what about the Samsung, over", "how about sdb?", "and the crucial?": a disk brought up as an
 * alternative is a question about it, not a choice of it (dev h17-124#2 erased the Samsung on
 * "negative on that one. what about the Samsung"). The install the backend read there is offered,
 * so that a yes takes it and nothing else does; it is never planned from such a sentence.
 *
 * One case stays a pick (CONTRACTS §2, a short answer to my question): my last reply asked which
 * disk, and the disk named is empty, so a yes-by-reflex loses nothing. A disk that holds anything
 * is never picked by a "what about", nor its whole erase offered (another screen's offer included):
 * it is described, and its erase takes words of its own.
 *
 * Read by the sentence's form, not by the disk's name: an opener that puts something up for
 * consideration ("what about", "how about", "what of"), or a bare conjunction and a name asked
 * with a rising tone ("and the nvme?", "und die samsung?"), with no verb of its own that acts.
 */

/** Words before the opener that change nothing: "copy.", "ok", "and", "so". */
const LEAD = String.raw`(?:(?:and|so|ok|okay|copy|roger|then|but|well|hmm|um|right|alright|negative|nah|no)[,\s]+)*`;
/** "what about X", "how about X", "what of X": X is put up for consideration. */
const CONSIDER = new RegExp(String.raw`^${LEAD}(?:what|how)\s+(?:about|of)\b`, "i");
/** "and the nvme?", "und die samsung?", "y el samsung?": a conjunction, a name and a question mark. */
// ("i" is left out: the English pronoun, "i guess the nvme?", is the answer said with a rising tone)
const AND_ASKED = /^(?:and|und|et|y|e|en|og|och|or|oder|ou|o)\s+[^?]{1,40}\?$/i;
/** A verb that acts in the same sentence makes it a request again ("what about installing on sdb"). */
const ACTS =
  /\b(?:install(?:ing)?|put(?:ting)?|use|using|erase|erasing|wipe|wiping|format(?:ting)?|nuke|overwrite|go with|take|pick|choose)\b/i;

/** Sentences of a turn, split at their marks (", over" closes a radio sentence as well). */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.?!;])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function asksAbout(sentence: string): boolean {
  const s = sentence.replace(/[’]/g, "'");
  if (ACTS.test(s)) return false;
  return CONSIDER.test(s) || AND_ASKED.test(s);
}

/** My last reply asked which disk ("Which disk should I install onto: ...?"). */
function askedWhichDisk(conv: ConversationView): boolean {
  const last = conv.turns.at(-1)?.decision;
  return (
    !!last && "reply" in last && /\b(?:which|what)\s+(?:disk|drive|one)\b|\bwhere should\b/i.test(last.reply)
  );
}

export function screenAskedAlternative(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  const offered = "reply" in decision;
  const proposed =
    "calls" in decision ? decision.calls : "reply" in decision ? (decision.offer?.calls ?? []) : [];
  const installs = proposed.filter(isDiskInstall);
  if (!installs.length) return decision;
  const parts = sentences(conv.user);
  const asked = new Set(parts.filter(asksAbout).flatMap((s) => disksNamedIn(s, facts)));
  if (!asked.size) return decision;
  const elsewhere = new Set(parts.filter((s) => !asksAbout(s)).flatMap((s) => disksNamedIn(s, facts)));
  const onlyAsked = (c: PlanCall) =>
    isDiskInstall(c) && asked.has(c.args.disk) && !elsewhere.has(c.args.disk);
  const hit = installs.find(onlyAsked);
  if (!hit) return decision;
  const disk = facts.disks.find((d) => d.path === hit.args.disk);
  const empty = !!disk && (disk.partitions?.length ?? 0) === 0;
  const named = disk ? describeTarget(disk) : hit.args.disk;
  // a disk that holds something, only asked about: described, its erase neither planned nor
  // offered to a reflex yes (tester 19 D2: "what about the ironwolf" at my which-disk question
  // got "Shall I erase it anyway?", and "yes" erased the family photos)
  if (erasesWholeDisk(hit) && !empty)
    return {
      reply: `You asked about ${named}: installing onto the whole disk erases what it holds for good, so nothing is planned or offered. To do that, say "erase ${hit.args.disk.replace(/^\/dev\//, "")} and install there"; or choose another disk.`,
    };
  // an offer of an empty disk, or of the free space beside a system, loses nothing to a yes
  if (offered) return decision;
  // "Which disk?" "how about the crucial?": an empty disk named in answer to my question is the pick
  if (empty && askedWhichDisk(conv)) return decision;
  return { reply: `You asked about ${named}. Install there? (yes / no)`, offer: { calls: proposed } };
}
