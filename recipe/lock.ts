import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { hostname } from "node:os";

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
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const holder = readHolder(path);
      if (holder === undefined || isAlive(holder)) return undefined;
      // The holder died (kill -9, power loss): the lock is ours to break. Re-read right before
      // removing, so a lock another waiter just took over is not removed.
      const again = readFileSafe(path);
      if (again !== holder.raw) return undefined;
      rmSync(path, { force: true });
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

function readFileSafe(p: string): string | undefined {
  try {
    return readFileSync(p, "utf8");
  } catch {
    return undefined;
  }
}

function readHolder(path: string): { pid: number; host: string; raw: string } | undefined {
  const raw = readFileSafe(path);
  if (raw === undefined) return undefined;
  const [pid, host] = raw.trim().split(/\s+/);
  const n = Number(pid);
  // A lock file caught half-written (between open and write) reads empty: held, unless it has
  // stayed empty for a while (its writer died in between).
  if (!Number.isInteger(n) || n <= 0) {
    const age = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    return { pid: age > 10_000 ? 0 : -1, host: "", raw };
  }
  return { pid: n, host: host ?? "", raw };
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
