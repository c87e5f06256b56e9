import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { ConversationView } from "../types.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * An erase aimed at a name I cannot place is no erase of the disk I happened to have in mind.
 * After "keep the samsung" I offer the other disk; "erase the S6PXNS0T123456A" (the kept disk's
 * serial), "erase s d a" (the device spelled out), "erase the 500107862016 byte disk" name a disk,
 * just not in words the readers resolve, and the offer or the last mention filled the gap: the
 * user named one disk and got an erase of the other (attacker 5, F2). The rule is about what the
 * words hold, not about which reader missed it: a turn that carries an identifier (a serial- or
 * uuid-like token, a byte count, letters spelled one by one) that is not the erased disk's own
 * takes no erase of that disk; it is asked, and an open offer stays open.
 */

const FILESYSTEM = /^(?:ext[234]|fat(?:12|16|32)|vfat|ntfs3?|btrfs|xfs|f2fs)$/;
/** A size as people write one ("100g", "1.5tb", "500gigs"): sizes are read elsewhere. */
const SIZE = /^\d+(?:[.,]\d+)?(?:b|k|kb|m|mb|g|gb|gig|gigs|gib|t|tb|tib|tera|gigabytes?|terabytes?)?$/;

/** What names the disk itself: its device name, its serial, the words of its model. */
function ownNames(disk: Facts["disks"][number]): Set<string> {
  const out = new Set<string>([disk.path.toLowerCase(), disk.path.replace(/^\/dev\//, "").toLowerCase()]);
  if (disk.serial) out.add(disk.serial.toLowerCase());
  if (disk.transport) out.add(disk.transport.toLowerCase());
  for (const w of (disk.model ?? "").toLowerCase().split(/[^a-z0-9-]+/)) if (w) out.add(w);
  for (const w of (disk.model ?? "").toLowerCase().split(/[^a-z0-9]+/)) if (w.length >= 2) out.add(w);
  return out;
}

/** The turn names the disk itself ("install on nvme0n1, leave the ST4000 alone"): no gap was filled. */
function namedIn(user: string, disk: Facts["disks"][number]): boolean {
  const own = ownNames(disk);
  return user
    .toLowerCase()
    .split(/[^a-z0-9/_-]+/)
    .some((w) => own.has(w) || own.has(w.replace(/^\/dev\//, "")));
}

/** The identifiers in the words that do not name `disk`, as said. */
export function strangerNames(
  user: string,
  disk: Facts["disks"][number],
  known: ReadonlySet<string> = new Set(),
): string[] {
  const own = ownNames(disk);
  const words = user
    .toLowerCase()
    .split(/[^a-z0-9/_-]+/)
    .filter(Boolean);
  const out: string[] = [];
  for (const w of words) {
    if (own.has(w) || known.has(w) || w.startsWith("/dev/") || FILESYSTEM.test(w) || SIZE.test(w)) continue;
    const serialLike = w.length >= 6 && /\d/.test(w) && /[a-z]/.test(w);
    const uuidLike =
      /^[0-9a-f]{4}-[0-9a-f]{4}$/.test(w) || /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(w);
    if (serialLike || uuidLike) out.push(w);
  }
  // a byte count: "the 500107862016 byte disk"
  for (const m of user.matchAll(/\b(\d{9,})\s*(?:bytes?|b)\b/gi))
    if (Number(m[1]) !== disk.sizeBytes) out.push(m[1]!);
  // letters spelled one by one: "s d a", "n v m e"
  for (const m of user.toLowerCase().matchAll(/\b(?:[a-z]\s+){2,}[a-z0-9]\b/g)) {
    const joined = m[0].replace(/\s+/g, "");
    if (!own.has(joined)) out.push(m[0]);
  }
  return out;
}

export function screenStrangerName(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision)) return decision;
  const erase = decision.calls.find((c) => erasesWholeDisk(c));
  if (erase?.tool !== "partitionDisk") return decision;
  const disk = facts.disks.find((d) => d.path === erase.args.disk);
  if (!disk || namedIn(conv.user, disk)) return decision;
  // names the same turn gives to accounts, the host or programs are no disk's
  const given = new Set<string>([...facts.users, ...facts.recipes, ...(facts.installed ?? [])]);
  for (const c of decision.calls)
    for (const v of Object.values(c.args)) if (typeof v === "string") given.add(v.toLowerCase());
  const strangers = strangerNames(conv.user, disk, given);
  if (!strangers.length) return decision;
  const said = strangers[0]!.trim();
  const known = facts.disks.find((d) => d !== disk && ownNames(d).has(said.replace(/\s+/g, "")));
  const which = known ? ` It looks like ${known.path} (${known.model ?? "no model"}), not ${disk.path}.` : "";
  return {
    reply:
      `I don't know "${said}" as a name of ${disk.path}, so I erased nothing.${which} ` +
      `Name the disk by its device (for example ${disk.path})${conv.offer ? ', or say "yes" to what I offered' : ""}.`,
    ...(conv.offer ? { offer: conv.offer } : {}),
  };
}
