import type { Disk } from "../../facts/schema.js";
import { type DiskContext, resolveDisk } from "./disks.js";
import type { Token } from "./text.js";

/**
 * "install on samsung, hold the nvme and the photos disk": read as one description, the words
 * ask for a Samsung that is an NVMe and match no disk, and the turn was answered "No disk here
 * matches NVMe, samsung" although both disks exist (tester 14 D2). Read part by part (split at
 * "and", "or", commas and stops), each part that describes a disk names one that is here: the
 * disks so named, two or more, are the ones to ask between. Undefined when any part names a disk
 * that is not here (that answer stays true) or fewer than two disks are named.
 */
export function disksNamedSeparately(
  tokens: readonly Token[],
  disks: readonly Disk[],
  ctx: DiskContext,
): Disk[] | undefined {
  const parts: Token[][] = [[]];
  for (const t of tokens)
    if (t.norm === "and" || t.norm === "or" || t.norm === "nor" || (t.kind === "punct" && t.norm !== "/"))
      parts.push([]);
    else parts.at(-1)!.push(t);
  if (parts.length < 2) return undefined;
  const out = new Map<string, Disk>();
  for (const part of parts) {
    if (!part.length) continue;
    const r = resolveDisk(part, disks, ctx);
    if (r.kind === "one") out.set(r.disk.path, r.disk);
    else if (r.kind === "many") for (const d of r.disks) out.set(d.path, d);
    else if (r.kind === "none") return undefined;
  }
  return out.size >= 2 ? [...out.values()] : undefined;
}
