import { z } from "zod";

/**
 * A disk's partition table as `sfdisk --json` prints it, and the free regions between its
 * partitions. The same region rule serves the probe (`freeBytes` in the facts), the layout (where
 * `use: "free"` puts the new partitions) and the re-check before writing: one rule, three users.
 */

const MiB = 1024 ** 2;

const SfdiskSchema = z.object({
  partitiontable: z.object({
    label: z.string(),
    device: z.string().optional(),
    sectorsize: z.number().int().positive().default(512),
    partitions: z
      .array(
        z.object({
          node: z.string(),
          start: z.number().int().nonnegative(),
          size: z.number().int().nonnegative(),
          type: z.string(),
          name: z.string().optional(),
        }),
      )
      .default([]),
  }),
});

export interface TablePartition {
  path: string;
  startBytes: number;
  sizeBytes: number;
  /** GPT type GUID (upper case) or MBR type code (lower case hex, no 0x). */
  type: string;
  /** GPT partition name (PARTLABEL). */
  name?: string;
}

export interface PartitionTable {
  table: "gpt" | "dos";
  partitions: TablePartition[];
}

export const GPT_ESP = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
export const MBR_ESP = "ef";
/** MBR extended containers: their logical partitions live inside them; no primary may overlap. */
export const MBR_EXTENDED = new Set(["5", "f", "85"]);

/** `sfdisk --json DISK` → table type and partitions in bytes. Throws on a label we do not handle. */
export function tableFromSfdisk(json: unknown): PartitionTable {
  const t = SfdiskSchema.parse(json).partitiontable;
  if (t.label !== "gpt" && t.label !== "dos") throw new Error(`unsupported partition table ${t.label}`);
  const sector = t.sectorsize;
  return {
    table: t.label,
    partitions: t.partitions.map((p) => ({
      path: p.node,
      startBytes: p.start * sector,
      sizeBytes: p.size * sector,
      type: t.label === "gpt" ? p.type.toUpperCase() : p.type.toLowerCase().replace(/^0x/, ""),
      ...(p.name ? { name: p.name } : {}),
    })),
  };
}

export function isEspType(type: string | undefined): boolean {
  return type !== undefined && (type.toUpperCase() === GPT_ESP || type.toLowerCase() === MBR_ESP);
}

export interface Region {
  startBytes: number;
  /** Exclusive. */
  endBytes: number;
}

/** What the region rule needs to know of a disk (facts v2 fields). */
export interface DiskGeometry {
  sizeBytes: number;
  table?: "gpt" | "dos";
  partitions?: { startBytes?: number; sizeBytes: number }[];
}

const ceilMiB = (b: number) => Math.ceil(b / MiB) * MiB;
const floorMiB = (b: number) => Math.floor(b / MiB) * MiB;

/**
 * The unallocated regions of a partitioned disk, each aligned to 1 MiB at both ends, largest
 * first. The first MiB is never free (the table, and the usual alignment); on GPT neither is the
 * last MiB (the backup table, 33 sectors, rounded to the alignment so 4K-sector disks fit too).
 * Undefined when the facts do not say where the partitions start (facts v1).
 */
export function freeRegions(disk: DiskGeometry): Region[] | undefined {
  if (!disk.table) return undefined;
  const parts = disk.partitions ?? [];
  if (parts.some((p) => p.startBytes === undefined)) return undefined;
  const lo = MiB;
  const hi = disk.table === "gpt" ? floorMiB(disk.sizeBytes - MiB) : floorMiB(disk.sizeBytes);
  const used = parts
    .map((p) => ({ start: p.startBytes as number, end: (p.startBytes as number) + p.sizeBytes }))
    .sort((a, b) => a.start - b.start);
  const regions: Region[] = [];
  let cursor = lo;
  for (const u of [...used, { start: hi, end: hi }]) {
    const start = ceilMiB(cursor);
    const end = floorMiB(Math.min(u.start, hi));
    if (end - start >= MiB) regions.push({ startBytes: start, endBytes: end });
    cursor = Math.max(cursor, u.end);
  }
  return regions.sort(
    (a, b) => b.endBytes - b.startBytes - (a.endBytes - a.startBytes) || a.startBytes - b.startBytes,
  );
}

/** The largest free region, or undefined when there is none or the facts cannot tell. */
export function largestFreeRegion(disk: DiskGeometry): Region | undefined {
  return freeRegions(disk)?.[0];
}

/** Bytes of the largest free region: facts v2's `freeBytes`. */
export function largestFreeBytes(disk: DiskGeometry): number | undefined {
  const regions = freeRegions(disk);
  if (!regions) return undefined;
  const r = regions[0];
  return r ? r.endBytes - r.startBytes : 0;
}

/** A free region inside an MBR extended partition: new partitions there are logical ones. */
export interface LogicalRegion extends Region {
  /** The extended partition's device. */
  extended: string;
  /** After the container's last logical partition: where sfdisk --append adds logical ones in disk order. */
  tail: boolean;
}

/**
 * The free space inside each MBR extended partition, in disk order: the gaps between the
 * container's start, its logical partitions and its end, aligned to 1 MiB, each starting 1 MiB
 * after what precedes it (a new logical partition's EBR goes there, where sfdisk puts it) and
 * ending 1 MiB before the next logical partition (its EBR). The region rule above counts the
 * whole container as used.
 */
export function logicalFreeRegions(disk: {
  table?: "gpt" | "dos";
  partitions?: { path: string; startBytes?: number; sizeBytes: number; type?: string }[];
}): LogicalRegion[] {
  if (disk.table !== "dos") return [];
  const parts = (disk.partitions ?? []).filter(
    (p): p is typeof p & { startBytes: number } => p.startBytes !== undefined,
  );
  const out: LogicalRegion[] = [];
  for (const ext of parts.filter((p) => MBR_EXTENDED.has((p.type ?? "").toLowerCase()))) {
    const end = ext.startBytes + ext.sizeBytes;
    const inside = parts
      .filter((p) => p !== ext && p.startBytes >= ext.startBytes && p.startBytes < end)
      .sort((a, b) => a.startBytes - b.startBytes);
    let cursor = ext.startBytes;
    for (const [i, l] of [...inside, undefined].entries()) {
      const start = ceilMiB(cursor + MiB);
      const stop = floorMiB(l ? l.startBytes - MiB : end);
      if (stop - start >= MiB)
        out.push({ startBytes: start, endBytes: stop, extended: ext.path, tail: i === inside.length });
      if (l) cursor = Math.max(cursor, l.startBytes + l.sizeBytes);
    }
  }
  return out;
}
