import type { Disk, Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { clauses } from "../rules/clauses.js";
import { describeDisk } from "../rules/disks.js";
import type { ConversationView, PlanCall } from "../types.js";
import { contentOf, whatIsOn } from "./diskContent.js";
import { foundIn } from "./partitionRefs.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * A LET-GO OR YES THAT THE SAME TURN TAKES BACK, DOUBTS, NARROWS OR QUOTES (attacker 29 H1, H4).
 * The consent readers read a turn clause by clause, so "the photos can go, maybe" held one clause
 * of consent ("the photos can go") and one of doubt ("maybe") that spoke of nothing, and the doubt
 * was lost; so were "— or so I thought", "... wait", "I suppose", "except the raw files",
 * "photos=can go", "yes, she said", "ja, vielleicht", "oui, peut-être" and a quoted "yes".
 *
 * The shape: words anywhere in the turn that leave the turn's own decision open. A hedge of belief
 * (maybe, I suppose, I think, in any of the languages the chat reads), a take-back (wait, or so I
 * thought, never mind, not really), an exception out of what is lost (except, apart from, but not:
 * unless what is excepted is another disk, which only sorts the disks), someone else's words
 * (she said, he told me), a quoted answer, or a line of code (`photos=can go`) that is nobody's
 * voice. None of them is a go-ahead to lose a system or a person's data for good.
 *
 * Safety: this only ever turns a newly planned erase of a disk that holds something into a
 * question whose offer is the same calls, so a plain "yes" afterwards takes exactly that; it adds
 * nothing and withdraws no protection. What it costs: an erase said with a stray "I think" in it
 * ("wipe the nvme, I think btrfs is nicer") is asked once more.
 */

const norm = (s: string) =>
  ` ${s.toLowerCase().replace(/[’']/g, "").replace(/[—–]/g, " - ").replace(/\s+/g, " ").trim()} `;

/** Belief hedged, in the languages the chat reads (the whole closed class of each). */
const HEDGE =
  /\b(?:maybe|mayhaps|perhaps|probably|possibly|presumably|i guess|i suppose|i think|i reckon|i believe|i assume|i figure|not sure|unsure|dunno|idk|dont know|kinda|sort of|i hope|hopefully|vielleicht|eventuell|wahrscheinlich|glaube ich|ich glaube|denke ich|ich denke|peut etre|peut-être|peut être|je pense|je crois|sans doute|probablement|quiz[aá]s?|tal vez|a lo mejor|creo|supongo|probablemente|forse|credo|penso|probabilmente|talvez|acho|acho que|provavelmente|misschien|denk ik|może|chyba)\b/;
/** The turn's own words taken back or put on hold. */
const TAKEBACK =
  /\b(?:or so i thought|or so i think|or not|wait|hold on|hang on|on second thought|second thoughts|never ?mind|nvm|scratch that|forget (?:it|that)|not really|just kidding|jk|kidding|lol no|actually no|no wait|moment|warte|attends|espera|aspetta)\b|\.\.\.\s*$|…\s*$/;
/** Someone else's words, not the user's ("yes, she said", "my wife says the photos can go"). */
const REPORTED =
  /\b(?:she|he|they|someone|somebody|my \w+|the \w+)\s+(?:said|says|say|told me|tells me|thinks|wrote|writes)\b|,\s*(?:said|says)\s+(?:she|he|they|my \w+)\b/;
/** An exception out of the loss. */
const EXCEPT =
  /\b(?:except|excepting|apart from|aside from|other than|besides|save for|but not|minus|excluding|without losing|au(?:ss|ß)er|ausgenommen|sauf|excepto|salvo|menos|tranne|eccetto|exceto)\b/;
/** A word for a whole disk or stick. */
const DISK_WORD =
  /\b(?:usb|stick|thumb ?drive|flash ?drive|installer|live|disk|disks|drive|drives|ssd|ssds|hdd|hdds|nvme|sd[a-z]|nvme\d+n\d+|other one|others)\b/;
/** Code, not a sentence: `photos=can go`, `erase(sda)`, `yes==true`. */
const CODE = /[=]|\w\(\s*\w*\s*\)|[{}]/;
/** A quoted answer: `"yes"`, 'ok'. */
const QUOTED = /^\s*["“'«][^"“”'«»]*["”'»]\s*[.!]*\s*$/;

/** Which shape, if any, leaves the turn's consent open; with the words that did. */
export function openedConsent(text: string, disk: Disk, facts: Facts): string | undefined {
  if (QUOTED.test(text)) return text.trim();
  const t = norm(text);
  for (const re of [HEDGE, TAKEBACK, REPORTED, CODE]) {
    const m = re.exec(re === CODE ? text : t);
    // a take-back that opens the turn ("forget it, my backups are there. replace fedora", "wait,
    // wipe the samsung") drops what came before this turn, and what follows it is the request
    if (
      m &&
      re === TAKEBACK &&
      !/[a-z0-9]/.test(t.slice(0, m.index).replace(/\b(?:ok|okay|oh|hmm|um|uh|no|nah|so|and)\b/g, ""))
    )
      continue;
    // code is quoted whole: its "=" alone says nothing to the person
    if (m) return re === CODE ? text.trim() : m[0].trim();
  }
  // an exception whose object is another disk only sorts the disks ("wipe everything except the
  // usb", "erase all but sda"); one that names this disk's content or nothing known narrows the loss
  for (const c of clauses(text)) {
    const m = EXCEPT.exec(norm(c.said));
    if (!m) continue;
    const after = norm(c.said)
      .slice(m.index + m[0].length)
      .trim()
      .split(" ");
    const found = foundIn(after, facts);
    if (found.length && found.every((f) => f.disk.path !== disk.path && f.what === undefined)) continue;
    // "except the usb obviously", "but not the other drive": a disk word the facts did not place
    // is still a disk, never a part of what this disk holds
    if (!found.some((f) => f.disk.path === disk.path) && DISK_WORD.test(` ${after.join(" ")} `)) continue;
    return m[0].trim();
  }
  return undefined;
}

/** The erase planned now of a disk that holds something, where the turn leaves the consent open. */
export function screenDoubtedErase(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision)) return decision;
  const fresh = decision.calls.filter(
    (c) =>
      erasesWholeDisk(c) && !conv.pending.some((p) => erasesWholeDisk(p, (c.args as { disk: string }).disk)),
  ) as Extract<PlanCall, { tool: "partitionDisk" }>[];
  const hits: { disk: Disk; why: string }[] = [];
  for (const c of fresh) {
    const disk = facts.disks.find((d) => d.path === c.args.disk);
    if (!disk || disk.liveMedium || !contentOf(disk).length) continue;
    const why = openedConsent(conv.user, disk, facts);
    if (why) hits.push({ disk, why });
  }
  if (!hits.length) return decision;
  const lines = hits.map(({ disk }) => {
    const on = contentOf(disk)
      .map((p) => `${whatIsOn(p) || "a partition"} (${p.path})`)
      .join(", ");
    return `${describeDisk(disk)} holds ${on}; installing there erases it for good.`;
  });
  const why = hits[0]!.why;
  return {
    reply: `${lines.join(" ")} Your words ("${why}") leave that open, so I added nothing. Shall I erase it and install there? (yes / no)`,
    offer: { calls: decision.calls },
  };
}
