import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { addMissingPartitions } from "../../steps/partitionNodes.js";
import { disksFromLsblk, LSBLK_COLUMNS } from "../lsblk.js";
import type { Disk, Partition } from "../schema.js";
import { isEspType, largestFreeBytes, MBR_EXTENDED, type PartitionTable, tableFromSfdisk } from "../table.js";
import {
  blkidOf,
  espContents,
  linuxOsName,
  ntfsHasWindows,
  WINDOWS_BOOT_MANAGER,
  WINDOWS_LOADER,
} from "./os-probe.js";

/**
 * Facts v2 for one disk: its partition table (`sfdisk --json`), each partition's filesystem
 * (`blkid -p`), the largest free region, and the systems found on it (os-probe.ts). Reads only.
 */

const run = promisify(execFile);
const MiB = 1024 ** 2;

/** The table of a disk; undefined when it has none (a blank disk, or a filesystem on the whole disk). */
export async function readTable(path: string): Promise<PartitionTable | undefined> {
  try {
    const { stdout } = await run("sfdisk", ["--json", path], { maxBuffer: 4 << 20 });
    return tableFromSfdisk(JSON.parse(stdout));
  } catch {
    return undefined;
  }
}

/** Adds table, freeBytes and the partitions' v2 fields to a disk lsblk found. */
export async function withContents(disk: Disk): Promise<Disk> {
  const t = await readTable(disk.path);
  if (!t) {
    // No table: all of it is free, unless a filesystem (or other signature) covers the whole disk.
    const whole = await blkidOf(disk.path);
    return {
      ...disk,
      partitions: [],
      freeBytes: whole.fstype ? 0 : Math.max(0, Math.floor((disk.sizeBytes - MiB) / MiB) * MiB - MiB),
    };
  }
  await waitForNodes(t.partitions.map((p) => p.path));
  const mounts = new Map((disk.partitions ?? []).map((p) => [p.path, p.mountpoint]));
  const partitions: Partition[] = [];
  for (const p of t.partitions) {
    const extended = t.table === "dos" && MBR_EXTENDED.has(p.type);
    const fs = extended ? { fstype: null, label: null } : await blkidOf(p.path);
    const mountpoint = mounts.get(p.path) ?? null;
    const part: Partition = {
      path: p.path,
      sizeBytes: p.sizeBytes,
      startBytes: p.startBytes,
      type: p.type,
      fstype: fs.fstype,
      label: fs.label,
      mountpoint,
      esp: isEspType(p.type),
    };
    // Never look into the live medium, nor into what is mounted (it is in use: its own system).
    if (!disk.liveMedium && !mountpoint && !extended) Object.assign(part, await systemOn(part));
    partitions.push(part);
  }
  const table = t.table;
  return {
    ...disk,
    table,
    partitions,
    freeBytes: largestFreeBytes({ sizeBytes: disk.sizeBytes, table, partitions }),
  };
}

/**
 * The table lists partitions the kernel may not know yet (just written, or logical ones it missed;
 * no udev on a minimal live system): ask it again with partx --add, for up to 5 s, so blkid reads
 * each one. A node that never appears is probed as empty, as before.
 */
async function waitForNodes(paths: string[], timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const missing = paths.filter((p) => !existsSync(p));
    if (!missing.length || Date.now() > until) return;
    await addMissingPartitions(missing);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function systemOn(p: Partition): Promise<Partial<Partition>> {
  if (p.esp && p.fstype === "vfat") {
    const c = await espContents(p.path);
    const windows = c.loaders.some((l) => l.toLowerCase() === WINDOWS_LOADER.toLowerCase());
    return { ...c, ...(windows ? { os: WINDOWS_BOOT_MANAGER } : {}) };
  }
  if (p.fstype === "ntfs") return (await ntfsHasWindows(p.path)) ? { os: "Windows" } : {};
  const linux = await linuxOsName(p.path, p.fstype);
  return linux ? { os: linux } : {};
}

/**
 * On a disk whose ESP holds Windows Boot Manager, the NTFS Windows is booted by it: named the
 * same, as CONTRACTS §4's example does.
 */
function nameWindows(disk: Disk): Disk {
  const parts = disk.partitions ?? [];
  if (!parts.some((p) => p.esp && p.os === WINDOWS_BOOT_MANAGER)) return disk;
  return {
    ...disk,
    partitions: parts.map((p) =>
      p.fstype === "ntfs" && p.os === "Windows" ? { ...p, os: WINDOWS_BOOT_MANAGER } : p,
    ),
  };
}

/** Facts v2 for every disk lsblk listed; a disk that cannot be read keeps its v1 facts. */
export async function withContentsAll(disks: Disk[]): Promise<Disk[]> {
  const out: Disk[] = [];
  for (const d of disks) out.push(await withContents(d).then(nameWindows, () => d));
  return out;
}

/** One device by path, loop devices included (the tests' disk images): lsblk, then its contents. */
export async function probeDisk(path: string): Promise<Disk> {
  const { stdout } = await run("lsblk", ["--json", "--bytes", "-o", LSBLK_COLUMNS, path]);
  const [disk] = disksFromLsblk(JSON.parse(stdout), { includeLoop: true });
  if (!disk) throw new Error(`${path} is not a disk`);
  return nameWindows(await withContents(disk));
}
