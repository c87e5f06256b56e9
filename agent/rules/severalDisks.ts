/**
 * Whether a destructive request's quantifier is of disks ("wipe all disks", "use both drives",
 * "erase them all", "wipe the Fedora drive and the Seagate both"), which gets the several-disks
 * reply (agent/rules/refusals.ts), or a word of the same spelling that quantifies nothing of the
 * kind (round 26 dev: "I'd rather you didn't touch the games drive at all then. use the empty
 * crucial", "the WD has all my family photos. install on the samsung, whole disk", "(1) Windows on
 * the WD Blue, (2) the Games drive. Both excluded from any work. New install: unallocated space on
 * the WD Blue").
 *
 * refusals.ts asks for a quantifier and a disk noun anywhere in the turn (a tighter adjacency lost
 * "the Seagate both"); this says when every quantifier is one of three uses that never quantify
 * the disks a request acts on:
 * - "at all": an idiom that stresses a negation ("not at all", "didn't touch it at all");
 * - "all/every" of what is on a disk: "all my photos", "all of our music", "every file";
 * - a sentence of its own that holds no destructive or placing word: "Both excluded from any
 *   work.", "all drives stay." (keeps, read by the safety screen), while the request is another
 *   sentence. A request sentence that points back with a plural pronoun ("Both disks are old.
 *   Wipe them.") still counts the quantifier.
 *
 * Safety: this only narrows when the several-disks refusal fires. A turn that no longer gets it is
 * read by the disk readers like any other, and those plan an erase only where one disk is named as
 * the target, while every keep the words say is read by the screen (agent/safety/) whatever this
 * says; a quantifier that does sit beside the request ("wipe the fedora drive and the seagate
 * both") keeps the refusal.
 */

import type { Token } from "./text.js";

const QUANTIFIER = /^(?:all|every|both|each)$/;
const DESTRUCTIVE = /^(?:wipe|erase|format|partition|install|use|delete|remove)$/;
const DETERMINER = /^(?:my|our|me|his|her|their|your|the|of|those|these)$/;
/** What a disk holds, never a disk: "all my photos", "every file". */
const CONTENT =
  /^(?:photos?|pictures?|pics|files?|data|stuff|music|songs?|videos?|movies?|films?|games?|saves?|documents?|docs|work|backups?|memories|things|projects?|letters?|mail|emails?|programs?|apps?|settings|partitions?)$/;
/** A request sentence that points back at another one's disks: "Both disks are old. Wipe them." */
const POINTS_BACK = /^(?:them|they|both|all|those|these|each)$/;

/** The turn's sentences (split at . ! ? ; and line ends), as normalized words. */
function sentences(tokens: readonly Token[]): string[][] {
  const out: string[][] = [[]];
  for (const t of tokens) {
    if (t.kind === "punct") {
      if (/[.!?;\n]/.test(t.raw) && out.at(-1)!.length) out.push([]);
    } else out.at(-1)!.push(t.norm);
  }
  return out.filter((s) => s.length);
}

/** The quantifier at `i` is an idiom or of what a disk holds: "at all", "all my photos". */
function notOfDisks(w: readonly string[], i: number): boolean {
  if (w[i] === "all" && w[i - 1] === "at") return true;
  if (w[i] === "both") return false;
  // "all my photos", "all of our music", "every file": past the determiners to the noun
  let j = i + 1;
  while (j < w.length && j <= i + 3 && DETERMINER.test(w[j]!)) j++;
  return CONTENT.test(w[j] ?? "") || CONTENT.test(w[j + 1] ?? "");
}

/**
 * Every quantifier of the words is one that quantifies no disk of the request: an idiom, what a
 * disk holds, or a sentence of its own with no destructive word that no other sentence points
 * back at. Only then is the several-disks reply left out.
 */
export function quantifiersNotOfDisks(tokens: readonly Token[]): boolean {
  const all = sentences(tokens);
  let seen = false;
  for (const [k, s] of all.entries()) {
    const others = all.filter((_, j) => j !== k);
    for (const [i, x] of s.entries()) {
      if (!QUANTIFIER.test(x)) continue;
      seen = true;
      if (notOfDisks(s, i)) continue;
      const apart =
        !s.some((y) => DESTRUCTIVE.test(y)) && !others.some((o) => o.some((y) => POINTS_BACK.test(y)));
      if (!apart) return false;
    }
  }
  return seen;
}
