import type { Disk } from "../../facts/schema.js";
import { describeDisk, listDisks } from "../rules/disks.js";
import { contentOf } from "./diskContent.js";

/**
 * What to say instead, when a request to install on a disk the user keeps is refused (tester 25:
 * after "keep sda", "use sda" was answered with the erase phrase for sda, the way to undo the keep,
 * as if that were what the person wanted).
 *
 * Safety: the hint names a disk that is not kept, with the words that choose it; those words pick
 * a disk and never consent to losing what it holds (a disk with data on it is still warned about
 * and asked, ./dataDisk.ts). The words that let the kept disk go are said only where no other disk
 * can take the install, since then they are the one way on; elsewhere the keep stays the last word.
 */
export function insteadOfKept(path: string, others: readonly Disk[], minFree: number): string {
  if (!others.length)
    return ` If nothing on it is needed any more, say "erase ${path}, I don't need what's on it".`;
  const say = (d: Disk) => {
    const short = d.path.replace(/^\/dev\//, "");
    // a disk that holds something and has room beside it: the install that keeps what it holds
    return contentOf(d).length && (d.freeBytes ?? 0) >= minFree
      ? `"install into the free space of ${short}"`
      : `"use ${short}"`;
  };
  if (others.length === 1)
    return ` To install on ${describeDisk(others[0]!)} instead, say ${say(others[0]!)}.`;
  return ` Other disks: ${listDisks(others)}; to install on one of them, say ${others.map(say).join(" or ")}.`;
}
