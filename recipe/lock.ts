import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname } from "node:path";
import { isZombie } from "./zombie.js";

/**
 * A per-recipe lock: `FILE.lock`, created with O_EXCL, holding "pid host". A lock whose process
 * is gone (same host, kill(pid, 0) says ESRCH), started after the lock was written, or is no
 * Node program (recipe's and levitate's runtime) is stale and taken over.
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
        try {
          writeSync(fd, `${process.pid} ${hostname()}\n`);
        } catch (err) {
          // A full disk creates the file but not its text: an empty lock left behind made the
          // next install wait on it (attacker 7 L8).
          closeSync(fd);
          rmSync(path, { force: true });
          // `recipe remove` is how a user frees a full disk (attacker 14 M2): a symbolic link
          // keeps its short target in the inode, so it can say who holds the lock without a block.
          if (!isFullError(err) || !linkLock(path)) throw err;
          return new RecipeLock(path);
        }
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
      if (holder === undefined || holder.notAFile || isAlive(holder)) return undefined;
      if (!breakStale(path, holder)) return undefined;
    }
    return undefined;
  }

  /**
   * Waits for the lock, polling; `onWait` is told once who holds it and how to break the lock.
   * A lock no process of this machine can be holding (another host's, or a directory or link
   * where the lock file goes) is refused at once: waiting could never end.
   */
  static async acquire(file: string, opts: { timeoutMs?: number; onWait?: (holder: string) => void } = {}) {
    const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
    const path = `${file}.lock`;
    let told = false;
    let delay = 20;
    for (;;) {
      const lock = RecipeLock.tryAcquire(file);
      if (lock) return lock;
      const holder = readHolder(path);
      if (holder?.notAFile) {
        throw new Error(
          `${path} is ${holder.notAFile}, not a lock file recipe writes; remove it (rm -r ${shellWord(path)}) and run again`,
        );
      }
      if (holder && holder.host !== "" && holder.host !== hostname()) {
        throw new Error(
          `${file} is locked by a process of another machine, ${describe(holder)} (this one is ${shown(hostname())}); ` +
            `if no install runs there now (a disk moved after a crash), break the lock: rm ${shellWord(path)}`,
        );
      }
      if (!told) {
        opts.onWait?.(
          holder
            ? `${describe(holder)}; if no recipe or levitate command is running, break the lock: rm ${shellWord(path)}`
            : "another process",
        );
        told = true;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${file} is locked by ${holder ? describe(holder) : "another process"}; ` +
            `wait for it to finish, or remove ${path} if that process is gone`,
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

/** The target a lock held as a symbolic link carries: no path, so nothing ever follows it. */
const LINK_PREFIX = "recipe-lock:";
/** A link lock's target: "recipe-lock:PID HOST". */
const LINK_TARGET = new RegExp(`^${LINK_PREFIX}(\\d+) (\\S*)$`);

function isFullError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ENOSPC" || code === "EDQUOT";
}

/** Takes the lock as a link "recipe-lock:PID HOST"; false when even that cannot be made. */
function linkLock(path: string): boolean {
  try {
    symlinkSync(`${LINK_PREFIX}${process.pid} ${hostname()}`, path);
    return true;
  } catch {
    return false;
  }
}

/** What a lock says, read without following a link: a link lock's target, a file lock's text. */
function lockText(p: string): string | undefined {
  const l = lstatSync(p, { throwIfNoEntry: false });
  if (l?.isSymbolicLink()) {
    try {
      return readlinkSync(p);
    } catch {
      return undefined;
    }
  }
  return l?.isFile() ? readFileSafe(p) : undefined;
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
  const moved = lstatSync(grave, { throwIfNoEntry: false, bigint: true });
  if (moved && moved.ino === judged.ino && moved.dev === judged.dev && lockText(grave) === judged.raw) {
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
  /** Set when the lock's name holds no regular file (a directory, a link): what it is. */
  notAFile?: string;
  /** When the lock file was written (ms since the epoch). */
  mtimeMs: number;
  /** The lock file read, so breaking it removes that file and no other. */
  ino: bigint;
  dev: bigint;
}

function readHolder(path: string): Holder | undefined {
  const l = lstatSync(path, { throwIfNoEntry: false, bigint: true });
  if (l === undefined) return undefined;
  if (l.isSymbolicLink()) {
    let target = "";
    try {
      target = readlinkSync(path);
    } catch {
      // Gone or unreadable: judged below as any other link.
    }
    const m = LINK_TARGET.exec(target);
    if (m) {
      return {
        pid: Number(m[1]),
        host: m[2] ?? "",
        raw: target,
        mtimeMs: Number(l.mtimeMs),
        ino: l.ino,
        dev: l.dev,
      };
    }
  }
  if (!l.isFile()) {
    const what = l.isSymbolicLink() ? "a symbolic link" : l.isDirectory() ? "a directory" : "a special file";
    return { pid: -1, host: "", raw: "", notAFile: what, mtimeMs: Number(l.mtimeMs), ino: l.ino, dev: l.dev };
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
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
  const id = { raw, ino: st.ino, dev: st.dev, mtimeMs: Number(st.mtimeMs) };
  // A lock file caught half-written (between open and write) reads empty: held, unless it has
  // stayed empty for a while (its writer died in between).
  if (!Number.isInteger(n) || n <= 0) {
    const age = Date.now() - Number(st.mtimeMs);
    return { pid: age > 10_000 ? 0 : -1, host: "", ...id };
  }
  return { pid: n, host: host ?? "", ...id };
}

function isAlive(h: Holder): boolean {
  if (h.pid === -1) return true;
  if (h.pid === 0) return false;
  // A lock from another host (shared recipes dir over NFS) cannot be checked: trust it.
  if (h.host && h.host !== hostname()) return true;
  // The lock lives on disk and pids do not: one written before this boot, or whose pid now
  // belongs to a process started after the lock was written, has lost its writer.
  const boot = bootTimeMs();
  if (boot !== undefined && h.mtimeMs < boot - CLOCK_SLACK_MS) return false;
  try {
    process.kill(h.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (isZombie(h.pid)) return false;
  const started = processStartMs(h.pid, boot);
  if (started !== undefined && started > h.mtimeMs + CLOCK_SLACK_MS) return false;
  return runsRecipeCode(h.pid);
}

/**
 * Whether the pid is a program that takes recipe locks: recipe and levitate are Node programs
 * (their workers too: supervise.ts spawns process.execPath), so the holder's command name is
 * node's. A disk that crashed in another LevitateOS machine carries locks with its pid and the
 * shared default hostname; here that pid may be `sleep`, a shell or pid 1, started before the lock
 * (so the start-time check passes), and was waited on forever (attacker 25 L9). Such a lock is
 * stale. An unreadable name (no /proc) stays "alive": waiting, with the rm hint, is the safe side.
 */
function runsRecipeCode(pid: number): boolean {
  const comm = readFileSafe(`/proc/${pid}/comm`)?.trim();
  if (comm === undefined) return true;
  // The kernel keeps 15 bytes of the name.
  const ours = basename(process.execPath).slice(0, 15);
  return comm === ours || /^(node|nodejs|recipe|levitate)/.test(comm);
}

/** Kernel times are in whole seconds and clock ticks; a writer starts before it writes. */
const CLOCK_SLACK_MS = 2_000;
/** USER_HZ: the unit of /proc/PID/stat's start time, 100 on every Linux architecture we build. */
const USER_HZ = 100;

function bootTimeMs(): number | undefined {
  const m = /^btime (\d+)$/m.exec(readFileSafe("/proc/stat") ?? "");
  return m ? Number(m[1]) * 1000 : undefined;
}

function processStartMs(pid: number, boot: number | undefined): number | undefined {
  if (boot === undefined) return undefined;
  const stat = readFileSafe(`/proc/${pid}/stat`);
  // Field 22 counts from the one after the command name, which may hold spaces and parentheses.
  const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields?.[19]);
  return Number.isFinite(ticks) ? boot + (ticks * 1000) / USER_HZ : undefined;
}

/** "1 vm (systemd), written …": the lock's pid and host, and what that pid runs here. */
function describe(h: Holder): string {
  const name = h.host && h.host !== hostname() ? undefined : readFileSafe(`/proc/${h.pid}/comm`)?.trim();
  const who = h.pid > 0 ? `${h.pid}${h.host ? ` ${shown(h.host)}` : ""}` : "a lock with no process in it";
  const since = new Date(h.mtimeMs).toISOString().replace("T", " ").slice(0, 19);
  return `${who}${name ? ` (${shown(name)})` : ""}, written ${since} UTC`;
}

/** Text from a lock file, which anyone could have written, made one short printable word. */
function shown(text: string): string {
  const clean = text.replace(/[^\x21-\x7e]/g, "?");
  return clean.length > 64 ? `${clean.slice(0, 64)}…` : clean;
}

/** A path quoted for the shell when it needs it, so the printed rm is safe to paste. */
function shellWord(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, "'\\''")}'`;
}
