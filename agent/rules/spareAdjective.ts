import { diskishWord } from "./emptyPlace.js";

/**
 * "there's 40 gig spare", "use the spare cloth beside it", "that spare bit is for linux": "spare" as
 * an adjective is the free region, never the keep verb ("spare the samsung", "spare it"), which
 * the safety readers read it as (dev-alongside20 h22a-066: "You asked me to keep /dev/nvme0n1
 * ("there's 40 gig spare")"). Said plainly as "free" only where it cannot be a verb: after a size
 * ("40 gig spare"), or between a determiner and a noun that names no disk ("the spare cloth").
 * A disk called "the spare" ("The Crucial is the spare", "the Seagate is the spare roll": a copula
 * before it, or no noun after it) and "the spare drive" stay as they were.
 *
 * Safety: the verb "spare" takes its object after it and is never said after a determiner or a
 * size, so no keep of a disk or a program is lost; a disk said to be "the spare" (a reserve, which
 * may be meant as kept) is never rewritten; "free" only ever reads as the free region of a disk,
 * which use "free" keeps byte for byte.
 */
const AFTER_SIZE = /\b(\d+\s*(?:gigs?|gb|gib|g|tb|tib|t|terabytes?|gigabytes?))\s+spare\b/gi;
const AFTER_DETERMINER =
  /\b(?:(is|are|was|s|be)\s+)?(the|a|an|some|any|my|our|your|its|that|this|of)\s+spare\s+([a-z0-9_-]+)/gi;

export function saySpareAdjective(text: string): string {
  if (!/\bspare\b/i.test(text)) return text;
  return text
    .replace(AFTER_SIZE, (_whole: string, size: string) => `${size} free`)
    .replace(AFTER_DETERMINER, (whole: string, copula: string | undefined, det: string, head: string) =>
      copula || diskishWord(head.toLowerCase())
        ? whole
        : whole.replace(new RegExp(`${det}\\s+spare`, "i"), `${det} free`),
    );
}
