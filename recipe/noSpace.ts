import { readFileSync, realpathSync, statfsSync } from "node:fs";
import { dirname } from "node:path";

/** Errors that mean "the filesystem is full", not "the recipe is wrong". */
const FULL: Record<string, string> = {
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
};

/** The errno code of a storage-full error, also when a helper wrapped it into its own message. */
export function storageFullCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && FULL[code]) return code;
    const m = /\b(ENOSPC|EDQUOT)\b/.exec(e instanceof Error ? e.message : String(e));
    if (m?.[1]) return m[1];
  }
  return undefined;
}

interface Mount {
  at: string;
  fstype: string;
  source: string;
}

/** /proc/self/mountinfo escapes blanks and backslashes in octal. */
const unOctal = (s: string) =>
  s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));

function mountOf(path: string): Mount | undefined {
  let best: Mount | undefined;
  let text = "";
  try {
    text = readFileSync("/proc/self/mountinfo", "utf8");
  } catch {
    return undefined;
  }
  for (const line of text.split("\n")) {
    const [left, right] = line.split(" - ");
    const at = left?.split(" ")[4];
    const [fstype, source] = right?.split(" ") ?? [];
    if (!at || !fstype) continue;
    const m = unOctal(at);
    const inside = m === "/" || path === m || path.startsWith(`${m}/`);
    if (inside && (!best || m.length >= best.at.length))
      best = { at: m, fstype, source: unOctal(source ?? "") };
  }
  return best;
}

/** The nearest existing directory at or above `path`, links resolved. */
function existing(path: string): string | undefined {
  for (let p = path; ; p = dirname(p)) {
    try {
      return realpathSync(p);
    } catch {
      if (p === dirname(p)) return undefined;
    }
  }
}

function freeBytes(path: string): number | undefined {
  try {
    const s = statfsSync(path);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined;
  }
}

function describe(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 ** 2) return `${Math.floor(bytes / 1024)} KiB`;
  if (bytes < 1024 ** 3) return `${Math.floor(bytes / 1024 ** 2)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/**
 * Attacker 7 L8: a full disk during `recipe install` said only "ENOSPC: no space left on device,
 * write", with no path and no word about what was left. The errno carries no path, so the places
 * this command writes (the root, the download cache, the build directory) are measured and the
 * fullest filesystem is named, with its mount point and what to do. `what` says what happened to
 * the command's changes (the caller knows: an install is undone before this is built).
 */
export function storageFullError(
  err: unknown,
  places: { label: string; path: string }[],
  what: string,
): Error | undefined {
  const code = storageFullCode(err);
  if (!code) return undefined;
  const seen = new Map<string, { label: string; path: string; free: number; mount?: Mount }>();
  for (const p of places) {
    const dir = existing(p.path);
    if (!dir) continue;
    const free = freeBytes(dir);
    if (free === undefined) continue;
    const mount = mountOf(dir);
    const key = mount?.at ?? dir;
    if (!seen.has(key)) seen.set(key, { ...p, free, ...(mount ? { mount } : {}) });
  }
  const fullest = [...seen.values()].sort((a, b) => a.free - b.free)[0];
  const where = fullest
    ? `${fullest.label} ${fullest.path} (${fullest.mount ? `${fullest.mount.fstype}${fullest.mount.source && fullest.mount.source !== fullest.mount.fstype ? ` ${fullest.mount.source}` : ""} mounted at ${fullest.mount.at}, ` : ""}${describe(fullest.free)} free)`
    : places.map((p) => `${p.label} ${p.path}`).join(", ");
  const room = fullest?.mount?.at ?? fullest?.path ?? "that filesystem";
  return new Error(
    `${FULL[code]} (${code}) on ${where}: ${what}; free space on ${room} (or give --cache on a disk with room, if the cache is the full one), then run the same command again`,
    { cause: err },
  );
}

/**
 * A read-only root answered with the raw "EROFS: read-only file system, open '…/tool.rhai.lock'"
 * (attacker 14 M2): the errno names a lock file, not the real problem, which is the mount.
 */
export function readOnlyError(err: unknown, root: string, what: string): Error | undefined {
  if ((err as NodeJS.ErrnoException).code !== "EROFS") return undefined;
  const dir = existing(root);
  const mount = dir ? mountOf(dir) : undefined;
  const at = mount?.at ?? root;
  return new Error(
    `read-only file system (EROFS) at ${at}${mount?.source ? ` (${mount.source})` : ""}: ${what}; ` +
      `mount it read-write (mount -o remount,rw ${at}) and run the same command again`,
    { cause: err },
  );
}
