import type { Disk, Facts } from "../../facts/schema.js";
import { refusesErasing } from "./refusesErasing.js";
import { namer } from "./targetMentions.js";

/**
 * Whether every refusal of erasing in the words is about other disks than `d`: "do not touch the
 * SSD, install on the other one" refuses the SSD, not the other one, so the other one is asked as
 * any disk with data on it is, not answered "you said not to erase it" (tester 25: the keep of
 * "the ssd" read as a refusal of both disks).
 *
 * Safety: only a refusal whose own piece of the turn (up to a comma or a stop) names disks, all of
 * them others, is set aside; a refusal that names no disk ("don't erase anything"), names this one
 * ("don't touch sda and install on sdb"), or spans a comma still refuses. Set aside, the erase is
 * still only offered behind the question that says what it destroys (./dataDisk.ts).
 */
export function refusalAboutOthers(text: string, d: Disk, facts: Facts): boolean {
  const named = namer(facts, new Set());
  const refusing = text.split(/[,;.!?\n]+/).filter((piece) => refusesErasing(piece));
  if (!refusing.length) return false;
  return refusing.every((piece) => {
    const disks = named(piece, "disk");
    return disks.size > 0 && !disks.has(d.path);
  });
}
