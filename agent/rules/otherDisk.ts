import type { Token } from "./text.js";

/**
 * "Other" points at a disk ("the other one", "use the other", "another disk", "the other
 * samsung", "the other big one", "the other 1tb") only where what follows it could describe a
 * disk. "Any other business: none", "other stuff later", "no other programs" put "other" before a
 * noun of their own, and a disk reader that took them as "the other disk" moved a confirmed
 * install to the disk the user did not choose (dev29 h28-163#4, meeting minutes: the plan's
 * Crucial was replaced by the Samsung at the motion to approve). The shape: after "other" and any
 * size or disk adjectives, an open-class word that describes no disk here ends the reading; a
 * function word, punctuation or the end of the turn leaves "other" pointing. Safe: it only takes
 * a disk pointer away, and a turn that points at no disk changes no disk.
 */
export function otherPointsAtDisk(
  tokens: readonly Token[],
  describesDisk: (word: string) => boolean,
): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.norm !== "other" && tokens[i]!.norm !== "another") continue;
    if (pointsFrom(tokens, i + 1, describesDisk)) return true;
  }
  return false;
}

function pointsFrom(
  tokens: readonly Token[],
  from: number,
  describesDisk: (word: string) => boolean,
): boolean {
  for (let j = from; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind !== "word") return true; // punctuation, a number or size, a path
    const w = t.norm;
    if (DISK_NOUNS.has(w) || describesDisk(w)) return true;
    if (ADJECTIVES.has(w)) continue;
    return FUNCTION_WORDS.has(w);
  }
  return true;
}

/** What a disk is called, whatever the machine has. */
const DISK_NOUNS = new Set([
  "one",
  "ones",
  "disk",
  "disks",
  "drive",
  "drives",
  "dsk",
  "drvie",
  "driv",
  "ssd",
  "ssds",
  "hdd",
  "hdds",
  "hd",
  "nvme",
  "device",
  "devices",
  "stick",
  "storage",
  "harddrive",
  "harddisk",
  "than",
  "then",
  "thn",
  "option",
  "choice",
  "half",
  "side",
  "partition",
  "place",
  "spot",
  "location",
  "slot",
  "m2",
  "m.2",
]);

/** Words between "other" and the disk noun ("the other big one", "another empty drive"). */
const ADJECTIVES = new Set([
  "big",
  "bigger",
  "biggest",
  "small",
  "smaller",
  "smallest",
  "large",
  "larger",
  "little",
  "tiny",
  "huge",
  "empty",
  "blank",
  "new",
  "newer",
  "old",
  "older",
  "fast",
  "faster",
  "slow",
  "slower",
  "spinning",
  "internal",
  "external",
  "spare",
  "unused",
  "free",
  "second",
  "2nd",
  "main",
  "good",
  "clean",
  "fresh",
  "physical",
  "real",
  "actual",
  "solid",
  "state",
  "hard",
  "flash",
]);

/**
 * Closed classes that may follow a pointing "other": fillers, pronouns, prepositions,
 * conjunctions, auxiliaries ("the other please", "the other for linux", "use the other and keep
 * this one", "the other is fine").
 */
const FUNCTION_WORDS = new Set([
  "please",
  "pls",
  "plz",
  "plss",
  "thanks",
  "thx",
  "ty",
  "instead",
  "now",
  "too",
  "then",
  "though",
  "tho",
  "i",
  "we",
  "you",
  "it",
  "its",
  "me",
  "mine",
  "my",
  "this",
  "that",
  "those",
  "these",
  "there",
  "here",
  "for",
  "to",
  "in",
  "on",
  "into",
  "onto",
  "with",
  "without",
  "from",
  "of",
  "at",
  "as",
  "by",
  "like",
  "and",
  "or",
  "but",
  "so",
  "if",
  "because",
  "cause",
  "cuz",
  "since",
  "while",
  "not",
  "no",
  "yes",
  "is",
  "s",
  "isnt",
  "was",
  "be",
  "will",
  "would",
  "should",
  "can",
  "could",
  "may",
  "might",
  "must",
  "do",
  "does",
  "did",
  "has",
  "have",
  "had",
  "am",
  "are",
  "ll",
  "d",
  "re",
  "ve",
  "ok",
  "okay",
  "right",
  "rather",
  "anyway",
  "anyways",
  "again",
  "altogether",
  "entirely",
  "only",
  "just",
  "also",
  "first",
  "lol",
  "haha",
  "mate",
  "bro",
  "man",
  "dude",
  "the",
  "a",
  "an",
  "which",
  "what",
  "where",
  "whole",
  "all",
  "everything",
]);
