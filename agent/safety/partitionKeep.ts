import type { Disk, Facts } from "../../facts/schema.js";
import type { Decision, Offer } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * "wipe the disk but keep the recovery partition", "erase everything except the EFI partition",
 * "can i keep nvme0n1p4 at least": one partition kept on a disk that is erased whole. An erase
 * takes every partition, so the wish cannot be met by the plan; it is said, never an erase that
 * silently takes the partition too. With free space on that disk the install into it is offered
 * (every partition stays). Checked here, on every backend's decision.
 */

type Erase = Extract<PlanCall, { tool: "partitionDisk" }>;

const KEEP =
  /\b(?:keep|keeping|kept|except|excluding|but not|not the|spare|save|preserve|leave|dont (?:erase|wipe|touch|delete|format|remove)|don't (?:erase|wipe|touch|delete|format|remove)|do not (?:erase|wipe|touch|delete|format|remove))\b/i;

/** Partition words that name no system (a system kept is agent/safety/read.ts's "partitions"). */
const PART_WORDS: Record<string, (p: NonNullable<Disk["partitions"]>[number]) => boolean> = {
  recovery: (p) =>
    /recovery/i.test(p.label ?? "") || p.type?.toUpperCase() === "DE94BBA4-06D1-4D40-A16A-BFD50179D6AC",
  efi: (p) => p.esp === true,
  esp: (p) => p.esp === true,
  boot: (p) => p.esp === true,
};

/** The partition the words keep, on which disk; undefined when they keep none by name. */
export function keptPartition(
  text: string,
  facts: Facts,
): { disk: string; partition: string; said: string } | undefined {
  const t = text.toLowerCase().replace(/[’]/g, "'");
  if (!KEEP.test(t)) return undefined;
  for (const d of facts.disks) {
    for (const p of d.partitions ?? []) {
      const short = p.path.replace(/^\/dev\//, "");
      const num = /(\d+)$/.exec(p.path)?.[1];
      const byPath =
        t.includes(short) || (num !== undefined && new RegExp(`\\b(?:p${num}|partition ${num})\\b`).test(t));
      const byWord = Object.entries(PART_WORDS).some(
        ([w, is]) => new RegExp(`\\b${w}\\b`).test(t) && /\bpartition|\brecovery\b/.test(t) && is(p),
      );
      const label = p.label && p.label.length >= 3 && !p.os ? p.label.toLowerCase() : undefined;
      const byLabel = label !== undefined && new RegExp(`\\b${label}\\b`).test(t) && /\bpartition\b/.test(t);
      if (byPath || byWord || byLabel)
        return { disk: d.path, partition: `${p.path}${p.label ? ` (${p.label})` : ""}`, said: text.trim() };
    }
  }
  return undefined;
}

/**
 * The decision, or a reply when it (or the pending plan) erases the whole disk holding a partition
 * this turn's words keep.
 */
export function screenPartitionKeep(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  const kept = keptPartition(conv.user, facts);
  if (!kept) return decision;
  const isErase = (c: PlanCall): c is Erase => erasesWholeDisk(c, kept.disk);
  const proposed =
    "calls" in decision ? decision.calls : "reply" in decision && decision.offer ? decision.offer.calls : [];
  const erase = proposed.find(isErase) ?? conv.pending.find(isErase);
  if (!erase) return sharedEspKept(decision, proposed, kept, facts);
  const planned = conv.pending.some(isErase);
  const disk = facts.disks.find((d) => d.path === kept.disk);
  const free = (disk?.freeBytes ?? 0) > 0;
  const why = `I can't keep ${kept.partition} while erasing the whole of ${kept.disk}: an erase takes every partition on it.`;
  const now = planned
    ? ` The plan still erases ${kept.disk}, ${kept.partition} included.`
    : " I added nothing.";
  if (free) {
    const offer: Offer = {
      calls: [{ tool: "partitionDisk", args: { ...erase.args, use: "free" } } as PlanCall],
    };
    return {
      reply: `${why}${now} I can install into the free space of ${kept.disk} instead and keep every partition: shall I?`,
      offer,
    };
  }
  return {
    reply: `${why}${now} There is no free space on ${kept.disk} to install beside it; to keep it, choose another disk${planned ? ` or tell me not to erase ${kept.disk}` : ""}.`,
  };
}

/**
 * "next to windows, and dont touch the efi partition": an install into the free space adds its boot
 * files to the disk's EFI partition (its files stay byte for byte; every system on a disk boots from
 * it). That writes to the partition the words keep, so it is asked, never done silently.
 */
function sharedEspKept(
  decision: Decision,
  proposed: readonly PlanCall[],
  kept: { disk: string; partition: string },
  facts: Facts,
): Decision {
  const disk = facts.disks.find((d) => d.path === kept.disk);
  const esp = disk?.partitions?.find((p) => p.esp === true);
  if (!esp || !kept.partition.startsWith(esp.path)) return decision;
  const shares = proposed.find(
    (c): c is Erase => c.tool === "partitionDisk" && c.args.use === "free" && c.args.disk === kept.disk,
  );
  if (!shares) return decision;
  return {
    reply: `Installing into the free space of ${kept.disk} adds the new system's boot files to its EFI partition ${kept.partition}: the files already there stay byte for byte, but the partition is written to, and you asked me not to touch it. Shall I go ahead and share it? Otherwise choose another disk.`,
    offer: { calls: [shares] },
  };
}
