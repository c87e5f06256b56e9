import type { Facts } from "../../facts/schema.js";
import { foundIn } from "./partitionRefs.js";

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

export function sayNoIsThe(text: string, facts: Facts): string {
  const m = NO_IS.exec(text);
  if (!m || facts.mode !== "live") return text;
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
