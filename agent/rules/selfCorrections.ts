import type { Disk, Facts } from "../../facts/schema.js";
import { foundIn } from "../safety/partitionRefs.js";
import { resolveDisk } from "./disks.js";
import { type Token, tokenize } from "./text.js";

/**
 * "put it on sda, sorry, sdb", "install to sda, oops, nvme0n1", "use sda - no, sdb", "the seagate,
 * sorry, the samsung", "sdb er nvme0n1" (tester 8 D2): a disk named, a correction word, another
 * disk: the second replaces the first. Said plainly before any reader sees the words ("put it on
 * sdb"), so no reader takes the retracted disk, and no question about it is asked for a hurried
 * "yes" to answer.
 */

/** Words that correct what was just said, whatever follows them. */
const MARKER =
  /^(?:sorry|sry|soz|srry|oops|oopsie|whoops|woops|er|erm|uh|uhh|um|umm|actually|rather|correction|wait|typo)$/;
/** Two-word markers ("i mean", "make that", "my bad", "or rather", "no wait"). */
const MARKER_TWO = /^(?:i mean|i meant|make that|my bad|or rather|no wait|not that|no sorry|sorry no)$/;
/** "no" and "nope" correct only with a mark after them ("sda, no, sdb"): "sda no sdb" may refuse sdb. */
const NO = /^(?:no|nope|nah)$/;
/** Words around a marker that carry nothing ("sorry, i mean, the samsung"). */
const FILLER = /^(?:i|mean|meant|make|that|my|bad|or|not|no|nope|so|the|one|oh|ah|ugh|lol|haha)$/;

/** Words after the correction that make it an addition or a request, not a replacement. */
const NOT_A_SWAP =
  /^(?:too|also|as|and|plus|both|keep|leave|dont|not|never|without|except|install|put|use|wipe|erase|format|is|has|holds|with|for)$/;

/** A dash between words ("sda - no, sdb", "sda — sdb"); never an option's "--drives=sdb". */
/** Words that keep or refuse the disk after them. */
const KEEPING =
  /^(?:keep|keeping|leave|spare|protect|preserve|avoid|not|dont|never|no|without|except|save|besides)$/;

const DASH = /[ \t][-–—]{1,2}[ \t]|[–—]/;

interface Span {
  from: number;
  to: number;
  disk: Disk;
}

/** Which one disk a run of tokens names, if exactly one. */
function diskOf(tokens: readonly Token[], facts: Facts): Disk | undefined {
  if (!tokens.length || tokens.some((t) => t.kind === "punct")) return undefined;
  const r = resolveDisk(tokens, facts.disks, { mentioned: [], offered: [] });
  if (r.kind === "one") return r.disk;
  if (r.kind !== "absent") return undefined;
  // "the backup, sorry, the media drive": a disk by what its partitions are labelled
  const found = foundIn(
    tokens.map((t) => t.norm),
    facts,
  );
  const disks = [...new Set(found.map((f) => f.disk))];
  return disks.length === 1 ? disks[0] : undefined;
}

/** The shortest run of words ending at `end` (exclusive) that names one disk, with its "the". */
function before(tokens: readonly Token[], end: number, facts: Facts): Span | undefined {
  for (let from = end - 1; from >= Math.max(0, end - 4); from--) {
    if (tokens[from]!.kind === "punct") return undefined;
    const disk = diskOf(tokens.slice(from, end), facts);
    if (!disk) continue;
    let start = from;
    while (start > 0 && /^(?:the|my|that)$/.test(tokens[start - 1]!.norm)) start--;
    return { from: start, to: end, disk };
  }
  return undefined;
}

/** The run of words from `start` to the next mark that names one disk, and nothing else asked. */
function after(tokens: readonly Token[], start: number, facts: Facts): Span | undefined {
  let end = start;
  while (end < tokens.length && tokens[end]!.kind !== "punct" && end - start < 5) end++;
  const run = tokens.slice(start, end);
  if (!run.length || run.some((t) => NOT_A_SWAP.test(t.norm))) return undefined;
  for (let to = end; to > start; to--) {
    const disk = diskOf(tokens.slice(start, to), facts);
    if (disk) return { from: start, to: end, disk };
  }
  return undefined;
}

/** Where the correction at token `i` ends (the first word after it), or undefined: none at `i`. */
function markerAt(tokens: readonly Token[], i: number, text: string): number | undefined {
  const t = tokens[i]!;
  const gap = i > 0 ? text.slice(tokens[i - 1]!.end, t.start) : "";
  let k = i;
  let marked = DASH.test(gap);
  for (;;) {
    const x = tokens[k];
    if (!x) break;
    if (x.kind === "punct") {
      k++;
      continue;
    }
    const two = `${x.norm} ${tokens[k + 1]?.norm ?? ""}`;
    if (MARKER_TWO.test(two)) {
      marked = true;
      k += 2;
      continue;
    }
    if (MARKER.test(x.norm)) {
      marked = true;
      k++;
      continue;
    }
    if (NO.test(x.norm)) {
      const next = tokens[k + 1];
      const dashAfter = next ? DASH.test(text.slice(x.end, next.start)) : false;
      if (next?.kind === "punct" || dashAfter || DASH.test(gap) || MARKER.test(next?.norm ?? "")) {
        marked = true;
        k++;
        continue;
      }
      break;
    }
    if (marked && FILLER.test(x.norm) && x.norm !== "the") {
      k++;
      continue;
    }
    break;
  }
  return marked && k > i ? k : marked && DASH.test(gap) ? k : undefined;
}

/** The words with each corrected disk replaced by the one said after the correction. */
export function sayDiskCorrections(text: string, facts: Facts): string {
  return diskCorrections(text, facts).text;
}

/**
 * The same, with the disks a correction swapped in: an erase of one of them is asked, never
 * planned on the rewritten words alone (agent/safety/correctedErase.ts).
 */
export function diskCorrections(text: string, facts: Facts): { text: string; corrected: string[] } {
  const corrected: string[] = [];
  if (facts.mode !== "live") return { text, corrected };
  let out = text;
  for (let round = 0; round < 3; round++) {
    const next = correctOnce(out, facts);
    if (!next) break;
    out = next.text;
    corrected.push(next.disk);
  }
  return { text: out, corrected };
}

function correctOnce(text: string, facts: Facts): { text: string; disk: string } | undefined {
  const tokens = tokenize(text);
  for (let i = 1; i < tokens.length; i++) {
    const end = markerAt(tokens, i, text);
    if (end === undefined || end >= tokens.length) continue;
    // the disk before the correction: skip the marks just before it ("sda... sorry")
    let j = i;
    while (j > 0 && tokens[j - 1]!.kind === "punct") j--;
    const old = before(tokens, j, facts);
    if (!old) continue;
    // "no keep fedora, sorry, i meant the empty samsung": a kept or refused disk is no slip of the
    // tongue to swap; the readers of keeping take those words as said
    let c = old.from;
    while (c > 0 && tokens[c - 1]!.kind !== "punct") c--;
    if (tokens.slice(c, old.from).some((t) => KEEPING.test(t.norm))) continue;
    const fresh = after(tokens, end, facts);
    if (!fresh || fresh.disk.path === old.disk.path) continue;
    // one line at a time: a pasted file's lines are no correction of each other
    if (text.slice(tokens[old.from]!.start, tokens[fresh.from]!.start).includes("\n")) continue;
    return {
      text: `${text.slice(0, tokens[old.from]!.start)}${text.slice(tokens[fresh.from]!.start)}`,
      disk: fresh.disk.path,
    };
  }
  return undefined;
}
