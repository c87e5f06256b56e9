import { unlinkSync } from "node:fs";

/**
 * Deletes one file a recipe recorded (directories are skipped before this: isDirectoryNow). A file
 * already gone is fine: a rerun of a remove that stopped half-way finishes it.
 *
 * Not rmSync(force): when unlink fails (EPERM on an immutable file) it tries the path again as a
 * directory and reports that attempt, "ENOTDIR: not a directory, scandir" (attacker 25 M5), which
 * hid the real cause. The error thrown names the file and keeps the errno's code, so the full-disk
 * and read-only reports (recipe/noSpace.ts) still recognise theirs.
 */
export function unlinkRecorded(hostPath: string): void {
  try {
    unlinkSync(hostPath);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ENOENT") return;
    throw Object.assign(new Error(`cannot delete ${hostPath}: ${plainErrno(e)}`, { cause: err }), {
      code: e.code,
      path: hostPath,
    });
  }
}

/** "operation not permitted (EPERM)" from Node's "EPERM: operation not permitted, unlink '…'". */
export function plainErrno(e: NodeJS.ErrnoException): string {
  const why = /^[A-Z]+: ([^,]+)/.exec(e.message)?.[1] ?? e.message;
  return e.code ? `${why} (${e.code})` : why;
}
