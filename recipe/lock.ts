import { randomBytes } from "node:crypto";
import {
  closeSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";

/**
 * A per-recipe lock: `FILE.lock`, created with O_EXCL, holding "pid host". A lock whose process
 * is gone (same host, kill(pid, 0) says ESRCH) is stale and taken over.
 *
 * Why not proper-lockfile: it proves liveness by refreshing the lock's mtime from a timer, and
 * our helpers block the event loop (downloads and rpm run in spawnSync), so a long install
 * would look stale to a second process and lose its lock. A PID check has no such timer.
 */
export class RecipeLock {
  private constructor(readonly path: string) {}

  static tryAcquire(file: string): RecipeLock | undefined {
    const path = `${file}.lock`;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, "wx", 0o644);
        writeSync(fd, `${process.pid} ${hostname()}\n`);
        closeSync(fd);
        return new RecipeLock(path);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // The state directory went away (a failed install removes the one it made): make it again.
        if (code === "ENOENT" && attempt === 0) {
          mkdirSync(dirname(path), { recursive: true });
          continue;
        }
        if (code !== "EEXIST") throw err;
      }
      const holder = readHolder(path);
      if (holder === undefined || isAlive(holder)) return undefined;
      if (!breakStale(path, holder)) return undefined;
    }
    return undefined;
  }

  /** Waits for the lock, polling; `onWait` is told once who holds it. */
  static async acquire(file: string, opts: { timeoutMs?: number; onWait?: (holder: string) => void } = {}) {
    const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
    let told = false;
    let delay = 20;
    for (;;) {
      const lock = RecipeLock.tryAcquire(file);
      if (lock) return lock;
      if (!told) {
        opts.onWait?.(readFileSafe(`${file}.lock`)?.trim() ?? "another process");
        told = true;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${file} is locked by ${readFileSafe(`${file}.lock`)?.trim() ?? "another process"}; ` +
            `wait for it to finish, or remove ${file}.lock if that process is gone`,
        );
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 250);
    }
  }

  release(): void {
    const mine = readHolder(this.path);
    if (mine?.pid === process.pid) rmSync(this.path, { force: true });
  }
}

/** Test seam: runs between judging a lock stale and breaking it (where a rival may act). */
export const lockTestHooks: { beforeBreak?: () => void } = {};

/**
 * Removes a lock judged stale, without a race: the lock is renamed to a name of our own (only one
 * of several waiters can move a given file), and only if what was moved is the very file judged
 * stale (same inode) is it deleted. A rival's fresh lock moved by mistake is linked back.
 * Removing by name instead (read, compare, unlink) lets two waiters both break the same stale
 * lock, the second deleting the fresh lock the first just created, and both then hold it.
 */
function breakStale(path: string, judged: Holder): boolean {
  lockTestHooks.beforeBreak?.();
  const grave = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.stale`;
  try {
    renameSync(path, grave);
  } catch {
    return false; // Another waiter moved it first.
  }
  // Inode numbers are reused at once (the stale file deleted, a fresh one created): the content
  // ("pid host", a live pid being never the dead one's) tells the two apart as well.
  const moved = statSync(grave, { throwIfNoEntry: false, bigint: true });
  if (moved && moved.ino === judged.ino && moved.dev === judged.dev && readFileSafe(grave) === judged.raw) {
    rmSync(grave, { force: true });
    return true;
  }
  // Not the stale lock: a rival had already replaced it. Put theirs back (link fails if yet
  // another lock appeared meanwhile; theirs then loses its file, as with a crash) and yield.
  try {
    linkSync(grave, path);
  } catch {
    // Leave it; see above.
  }
  rmSync(grave, { force: true });
  return false;
}

function readFileSafe(p: string): string | undefined {
  try {
    return readFileSync(p, "utf8");
  } catch {
    return undefined;
  }
}

interface Holder {
  pid: number;
  host: string;
  raw: string;
  /** The lock file read, so breaking it removes that file and no other. */
  ino: bigint;
  dev: bigint;
}

function readHolder(path: string): Holder | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  let raw: string;
  let st: import("node:fs").BigIntStats;
  try {
    st = fstatSync(fd, { bigint: true });
    raw = readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
  const [pid, host] = raw.trim().split(/\s+/);
  const n = Number(pid);
  const id = { raw, ino: st.ino, dev: st.dev };
  // A lock file caught half-written (between open and write) reads empty: held, unless it has
  // stayed empty for a while (its writer died in between).
  if (!Number.isInteger(n) || n <= 0) {
    const age = Date.now() - Number(st.mtimeMs);
    return { pid: age > 10_000 ? 0 : -1, host: "", ...id };
  }
  return { pid: n, host: host ?? "", ...id };
}

function isAlive(h: { pid: number; host: string }): boolean {
  if (h.pid === -1) return true;
  if (h.pid === 0) return false;
  // A lock from another host (shared recipes dir over NFS) cannot be checked: trust it.
  if (h.host && h.host !== hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
