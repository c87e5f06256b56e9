import { BRANDS } from "./diskBrands.js";
import { DISK_WORDS } from "./vocab.js";

/**
 * The free region said as an empty thing of the user's own picture (issue 14, dev-alongside21):
 * "the blank skin next to it", "an empty bay next to it", "the empty hold", "the bare bit of
 * wall", "200 gigs of open water", "the empty seats beside it". By grammar, not by noun: an
 * emptiness adjective after a determiner or a preposition, on a noun that names no disk, is the
 * free space of a disk; the same adjective on a disk ("the empty one", "the empty seagate", "the
 * blank 2tb drive") or said of something ("the WD is empty") is still a blank disk, read as before.
 *
 * Safety: this reading only ever ends in use "free" (or a question), which keeps every partition
 * byte for byte; a blank disk is never read as a free region by it, since a disk word, a brand, a
 * model word or a size after the adjective keeps the disk reading.
 */

/** Adjectives of emptiness that may stand for the free region before any noun. */
const EMPTINESS = new Set([
  "empty",
  "blank",
  "bare",
  "open",
  "vacant",
  "unused",
  "unoccupied",
  "unclaimed",
  "unfilled",
  "spare",
  "free",
  "leftover",
  "unallocated",
  "unpartitioned",
]);

/** What opens a noun phrase before the adjective: "the empty hold", "of open water", "in empty land". */
const OPENERS = new Set([
  "the",
  "a",
  "an",
  "some",
  "that",
  "this",
  "those",
  "these",
  "its",
  "my",
  "your",
  "our",
  "their",
  "his",
  "her",
  "any",
  "whatever",
  "in",
  "into",
  "on",
  "onto",
  "of",
  "to",
  "at",
]);

/** Words that end the noun phrase: a preposition or a link ("the empty bay on the 870"). */
const PHRASE_END = new Set([
  "on",
  "in",
  "into",
  "onto",
  "of",
  "at",
  "next",
  "beside",
  "besides",
  "alongside",
  "near",
  "by",
  "after",
  "before",
  "behind",
  "with",
  "from",
  "to",
  "for",
  "and",
  "or",
  "but",
  "is",
  "are",
  "was",
  "be",
  "then",
  "there",
  "please",
  "pls",
  "so",
  "too",
  "now",
  "as",
  "that",
  "which",
  "where",
]);

/**
 * Heads that are no place: "a clean install", "a blank slate", "bare metal", "the free version",
 * "an empty windows" (a system, read by the system readers).
 */
const NOT_PLACE = new Set([
  "install",
  "installs",
  "installation",
  "reinstall",
  "setup",
  "system",
  "systems",
  "slate",
  "metal",
  "start",
  "version",
  "source",
  "copy",
  "state",
  "mind",
  "hand",
  "windows",
  "linux",
  "machine",
  "computer",
  "laptop",
  "pc",
  "box",
]);

/** Words that make the phrase a disk ("the empty one"), whatever the facts hold. */
const DISK_HEADS = new Set(["one", "ones", "disk", "disks", "drive", "drives", "device", "devices"]);

/** Model families said without their brand ("the blank evo", "the empty barracuda", "the spare blue"). */
const FAMILIES = new Set([
  "evo",
  "pro",
  "plus",
  "barracuda",
  "ironwolf",
  "firecuda",
  "skyhawk",
  "exos",
  "black",
  "blue",
  "red",
  "green",
  "purple",
  "gold",
  "cruzer",
  "sata",
  "ssd",
  "hdd",
  "hard",
  "external",
  "internal",
  "usb",
  "m2",
]);

/**
 * A word that may name a disk without the facts: a disk noun, a kind, a brand, a model family, a
 * size or a model number.
 */
export function diskishWord(w: string): boolean {
  return (
    DISK_HEADS.has(w) || DISK_WORDS.has(w) || Object.hasOwn(BRANDS, w) || FAMILIES.has(w) || /\d/.test(w)
  );
}

/**
 * The emptiness adjective at `i` is said of a place, not a disk: it follows an opener, a noun
 * follows it, and nothing up to the end of the phrase (three words at most) may name a disk.
 * `diskish` says which words name a disk here (the caller's facts: brands, model words).
 */
export function emptyPlaceAt(words: readonly string[], i: number, diskish: (w: string) => boolean): boolean {
  if (!EMPTINESS.has(words[i] ?? "") || !OPENERS.has(words[i - 1] ?? "")) return false;
  // "the Seagate is the spare roll": said of a subject, a description of that disk ("there is an
  // empty bay" is no subject's)
  if (/^(?:is|are|was|were|s)$/.test(words[i - 2] ?? "") && words[i - 3] !== "there") return false;
  const head = words[i + 1] ?? "";
  // "the empty" at the end, or "the free and the empty": no noun
  if (!/^[a-z]{3,}$/.test(head) || PHRASE_END.has(head) || NOT_PLACE.has(head)) return false;
  for (let k = i + 1; k < Math.min(words.length, i + 4); k++) {
    const x = words[k]!;
    if (PHRASE_END.has(x)) break;
    if (diskish(x) || DISK_HEADS.has(x)) return false;
  }
  return true;
}

/** Some emptiness adjective in the words is said of a place (`diskish` as for emptyPlaceAt). */
export function saysEmptyPlace(
  words: readonly string[],
  diskish: (w: string) => boolean = diskishWord,
): boolean {
  return words.some((_, i) => emptyPlaceAt(words, i, diskish));
}

/** "next to it", "beside windows", "alongside": the words place the install beside something. */
export function saysBeside(words: readonly string[]): boolean {
  return words.some(
    (x, i) =>
      x === "beside" ||
      x === "besides" ||
      x === "alongside" ||
      x === "dualboot" ||
      (x === "next" && words[i + 1] === "to") ||
      (x === "dual" && words[i + 1] === "boot"),
  );
}

/** Where the free region is put by a remainder phrase: "in the gap", "use whatever is left". */
const INTO = new Set(["in", "into", "on", "onto", "use", "fill", "take"]);
/** What a remainder is said as after "what"/"whatever" ("whatever is left", "what's already free"). */
const LEFT = new Set([
  "left",
  "free",
  "remaining",
  "spare",
  "unused",
  "empty",
  "unallocated",
  "unpartitioned",
  "available",
  "open",
]);

/**
 * "levitate goes in the gap", "use whatever is left", "ok use whats already free", "install on what
 * remains", "whatever is free on vda": the free region said as a remainder, after a word that puts
 * the install there (a place preposition, or "use"). Only after such a word, so "remove what is
 * left of htop" or "what's left?" never read as a place.
 *
 * Safety: like every free-region reading, it ends in use "free" (keeps every partition) or a question.
 */
export function saysRemainder(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (!INTO.has(words[i]!)) continue;
    let k = i + 1;
    if (/^(?:the|a|that|this)$/.test(words[k] ?? "") && /^gaps?$/.test(words[k + 1] ?? "")) return true;
    if (!/^(?:what|whatever|whats|whatevers)$/.test(words[k] ?? "")) continue;
    k++;
    if (words[k] === "remains") return true;
    if (/^(?:is|s|was)$/.test(words[k] ?? "")) k++;
    if (/^(?:already|still|now)$/.test(words[k] ?? "")) k++;
    if (LEFT.has(words[k] ?? "")) return true;
  }
  return false;
}
