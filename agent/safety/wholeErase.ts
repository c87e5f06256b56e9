import type { PlanCall } from "../types.js";

/**
 * Whether an install erases its whole disk. `partitionDisk` erases everything on its disk unless
 * it goes into the free space (`use: "free"`); `use` left out means the whole disk (tools/), so the
 * test is "not free", never "whole". One predicate for every reader and screen, so that no two of
 * them can disagree about which calls destroy data.
 */

export type DiskInstall = Extract<PlanCall, { tool: "partitionDisk" }>;

export function isDiskInstall(c: PlanCall): c is DiskInstall {
  return c.tool === "partitionDisk";
}

/** The call erases a whole disk; with `disk`, that disk. */
export function erasesWholeDisk(c: PlanCall, disk?: string): c is DiskInstall {
  return c.tool === "partitionDisk" && c.args.use !== "free" && (disk === undefined || c.args.disk === disk);
}

/** The call installs into the free space beside what is on its disk, erasing nothing. */
export function installsIntoFree(c: PlanCall, disk?: string): c is DiskInstall {
  return c.tool === "partitionDisk" && c.args.use === "free" && (disk === undefined || c.args.disk === disk);
}
