import type { Disk, Facts } from "../../facts/schema.js";
import { describeBytes } from "../../steps/size.js";
import { type Decision, MAX_CALLS } from "../../tools/decision.js";
import { clauses } from "../rules/clauses.js";
import { MIN_FREE_BYTES } from "../rules/diskRoom.js";
import { describeDisk } from "../rules/disks.js";
import type { ConversationView, PlanCall } from "../types.js";
import { contentOf, whatIsOn } from "./diskContent.js";
import { letsGo } from "./informedConsent.js";
import { foundIn } from "./partitionRefs.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * THE OTHER SIDE OF INFORMED CONSENT (informedConsent.ts). "wipe the nvme" asks, in so many words,
 * for the erase of a disk; it does not show that the person knows the disk holds Windows 11 (or
 * the "Photos" volume). Whoever says "wipe the nvme" about a disk they believe empty or spare loses
 * a system or data for good on a reflexive yes to the plan, and the plan's summary is read after
 * the decision, not before it. So an erase whose words neither name nor point at what is lost asks
 * first: "/dev/nvme0n1 holds Windows 11 (...): erase it?", with the erase as the question's `offer`,
 * so that "yes" (or "erase it", "windows can go") takes it and nothing more needs saying.
 *
 * What shows the person knows (any one is enough, and the erase is planned as before):
 * - their words, now or earlier in this conversation, name what is on that disk ("the windows
 *   nvme", "erase the mac disk", "my photos are on the seagate": foundIn);
 * - the words of this turn point at what is lost and let it go: "everything", "all of it",
 *   "whatever is on it", "start fresh", "from scratch", or a let-go (informedConsent.ts letsGo: "it's
 *   an old disk", "i don't need it", "it's backed up");
 * - my own replies in this conversation already said what the disk holds (the disk listing, the
 *   question this module asks), so an erase said after them is said knowing;
 * - the erase of that disk is already in the plan (a change of its layout asks nothing again).
 *
 * Safety: this only turns a planned erase into a question; it plans nothing and withdraws no
 * protection. The question names the disk and what it holds and offers exactly the calls the turn
 * asked for, so a "yes" takes what the words asked and nothing else (the offer passes the screen
 * and the erase gate again when taken). Blank disks, installs into the free space, and disks whose
 * content the facts do not show are not touched.
 */

/** Words that point at whatever the disk holds and let it go with the disk. */
const WHOLE_CONTENT =
  /\b(?:everything|all of it|all that|the lot|whatever(?:s| is| s)? on (?:it|there|them)|what(?:s| is| s) on (?:it|there)|(?:erase|wipe|delete|nuke|format|clear) it all|all (?:the |my )?(?:data|files|stuff|partitions|contents?)|its contents|contents and all|start(?:ing)? (?:fresh|over|clean|from scratch|from zero)|fresh start|from scratch|clean slate|clean install|scorched earth|blank slate|i know what(?:s| is| s) on)\b/;

const norm = (s: string) => ` ${s.toLowerCase().replace(/[’']/g, "").replace(/\s+/g, " ").trim()} `;

/** The person's words name something the disk holds (its system, its label). */
function namesContent(text: string, disk: Disk, facts: Facts): boolean {
  return clauses(text).some((c) =>
    foundIn(c.w, facts).some((f) => f.disk.path === disk.path && f.what !== undefined),
  );
}

/** My reply said what the disk holds: its path and one of its systems or labels. */
function toldContent(reply: string, disk: Disk): boolean {
  if (!new RegExp(`${disk.path.replace(/^\/dev\//, "")}(?![a-z0-9])`).test(reply)) return false;
  return contentOf(disk).some((p) =>
    [p.os, p.label].some((x) => typeof x === "string" && x !== "" && reply.includes(x)),
  );
}

/**
 * Another disk the install could take whole with nothing lost: a blank disk beside the one named.
 * There the bare erase of the disk that holds something is the classic mix-up ("I meant the other
 * one"), and asking costs one "yes". Where every disk holds something, an install has to erase or
 * share one of them, the person knows it, and the dev authors (50 turns to 2) expect the erase
 * planned, with its loss shown at the confirmation.
 */
function spareBeside(disk: Disk, facts: Facts): boolean {
  return facts.disks.some(
    (d) =>
      d.path !== disk.path &&
      !d.liveMedium &&
      !d.removable &&
      !d.mounted &&
      d.sizeBytes >= MIN_FREE_BYTES &&
      !contentOf(d).length,
  );
}

/**
 * "whole: /dev/sda", "scheme: whole, disk: /dev/sda", {"use": "whole"}: "whole" as the value of a
 * form field, with no verb that destroys. A form is filled in or pasted, and no sentence in it says
 * that what the disk holds goes; it asks like "use /dev/sda" does (attacker 27 L3), wherever the
 * install could go otherwise. So does "whole /dev/sda", the same line with no verb at all: a verb
 * of its own ("install on sda whole", "use the whole sda") is a sentence, read as before.
 */
const FORM_WHOLE = /(?:\b(?:whole|entire|full)\b["']?\s*[:=,]|[:=]\s*["']?(?:whole|entire|full)\b)/i;
const DESTROYS =
  /\b(?:wipe|wiped|wiping|erase|erased|erasing|format|formatted|formatting|reformat|nuke|nuked|overwrite|clear|delete|destroy|replace|scrap)\b/i;
/** "whole /dev/sda": the word with a disk and no verb at all, a form's line said bare. */
const VERB =
  /\b(?:use|using|install|installing|put|go|goes|take|want|need|make|do|give|set|pick|choose|target|place|load)\b/i;
// the tool's own call written out ("partitionDisk(disk='/dev/nvme0n1', use='whole')") asks in so
// many words, as eraseAsked.ts reads it
const formWhole = (text: string) =>
  !DESTROYS.test(text) &&
  !/partitiondisk/i.test(text) &&
  (FORM_WHOLE.test(text) || (/\b(?:whole|entire)\b/i.test(text) && !VERB.test(text)));

/** Keep words: a turn that keeps something beside the erase has sorted the disks. */
const SORTS =
  /\b(?:keep|keeps|keeping|stay|stays|leave|alone|spare|protect|untouched|intact|do not (?:modify|touch)|dont touch|not the)\b/;

/** The erase of this disk is asked without the words showing that the person knows what is lost. */
export function lossUnseen(disk: Disk, conv: ConversationView, facts: Facts): boolean {
  if (!contentOf(disk).length || disk.liveMedium) return false;
  if (!spareBeside(disk, facts) && !formWhole(conv.user)) return false;
  // "keep windows, wipe the seagate", "leave nvme0n1 (windows) alone": a turn that sorts the disks
  // into kept and erased has looked at what is where
  if (SORTS.test(norm(conv.user))) return false;
  if (conv.pending.some((p) => erasesWholeDisk(p, disk.path))) return false;
  const now = norm(conv.user);
  if (WHOLE_CONTENT.test(now)) return false;
  if (clauses(conv.user).some((c) => letsGo(c.said))) return false;
  if ([conv.user, ...conv.turns.map((t) => t.user)].some((t) => namesContent(t, disk, facts))) return false;
  return !conv.turns.some((t) => "reply" in t.decision && toldContent(t.decision.reply, disk));
}

/** The question before an erase said without knowing what is lost, offering the calls asked. */
export function unseenLossQuestion(disks: readonly Disk[], calls: readonly PlanCall[]): Decision {
  const said = disks
    .map((d) => {
      const on = contentOf(d)
        .map((p) => `${whatIsOn(p) || "a partition"} (${p.path}, ${describeBytes(p.sizeBytes)})`)
        .join(", ");
      return `${describeDisk(d)} holds ${on}.`;
    })
    .join(" ");
  const which = disks.length > 1 ? "them" : "it";
  return {
    reply: `${said} Installing there erases ${which}, and what is on ${which} is lost for good. Shall I erase ${which} and install there? ("yes" erases ${which}; to keep it, name another disk${disks.some((d) => (d.freeBytes ?? 0) > 0) ? ' or say "use the free space"' : ""}.)`,
    offer: { calls: calls.slice(0, MAX_CALLS) },
  } as Decision;
}
