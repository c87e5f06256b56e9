import { posix } from "node:path";

export class RootEscapeError extends Error {
  constructor(
    readonly root: string,
    readonly requested: string,
  ) {
    super(`path "${requested}" leaves the root ${root}; paths inside a root may not use ".."`);
    this.name = "RootEscapeError";
  }
}

/**
 * The one way to name a file inside a target root: `inRoot("/mnt", "/etc/fstab")` →
 * `/mnt/etc/fstab`. Lexical and pure (plans are built before the disk exists), so it refuses
 * any `..` component instead of resolving it; the executor re-checks symlinks when it writes.
 */
export function inRoot(root: string, path: string): string {
  if (!posix.isAbsolute(root)) throw new Error(`a root must be an absolute path, not "${root}"`);
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..") || path.includes("\0")) throw new RootEscapeError(root, path);
  const base = posix.normalize(root).replace(/\/+$/, "");
  return parts.length ? `${base}/${parts.join("/")}` : base || "/";
}

/** True when `hostPath` is `root` or below it (both normalized, absolute). */
export function isUnderRoot(root: string, hostPath: string): boolean {
  const r = posix.normalize(root).replace(/\/+$/, "");
  const p = posix.normalize(hostPath);
  return r === "" || p === r || p.startsWith(`${r}/`);
}
