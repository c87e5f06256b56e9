import { lstatSync, readlinkSync } from "node:fs";
import { isAbsolute, join, posix, relative, sep } from "node:path";

/** A path a recipe asked for that would leave the directory it is confined to. */
export class PathEscapeError extends Error {
  constructor(
    readonly requested: string,
    readonly root: string,
  ) {
    super(`path "${requested}" escapes ${root}; recipes may only touch their build directory and the target`);
    this.name = "PathEscapeError";
  }
}

/** Only "/" separates: on Linux "\\" is an ordinary character of a name (archives carry such). */
function splitParts(p: string): string[] {
  return p.split(/\/+/).filter((s) => s !== "" && s !== ".");
}

/** True when `child` (absolute) is `root` itself or lies below it. */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Resolves `requested` below `root` the way the kernel would, following symlinks that already
 * exist, without ever leaving `root`.
 *
 * - `chroot` semantics (the target root): absolute paths and absolute link targets mean
 *   "from root", and `..` at the root stays at the root, as inside a chroot. An installed
 *   system's `/bin -> usr/bin` link then works, and nothing can reach the host.
 * - `strict` semantics (the build directory): an absolute path, or any step above the root,
 *   is an error; the archive or recipe that asked for it is hostile or broken.
 *
 * Returns the host path. Components that do not exist yet are appended as they are.
 */
export function resolveConfined(root: string, requested: string, mode: "chroot" | "strict"): string {
  if (mode === "strict" && isAbsolute(requested)) {
    throw new PathEscapeError(requested, root);
  }
  const pending = splitParts(requested);
  const done: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === "..") {
      if (done.length === 0) {
        if (mode === "strict") throw new PathEscapeError(requested, root);
        continue;
      }
      done.pop();
      continue;
    }
    const candidate = join(root, ...done, part);
    let isLink = false;
    try {
      isLink = lstatSync(candidate).isSymbolicLink();
    } catch {
      // Does not exist (yet): nothing to follow.
    }
    if (!isLink) {
      done.push(part);
      continue;
    }
    if (++hops > 40) throw new Error(`too many levels of symbolic links resolving "${requested}" in ${root}`);
    const target = readlinkSync(candidate);
    if (posix.isAbsolute(target)) {
      if (mode === "strict") throw new PathEscapeError(requested, root);
      done.length = 0;
    }
    pending.unshift(...splitParts(target));
  }
  return join(root, ...done);
}

/**
 * Like {@link resolveConfined}, but the last component is not followed: the path of a symlink
 * itself, for replacing or removing it (never what it points to).
 */
export function resolveConfinedNoFollow(root: string, requested: string, mode: "chroot" | "strict"): string {
  const parts = splitParts(requested);
  const last = parts.pop();
  if (last === undefined || last === "..") return resolveConfined(root, requested, mode);
  return join(resolveConfined(root, `${requested.startsWith("/") ? "/" : ""}${parts.join("/")}`, mode), last);
}

/** A path inside the target root, as recorded in state: always absolute, always `/`-separated. */
export function targetRelative(root: string, hostPath: string): string {
  const rel = relative(root, hostPath).split(sep).join("/");
  return `/${rel}`;
}
