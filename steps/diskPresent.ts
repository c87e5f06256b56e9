import { readFileSync, realpathSync } from "node:fs";
import { basename } from "node:path";

/**
 * Is the disk a plan was confirmed for still there, with the same size? Read from sysfs, without
 * running anything, so the executor can ask before every step that writes to the disk: a disk
 * pulled out (a USB stick, a detached loop device) after the re-check would otherwise be found
 * only by a puzzling failure of sfdisk or mkfs, and wipefs on a loop device without its image
 * "succeeds" by writing nothing. Where the node is gone or reports no medium (0 bytes) it says so;
 * another size at the same path is another disk.
 */

/** The fix, said once for every way the disk can be gone. */
export const DISK_GONE_FIX =
  "reconnect it (or choose another disk) and run the same install again; it starts over from the beginning";

/** The size sysfs reports for a block device, in bytes; undefined when the node or sysfs entry is gone. */
export function sysfsSizeBytes(disk: string, sysRoot = "/sys/class/block"): number | undefined {
  let name: string;
  try {
    name = basename(realpathSync(disk));
  } catch {
    return undefined;
  }
  try {
    // sysfs counts 512-byte sectors whatever the device's logical sector size.
    return Number(readFileSync(`${sysRoot}/${name}/size`, "utf8").trim()) * 512;
  } catch {
    return undefined;
  }
}

/** Why `disk` is not the disk that was confirmed (`sizeBytes`), or undefined when it still is. */
export function diskGoneProblem(disk: string, sizeBytes: number, sysRoot?: string): string | undefined {
  const now = sysfsSizeBytes(disk, sysRoot);
  if (now === undefined) return `${disk} is not there any more: it was removed after the plan was confirmed`;
  if (now === 0)
    return `${disk} is not there any more (it reports no medium, 0 bytes): it was removed, ejected or detached after the plan was confirmed`;
  if (now !== sizeBytes)
    return `${disk} has ${now} bytes now, the plan was confirmed for ${sizeBytes} bytes: it is not the same disk`;
  return undefined;
}
