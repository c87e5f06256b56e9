import type { Facts } from "../../facts/schema.js";
import { resolveDisk } from "./disks.js";
import { findSizes, type Token } from "./text.js";

/**
 * "the seagate has my tax records. install on the other big one": a disk this turn's words say
 * something of before "other", in a sentence that asks nothing of it, is the freshest mention,
 * whatever clause the request sits in (tester 13 D2: the request clause alone read "the big one",
 * the Seagate, and its erase was offered). Not a disk only named ("no, the 1TB. the other.": the
 * answer) nor one asked for ("install on the 500 gig nvme, the other drives are off limits"). Read
 * in the turn as typed and in the words this reader was given (a request my question completes).
 */
const ASKS =
  /^(?:install|use|put|erase|wipe|format|nuke|reformat|take|pick|choose|go|want|wanna|need|like|add|get|make|do)$/;
const ONLY_POINTS = new Set([
  "the",
  "a",
  "an",
  "my",
  "this",
  "that",
  "no",
  "yes",
  "ok",
  "okay",
  "nope",
  "yeah",
  "actually",
  "wait",
  "sorry",
  "one",
  "i",
  "mean",
  "meant",
]);

export function namedBeforeOther(tokens: readonly Token[], facts: Facts): string[] {
  const at = tokens.findIndex((t) => t.norm === "other" || t.norm === "another");
  if (at <= 0) return [];
  const segments: Token[][] = [[]];
  for (const t of tokens.slice(0, at))
    if (t.kind === "punct" && /^[.;!?,:]$/.test(t.norm)) segments.push([]);
    else segments.at(-1)!.push(t);
  const none = { mentioned: [], offered: [] };
  for (const seg of segments.reverse()) {
    const r = resolveDisk(seg, facts.disks, none);
    if (r.kind !== "one") continue;
    if (seg.some((t) => ASKS.test(t.norm))) return [];
    // (the words of a size, "1 tb", only point at the disk too)
    const inSize = new Set(
      findSizes(seg).flatMap((z) => Array.from({ length: z.to - z.from }, (_, k) => z.from + k)),
    );
    const saysOf = seg.some(
      (t, i) =>
        t.kind === "word" &&
        !inSize.has(i) &&
        !ONLY_POINTS.has(t.norm) &&
        resolveDisk([t], facts.disks, none).kind === "absent",
    );
    return saysOf ? [r.disk.path] : [];
  }
  return [];
}
