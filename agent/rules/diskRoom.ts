import type { Disk } from "../../facts/schema.js";
import { GiB } from "../../steps/size.js";

/** The least free space an install goes into (ESP + swap + a system): below it, "no free space". */
export const MIN_FREE_BYTES = 8 * GiB;

/** The disk's free space can take an install (alongside.ts, emptyRoom.ts read the same line). */
export function hasRoom(d: Disk): boolean {
  return (d.freeBytes ?? 0) >= MIN_FREE_BYTES;
}
