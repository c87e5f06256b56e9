import type { Facts } from "../../facts/schema.js";
import type { Clause } from "../rules/clauses.js";
import { THINGS } from "./personsThings.js";

/**
 * The words that say a disk holds the user's own things (tester 7; tester 27 D2: "the DATA disk
 * has my stuff", "the seagate ist my fotos, dont touch", "the two big hdds have all my work").
 * Nobody says that of a disk they want erased; said, it keeps the disk the way "keep the samsung"
 * does (agent/safety/partitionRefs.ts: withJudgedKeeps), and a later slip that names the disk is
 * answered with the user's own words instead of the generic erase question.
 *
 * The closed classes, not the examples: the things (./personsThings.ts, shared with the objection
 * reader: every common word for what a person stores,
 * "stuff" and "things" included, both numbers, the German-looking spellings a non-native writes),
 * the owners (my, our, his, her, their, the family's, the kids', my wife's …), the holding verbs
 * (has, have, holds, contains, keeps, stores, got, is full of) and the copula said of a disk ("is
 * my photos", "ist my fotos", "is all my work", "is my games drive").
 */
const OWNER = String.raw`(?:my|our|his|her|their|mine|the\s+family(?:s|'s)?|the\s+kids(?:'|'s)?|my\s+\w+s|my\s+\w+'s)`;
const ALL = String.raw`(?:(?:all|most|half|some|lots)\s+(?:of\s+)?)?`;
const ADJ = String.raw`(?:\w+\s+){0,2}`;

/**
 * Whatever a person says a disk holds that is theirs is theirs (attacker 28 M1: "the nvme has my
 * vms", "holds my taxes", "my repos live on the nvme"): after a verb that only ever says holding
 * and a possessive, the noun is open (any word but a function word), so no list of things has to
 * know it. "with" stays closed ("install on the nvme with my settings" holds nothing).
 * Safety: this only ever keeps; a person who meant the disk to go is asked, losing one sentence.
 */
const STRONG_HOLD = String.raw`(?:has|holds|contains|have|hold|contain|stores|store|got|carries|is\s+full\s+of|are\s+full\s+of)`;
const OPEN_NOUN = String.raw`(?:\w+\s+){0,2}(?!(?:the|a|an|it|them|that|this|and|or|to|on|in|for|of|own|way|eye|back|word|permission|ok|okay|blessing|vote|attention|doubts|reasons?)\b)[a-z]{2,}`;
/** "has my backups", "holds all my photos", "the hdds have all my work", "is full of my stuff". */
export const HOLDS = new RegExp(
  String.raw`\b(?:(?:has|holds|contains|have|hold|contain|keeps|stores|store|got|carries|is\s+full\s+of|are\s+full\s+of|full\s+of|with)\s+${ALL}${OWNER}\s+${ADJ}${THINGS}|${STRONG_HOLD}\s+${ALL}${OWNER}\s+${OPEN_NOUN})\b`,
);
/** "the seagate is my photos", "the seagate ist my fotos", "sdb is all my work", "thats my stuff". */
// "=" has no word boundary before it ("nvme = my whole life", attacker 28 M1)
export const IS_MINE = new RegExp(
  String.raw`(?:\b(?:is|ist|are|s|thats|that's)|=)\s+${ALL}${OWNER}\s+${ADJ}${THINGS}\b`,
);
/** "my photos are on the WD", "our pictures live on sda", "my stuff is on the DATA disk". */
export const LIVES_ON = new RegExp(
  String.raw`\b(?:${OWNER}\s+(?:${ADJ}${THINGS}|${OPEN_NOUN})|the\s+${ADJ}${THINGS})\s+(?:are|is|ist|live|lives|sit|sits|stay|stays|were|was)\s+(?:all\s+)?(?:on|in)\b`,
);
/** "there are backups on it", "there's important stuff on that disk". */
export const THERE_ARE = new RegExp(
  String.raw`\bthere(?:s|\s+(?:is|are))\s+(?:my\s+|our\s+|some\s+|important\s+|all\s+)*${THINGS}\s+(?:on|in)\b`,
);

/**
 * Which held disks a request in the same turn may be about. A turn that also asks for an erase or
 * an install ("sda has my old backups, wipe it") is read by the request readers for the disk the
 * request points at; a holding clause about ANOTHER disk still keeps its disk ("the two big hdds
 * have all my work, install on the samsung": the request names the samsung, the hdds stay).
 * `undefined`: the turn asks for nothing. `"any"`: a request names no disk (a pronoun, a bare
 * "wipe it"), so it may be about any held disk and none is kept here (as before).
 */
const OTHER = new Set(["other", "another", "remaining", "different", "others", "rest"]);

export function requestedDisks(
  parts: readonly Clause[],
  facts: Facts,
  isRequest: (said: string) => boolean,
  disksIn: (w: readonly string[]) => string[],
): Set<string> | "any" | undefined {
  let out: Set<string> | undefined;
  for (const p of parts) {
    if (!isRequest(` ${p.w.join(" ")} `)) continue;
    const named = disksIn(p.w);
    // "the samsung has my photos, use the other one": a request for "the other"/"another" disk is,
    // by its own words, about a disk other than the one just said to hold the person's things, so
    // it leaves that keep standing (attacker 27 M7); which other disk is meant is asked later
    if (!named.length && p.w.some((x) => OTHER.has(x))) {
      out ??= new Set();
      continue;
    }
    const pointing = p.w.some((x) =>
      ["it", "them", "there", "that", "this", "those", "these", "em"].includes(x),
    );
    if (!named.length || pointing || HOLDS.test(` ${p.w.join(" ")} `) || IS_MINE.test(` ${p.w.join(" ")} `))
      return "any";
    out ??= new Set();
    for (const d of named) out.add(d);
  }
  void facts;
  return out;
}

/**
 * The words that name the disk of a holding statement: before the holding verb or copula ("the two
 * big hdds" of "the two big hdds have all my work"), after "on"/"in" ("the DATA disk" of "my
 * stuff is on the DATA disk").
 */
export function heldSubject(said: string): string | undefined {
  const m = HOLDS.exec(said) ?? IS_MINE.exec(said);
  const phrase = m
    ? said.slice(0, m.index).trim()
    : ((): string => {
        const l = LIVES_ON.exec(said);
        return l ? said.slice(l.index + l[0].length).trim() : "";
      })();
  return phrase && phrase.split(/\s+/).length <= 6 ? phrase : undefined;
}
