import { diskishWord } from "./emptyPlace.js";

/**
 * "there's 40 gig spare", "use the spare cloth beside it", "the spare bit next to windows": "spare"
 * as an adjective is the free region, never the keep verb ("spare the samsung", "spare it"), which
 * the safety readers read it as (dev-alongside20 h22a-066: "You asked me to keep /dev/nvme0n1
 * ("there's 40 gig spare")"). Said plainly as "free" where it cannot be a verb: after a determiner,
 * a copula or a size ("the spare", "is spare", "40 gig spare"), and not on a disk ("the spare
 * drive", "the spare ssd", "the spare 1tb" stay as they were).
 *
 * Safety: the verb "spare" takes its object after it and is never said after a determiner or a
 * size, so no keep of a disk or a program is lost; "free" only ever reads as the free region of a
 * disk, which use "free" keeps byte for byte.
 */
const BEFORE =
  /\b(the|a|an|some|any|my|our|your|its|that|this|of|is|are|was|s|\d+\s*(?:gigs?|gb|gib|g|tb|tib|t|terabytes?|gigabytes?))\s+spare\b(?=(\s+[a-z0-9_-]+)?)/gi;

export function saySpareAdjective(text: string): string {
  if (!/\bspare\b/i.test(text)) return text;
  return text.replace(BEFORE, (whole: string, before: string, next: string | undefined) => {
    const head = (next ?? "").trim().toLowerCase();
    if (head && diskishWord(head)) return whole;
    return `${before} free`;
  });
}
