import type { Disk, Facts } from "../../facts/schema.js";
import { disksNamedBySystem, systemsOn } from "./alongside.js";
import { tokenize } from "./text.js";

/**
 * "Mint can go. use the WD", "Windows 7 can go away, it is very old. Install Linux to this disk":
 * the system on the disk of the request is let go in another sentence of the same turn. The
 * request's own clause says nothing of the system, so it was asked "erase the whole disk, or choose
 * another disk?" (dev h25a-078, h25m-041), a question the words had answered.
 *
 * Safety: the erase this allows is of the one disk the request names, only when a clause of the
 * same turn names the system on that disk and lets it go in so many words (the release phrases of
 * agent/safety/lexicon.ts: "can go", "can be wiped", "don't need", "no longer need", "not needed",
 * "get rid of", "is dead/junk"), said as a statement, never as a question ("can windows go?"), and
 * only when that system is all the disk holds: a disk with one system let go and a data partition
 * beside it ("Games", "Photos") is still asked, since nothing let the data go. A negated release
 * ("windows can't go", "i still need windows") matches none of the phrases.
 */

const RELEASE =
  /\b(?:can|may|could|should|will)\s+(?:just\s+)?(?:go|go away|die|be\s+(?:erased|wiped|deleted|removed|replaced|overwritten|nuked|formatted))\b|\b(?:dont|do not|no longer|not)\s+(?:really\s+)?need\b|\bnot\s+needed\b|\bget\s+rid\s+of\b|\b(?:is|are|s)\s+(?:dead|junk|garbage|useless|trash)\b/;
/** Partitions that belong to a system's boot or recovery, never someone's data. */
const SYSTEM_PART =
  /^(?:recovery|recuperaci|wiederherstellung|msr|system|boot|efi|esp|swap|winre|microsoft)|reserv/i;

export function systemLetGo(d: Disk, text: string, facts: Facts): boolean {
  const systems = systemsOn(d);
  if (systems.length !== 1) return false;
  const data = (d.partitions ?? []).filter(
    (p) =>
      !p.os && !p.esp && p.fstype !== "swap" && (p.label ?? "") !== "" && !SYSTEM_PART.test(p.label ?? ""),
  );
  if (data.length) return false;
  const clauses = text
    .toLowerCase()
    .replace(/[’']/g, "")
    .split(/(?<=[.;!?,])\s*|\s+(?:and|but|so)\s+/)
    .filter((c) => c.trim() && !c.trim().endsWith("?"));
  return clauses.some(
    (c) => RELEASE.test(c) && disksNamedBySystem(tokenize(c), facts).some((x) => x.path === d.path),
  );
}
