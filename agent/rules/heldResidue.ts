import type { Facts } from "../../facts/schema.js";
import { disksNamedIn } from "../safety/eraseAim.js";
import { THINGS } from "../safety/personsThings.js";

/**
 * "oh no, the crucial = backups", "btw backups on crucial", "the crucial? backups!", "wait thats my
 * backup disk", "backup drive!!", "crucial has backups fyi", "the crucial is where I back up to"
 * (attacker 28 H12): a turn that says nothing but that a disk holds the person's things. Read by
 * what is LEFT once the things, the disk's names and the words that only link them are taken out,
 * not by the link's form: "=", ":", "on", "has", "is my", "is where I back up to", a question mark
 * or an exclamation are all links, so a statement in any of these forms (and in the next form
 * nobody listed) reads the same. Any other word left over (a verb, a negation, a question word) and
 * the turn is not this statement: the other readers read it.
 *
 * Safety: the only thing this reading can say is a keep; a leftover word always falls through to
 * the readers that ran before, so no request is ever lost to it, and a person who meant "erase it
 * anyway" is asked to say so (one sentence), never the backups.
 */

const THING = new RegExp(String.raw`\b${THINGS}\b`, "gi");
// "I back up to it", "where we back things up": the act of backing up names the things too
const BACKING_UP =
  /\b(?:i|we)\s+(?:always\s+|usually\s+|normally\s+)?back\s*-?\s*(?:\w+\s+)?up\b(?:\s+(?:to|on|onto|in|into))?/gi;
// a protest before the statement ("oh no,", "no no!", "nooo"): only with its mark or its "oh",
// never "no backups on it"
const PROTEST = /^\s*(?:(?:oh+|ah+|uh+)\s+)?(?:n+o+\s*)+[,!.]+|^\s*oh+\s+n+o+\b/i;

/** The words that only tie things to a disk, or only colour the sentence: a closed class. */
const LINK = new Set(
  (
    "the a an my our his her their mine ours all of some most lots whole entire full important " +
    "precious old older new only every single " +
    "is s are was were isnt isn't aint ain't am be has have had got gets holds hold contains contain " +
    "keeps keep stores store carries with on in onto inside at there here where which that thats " +
    "that's this it its it's they them those these one ones i we you me us to for " +
    "disk drive drives disks ssd hdd hdds disc stick nvme partition " +
    "btw fyi wait hey careful whoa woah omg dude um umm uh hmm ah argh oops oh so also just " +
    "right eh innit really seriously lol honestly actually"
  ).split(" "),
);

/** The disks the statement is about, if the turn says nothing but that they hold the person's things. */
export function heldStatementDisks(text: string, facts: Facts): string[] | undefined {
  const t = text.toLowerCase().replace(/[’`]/g, "'").replace(PROTEST, " ");
  // "is sdb the elements backup?": a question that names no owner asks which disk is which (the
  // answer is mine to give); "isn't that MY backup drive?" says whose, and is the objection
  const asks = /\?\s*$/.test(t) || /^\s*(?:\w+[\s,]+)?(?:is|are|does|do|was|isnt|isn't)\b/.test(t);
  if (asks && !/\b(?:my|our|mine|ours)\b/.test(t)) return undefined;
  const withThings = t.replace(BACKING_UP, " backups ");
  if (!new RegExp(THING.source, "i").test(withThings)) return undefined;
  const rest = withThings.replace(THING, " ");
  const words = rest.match(/[a-z0-9][a-z0-9/._'-]*/g) ?? [];
  for (const w of words) {
    if (LINK.has(w)) continue;
    if (/^\d+(?:\.\d+)?(?:gb|tb|g|t)?$/.test(w) || w === "gb" || w === "tb") continue;
    if (disksNamedIn(w, facts).length) continue;
    return undefined;
  }
  return disksNamedIn(t, facts);
}
