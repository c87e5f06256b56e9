import { existsSync } from "node:fs";
import { basename } from "node:path";
import { execa } from "execa";

/**
 * New partitions' device nodes, where no udev runs (a minimal live system, a container): the kernel
 * learns of a partition from `partx --update` after sfdisk, but may miss one, logical partitions
 * most of all (they are read through the chain of EBRs); `partx --add` adds what it misses and
 * leaves known ones alone. devtmpfs then makes the node. Reads the table only, writes nothing.
 */

/** The disk a partition node belongs to: /dev/sda6 → /dev/sda, /dev/nvme0n1p6 and /dev/loop0p6 → without `pN`. */
export function parentDisk(partition: string): string | undefined {
  return /^(\/dev\/.*\d)p\d+$/.exec(partition)?.[1] ?? /^(\/dev\/.*\D)\d+$/.exec(partition)?.[1];
}

/** Asks the kernel again for the partitions of each disk a missing node belongs to. */
export async function addMissingPartitions(missing: string[], env?: Record<string, string>): Promise<void> {
  const disks = new Set(missing.map(parentDisk).filter((d): d is string => d !== undefined && existsSync(d)));
  for (const d of disks) await execa("partx", ["--add", d], { env, reject: false });
}

/** Why a node is still missing: the kernel has the partition (sysfs) but /dev has no node for it. */
export function whyMissing(node: string): string {
  return existsSync(`/sys/class/block/${basename(node)}`)
    ? `${node}: the kernel has the partition (/sys/class/block/${basename(node)}) but /dev has no node for it (no udev, and /dev is not devtmpfs)`
    : `${node}: the kernel does not list the partition (partx --add did not add it)`;
}
