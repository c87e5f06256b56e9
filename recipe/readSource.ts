import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { isInside, resolveConfined, targetRelative } from "./paths.js";

/**
 * The largest recipe or state file read. A real one is a few kilobytes (a state file listing
 * thousands of installed files, a few hundred); a file this large is a mistake or an attack, and
 * tokenising it whole before any limit applies took 43 s and 1.8 GB for 50 MB.
 */
// 2 MiB: parsing 4 MB of statements took 31 s and 850 MB (attacker 8, M1); a state file listing
// 20,000 installed files is still under it.
export const MAX_RECIPE_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Reads a recipe (or state) file, refusing before reading one that is not a regular file (a FIFO
 * would block forever, a link to /dev/zero grow without end) or is over the cap. Opened with
 * O_NONBLOCK and checked with fstat, so what is read is what was checked. Throws an Error whose
 * message says why, for the caller's "cannot read FILE: ..." line. `root` is the target root.
 */
/**
 * A file inside a target root other than `/` (a disk from elsewhere) resolved as chroot would:
 * its links are the root's data, and followed on the host an absolute one read a host file,
 * whose first word a parse error then printed (attacker 7, L1).
 */
function inTarget(file: string, root: string): string {
  if (root === "/" || !isInside(root, file)) return file;
  return resolveConfined(root, targetRelative(root, file), "chroot");
}

/** The resolved name is opened without following a link swapped in since it was resolved. */
function noFollow(file: string, root: string): number {
  return root !== "/" && isInside(root, file) ? constants.O_NOFOLLOW : 0;
}

export function readRecipeSource(file: string, root = "/"): string {
  const path = inTarget(file, root);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | noFollow(file, root));
  } catch (err) {
    if (path === file) throw err;
    throw new Error(
      `it is a link; followed inside ${root} as the installed system would, it leads to ${targetRelative(root, path)} (${(err as NodeJS.ErrnoException).code ?? "unreadable"}), and links in a root are never followed onto this machine`,
    );
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error("not a regular file (a recipe is a .rhai text file)");
    const tooBig = (n: number) =>
      new Error(
        `${n} bytes, over the ${MAX_RECIPE_FILE_BYTES}-byte cap for a recipe file (${MAX_RECIPE_FILE_BYTES / 1024 / 1024} MiB); left out unread`,
      );
    if (st.size > MAX_RECIPE_FILE_BYTES) throw tooBig(st.size);
    // Read to the end (the file may have changed since fstat), never past the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const r = readSync(fd, chunk, 0, chunk.length, null);
      if (r === 0) break;
      chunks.push(chunk.subarray(0, r));
      total += r;
      if (total > MAX_RECIPE_FILE_BYTES) throw tooBig(total);
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
