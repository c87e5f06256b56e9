import type { Facts } from "../../facts/schema.js";
import { resolveDisk } from "../rules/disks.js";
import { normalizeTokens } from "../rules/tokens.js";
import type { PlanCall } from "../types.js";
import { foundIn } from "./partitionRefs.js";
import { isDiskInstall } from "./wholeErase.js";

/**
 * "no is the samsung", "no its sda", "nope, is the other one": a "no" and then the disk meant, in
 * the word order of a speaker whose language puts the verb first (tester 7, DANGEROUS D15). It
 * rejects what was proposed and picks another disk, exactly as "no, the samsung" does. Read as it
 * stood, the "is" made the turn a statement about the Samsung, the "no" was lost, and the old
 * question ("Shall I erase it anyway?" about the WD) stayed open, so the next "yes" erased the disk
 * the person had just refused. Said plainly here, once, before any reader (agent/conversation.ts):
 * the "is" goes and the words read as the correction they are. Only when what follows names a disk
 * of this machine (or "the other one"): "no is fine" and "no it's ok" are left as they were.
 */
const NO_IS =
  /^\s*(no|nope|nah|not)\b[\s,.!]*(?:(?:it|that)\s+)?(?:is|its|it['’]s|was|be|are)\s+(?!not\b|fine\b|ok\b|okay\b|good\b)(.+)$/i;

export function sayNoIsThe(text: string, facts: Facts, planned?: string): string {
  const m = NO_IS.exec(text);
  if (!m || facts.mode !== "live") return sayNoThe(text, facts, planned);
  const rest = m[2]!.trim();
  const w = rest
    .toLowerCase()
    .split(/[^a-z0-9/_.-]+/)
    .filter(Boolean);
  const disks = facts.disks.filter((d) => !d.liveMedium);
  // a model word, the bus, a size or the device name say a disk as well as a label does
  const words = new Set(
    disks.flatMap((d) => [
      ...d.model.toLowerCase().split(/[^a-z0-9]+/),
      d.transport?.toLowerCase() ?? "",
      d.path.replace("/dev/", ""),
      d.path,
    ]),
  );
  const names =
    foundIn(w, facts).some((f) => !f.disk.liveMedium) ||
    w.some((x) => x.length >= 3 && words.has(x)) ||
    /\b\d+(?:[.,]\d+)?\s*(?:gb|tb|g|t)\b/i.test(rest) ||
    /^(?:the\s+)?other\b/i.test(rest);
  return names ? `${m[1]}, ${rest}` : text;
}

/**
 * "no the hdd", "nope the 500gb disk", "no no the seagate" with the install planned (or offered)
 * on another disk: the "no" refuses that disk and the rest names the one meant, as "no, the hdd"
 * does. Without the comma the words read as "not the hdd": the disk meant became a disk kept, and
 * the plan stayed on the disk refused (dev6-mixed h5m-032, dev7-mixed h6m-040), or "no the 500gb
 * disk" dropped the install instead of moving it. Only when the rest names one disk of this
 * machine other than the one planned: "no the hdd" about the hdd planned stays a refusal.
 */
// only with an article: "no sda", "no 500gb" may as well refuse that disk as choose it
const NO_THE = /^\s*((?:no|nope|nah|naw)(?:[\s,.!]+(?:no|nope|nah|naw))*)\s+((?:the|that)\s+\S.*)$/i;

function sayNoThe(text: string, facts: Facts, planned: string | undefined): string {
  const m = NO_THE.exec(text);
  if (!m || !planned || facts.mode !== "live") return text;
  const rest = m[2]!.trim();
  // "no the hdd is fine", "no the nvme dont touch it": the rest says something of its own
  if (/\b(?:not|dont|don't|do not|never|keep|leave|alone|touch|is|stays|fine|ok|okay)\b/i.test(rest))
    return text;
  const disks = facts.disks.filter((d) => !d.liveMedium);
  const meant = resolveDisk(normalizeTokens(rest, facts), disks, { mentioned: [], offered: [] });
  if (meant.kind !== "one" || meant.disk.path === planned) return text;
  return `${m[1]}, ${rest}`;
}

/** The disk an install is planned or offered on: what a bare "no the X" turns away from. */
export function diskInPlay(
  pending: readonly PlanCall[],
  offer: { calls: readonly PlanCall[] } | undefined,
): string | undefined {
  const install = [...pending, ...(offer?.calls ?? [])].find(isDiskInstall);
  return install?.args.disk;
}
