import { spawnSync } from "node:child_process";
import {
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { RecipeLock } from "./lock.js";
import { isInside, resolveConfinedNoFollow, targetRelative } from "./paths.js";
import { restoreBackup } from "./restoreBackup.js";
import { rpmRootArgv } from "./rpmdb.js";
import { writeFileAtomic } from "./state.js";
import { isRpmPackageName } from "./stateSchema.js";
import { isZombie } from "./zombie.js";

/**
 * The on-disk record of one install as it goes, beside the locks in the root's state directory.
 *
 * Why: a signal (Ctrl-C, SIGTERM) usually lands while the process blocks in spawnSync (a download
 * in the fetch child, rpm), where Node runs no JavaScript handler, so the process dies with no
 * chance to undo anything. Every step that changes the root is written here (and fsynced) before
 * it is done; the next `recipe` command that finds a journal whose process is gone takes its
 * locks and undoes it, the way package managers recover an interrupted transaction.
 */
const Entry = z.discriminatedUnion("op", [
  /** A directory created in the target (removed when empty). */
  z.object({ op: z.literal("mkdir"), path: z.string() }),
  /** A hard-link backup of a file about to be replaced. */
  z.object({ op: z.literal("backup"), original: z.string(), backup: z.string() }),
  /** A file, link or directory entry about to be written in the target. */
  z.object({ op: z.literal("install"), path: z.string() }),
  /** A state file about to be written, with what it held before (null: it did not exist). */
  z.object({ op: z.literal("state"), file: z.string(), prev: z.string().nullable() }),
  /** The command that undoes an external step (rpm -e …), run before it is taken. */
  z.object({ op: z.literal("undo-argv"), argv: z.array(z.string()).min(1) }),
  /** Every state is written: the install stands; recovery only drops leftover backups. */
  z.object({ op: z.literal("commit") }),
]);
export type JournalEntry = z.infer<typeof Entry>;

const Header = z.object({
  pid: z.number().int(),
  host: z.string(),
  /** The state files whose locks the command held. */
  locks: z.array(z.string()),
  /** The command's build directory (downloads, unpacked sources), removed on recovery. */
  buildRoot: z.string(),
});
type Header = z.infer<typeof Header>;

const PREFIX = ".recipe-txn-";
const journalPath = (stateDir: string, pid: number) => join(stateDir, `${PREFIX}${pid}.journal`);

export class Journal {
  private fd: number | undefined;
  private constructor(readonly path: string) {}

  /** Starts the journal (the header, synced) once the command holds its locks. */
  static begin(stateDir: string, header: Omit<Header, "pid" | "host">): Journal {
    const j = new Journal(journalPath(stateDir, process.pid));
    j.fd = openSync(j.path, "w", 0o600);
    try {
      j.write({ pid: process.pid, host: hostname(), ...header });
      markBuildDir(header.buildRoot, process.pid, j.path);
    } catch (err) {
      // Nothing was done yet: a journal without its header (a full disk) is only litter.
      j.close();
      throw err;
    }
    return j;
  }

  private write(o: object): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, `${JSON.stringify(o)}\n`);
    fsyncSync(this.fd);
  }

  /** Records a step before it is taken. */
  add(e: JournalEntry): void {
    this.write(e);
  }

  /** The command ended (done, or rolled back in process): the journal is no longer needed. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.path, { force: true });
  }
}

function alive(pid: number, host: string): boolean {
  if (host !== hostname()) return true; // Another host's process cannot be checked: trust it.
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return !isZombie(pid);
}

function parse(text: string): { header: Header; entries: JournalEntry[] } | undefined {
  const lines = text.split("\n").filter(Boolean);
  const h = Header.safeParse(safeJson(lines[0]));
  if (!h.success) return undefined;
  const entries: JournalEntry[] = [];
  // The last line may be cut short by the crash: everything readable before it counts.
  for (const l of lines.slice(1)) {
    const e = Entry.safeParse(safeJson(l));
    if (e.success) entries.push(e.data);
  }
  return { header: h.data, entries };
}

function safeJson(s: string | undefined): unknown {
  try {
    return s === undefined ? undefined : JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Undoes one journal's steps, newest first. Never throws; returns what it could not undo. */
function undo(entries: JournalEntry[], header: Header, journal: string): string[] {
  const problems: string[] = [];
  const committed = entries.some((e) => e.op === "commit");
  const attempt = (what: string, f: () => void) => {
    try {
      f();
    } catch (err) {
      problems.push(`${what}: ${(err as Error).message}`);
    }
  };
  for (const e of [...entries].reverse()) {
    if (committed) {
      if (e.op === "backup") attempt(`drop ${e.backup}`, () => rmSync(e.backup, { force: true }));
      continue;
    }
    switch (e.op) {
      case "install":
        attempt(`remove ${e.path}`, () => rmSync(e.path, { force: true }));
        break;
      case "backup":
        if (existsSync(e.backup)) attempt(`restore ${e.original}`, () => restoreBackup(e.backup, e.original));
        break;
      case "mkdir":
        try {
          if (readdirSync(e.path).length === 0) rmdirSync(e.path);
        } catch {
          // Not empty or gone: leave it.
        }
        break;
      case "state":
        attempt(`restore ${e.file}`, () =>
          e.prev === null ? rmSync(e.file, { force: true }) : writeFileAtomic(e.file, e.prev),
        );
        break;
      case "undo-argv":
        spawnSync(e.argv[0]!, e.argv.slice(1), { stdio: "ignore" });
        break;
    }
  }
  attempt(`remove ${header.buildRoot}`, () => removeBuildDir(header, journal));
  return problems;
}

/**
 * Names the build directory's owner inside it: the pid and the journal. Recovery removes only a
 * directory so marked, because the journal is read from the root, which may be someone else's
 * tree: its buildRoot could name a live install's build directory (attacker 7, L2).
 */
const BUILD_MARK = ".recipe-journal";

function markBuildDir(buildRoot: string, pid: number, journal: string): void {
  try {
    writeFileSync(join(buildRoot, BUILD_MARK), `${pid} ${journal}\n`, { flag: "wx", mode: 0o600 });
  } catch {
    // No build directory (nothing to remove later) or a mark already there: recovery leaves it.
  }
}

function removeBuildDir(header: Header, journal: string): void {
  const st = lstatSync(header.buildRoot, { throwIfNoEntry: false });
  if (st === undefined) return;
  let mark: string | undefined;
  if (st.isDirectory() && st.uid === process.getuid?.()) {
    try {
      const fd = openSync(join(header.buildRoot, BUILD_MARK), constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        mark = readFileSync(fd, "utf8");
      } finally {
        closeSync(fd);
      }
    } catch {
      // No mark: not this journal's directory.
    }
  }
  if (mark !== `${header.pid} ${journal}\n`)
    throw new Error(
      `left in place: it holds no mark of this install (${BUILD_MARK}), so it may be another's`,
    );
  rmSync(header.buildRoot, { recursive: true, force: true });
}

export interface Recovered {
  pid: number;
  committed: boolean;
  problems: string[];
}

/** A journal left in place, undone by nothing, because it names something recipe never writes. */
export interface Refused {
  file: string;
  reasons: string[];
}

/** What a journal found in ROOT may name: anything else was not written by recipe for ROOT. */
export interface JournalTrust {
  /** The target root (absolute, resolved). */
  root: string;
  /** The rpm database path given to `rpm --dbpath` for this root. */
  dbpath: string;
  /** The directory recipe makes its build directories in (`recipe-build-XXXXXX`, `recipe-remove-XXXXXX`). */
  buildParent: string;
}

const BUILD_DIR = /^recipe-(build|remove)-[A-Za-z0-9]{6}$/;

/**
 * Why the journal's content cannot be trusted, or [] when every path it names is one recipe
 * itself would write for this root.
 *
 * Why: the journal lives in the root, and a root is often someone else's tree (a disk image, a
 * mounted disk): its content is input, not our own record. Undoing it runs as root on the host,
 * so every path must resolve inside ROOT the way chroot would (a `..` or a link in a parent
 * leaving ROOT changes the resolved path, so it no longer matches), the build directory must be
 * one recipe makes, and the only command it may run is `rpm -e` on this root's database.
 */
export function untrustedParts(
  header: Header,
  entries: JournalEntry[],
  t: JournalTrust,
  stateDir: string,
): string[] {
  const bad: string[] = [];
  const inRoot = (p: string, what: string) => {
    let ok = isAbsolute(p) && isInside(t.root, p) && resolve(p) !== t.root;
    if (ok) {
      try {
        ok = resolveConfinedNoFollow(t.root, targetRelative(t.root, p), "chroot") === resolve(p);
      } catch {
        ok = false;
      }
    }
    if (!ok) bad.push(`${what} ${p} is outside ${t.root}`);
  };
  const inStateDir = (p: string, what: string) => {
    if (dirname(resolve(p)) !== stateDir || !basename(p).endsWith(".rhai"))
      bad.push(`${what} ${p} is not in ${stateDir}`);
  };
  for (const l of header.locks) inStateDir(l, "lock");
  const b = resolve(header.buildRoot);
  if (dirname(b) !== resolve(t.buildParent) || !BUILD_DIR.test(basename(b)))
    bad.push(
      `build directory ${header.buildRoot} is not one recipe makes (${join(t.buildParent, "recipe-build-XXXXXX")})`,
    );
  const rpmPrefix = rpmRootArgv(t.root, t.dbpath, "-e", "--nodeps");
  for (const e of entries) {
    switch (e.op) {
      case "mkdir":
      case "install":
        inRoot(e.path, e.op === "mkdir" ? "directory" : "file");
        break;
      case "backup":
        inRoot(e.original, "file");
        inRoot(e.backup, "backup");
        if (dirname(resolve(e.backup)) !== dirname(resolve(e.original)))
          bad.push(`backup ${e.backup} is not beside ${e.original}`);
        break;
      case "state":
        inStateDir(e.file, "state file");
        break;
      case "undo-argv": {
        // Journals written before rpm got "--" ahead of the names have none; both are accepted.
        const rest = e.argv.slice(rpmPrefix.length);
        const names = rest[0] === "--" ? rest.slice(1) : rest;
        if (names.length === 0 || rpmPrefix.some((a, i) => e.argv[i] !== a) || !names.every(isRpmPackageName))
          bad.push(`command ${JSON.stringify(e.argv).slice(0, 200)} is not rpm -e on ${t.root}`);
        break;
      }
      case "commit":
        break;
    }
  }
  return bad;
}

/**
 * Finds the journals of commands that died mid-install (their process is gone) and undoes them,
 * under their locks. A journal whose locks a live process holds is left for later. Returns what
 * was recovered; an unwritable state directory (a user listing /) recovers nothing.
 */
export function recoverInterrupted(
  stateDir: string,
  trust: JournalTrust,
  onRefused: (r: Refused) => void = () => {},
): Recovered[] {
  let names: string[];
  try {
    names = readdirSync(stateDir).filter((n) => n.startsWith(PREFIX) && n.endsWith(".journal"));
  } catch {
    return [];
  }
  const out: Recovered[] = [];
  for (const n of names) {
    const path = join(stateDir, n);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue;
    }
    const j = parse(text);
    if (j && j.header.host === hostname() && !alive(j.header.pid, j.header.host)) {
      // Checked before taking any lock: a lock named by the journal is created by taking it.
      const bad = j.header.locks.filter(
        (l) => dirname(resolve(l)) !== stateDir || !basename(l).endsWith(".rhai"),
      );
      if (bad.length > 0) {
        onRefused({ file: path, reasons: bad.map((l) => `lock ${l} is not in ${stateDir}`) });
        continue;
      }
    }
    if (j && alive(j.header.pid, j.header.host)) continue;
    if (!j) {
      // A header cut short: the command died before it changed anything.
      if (/^\.recipe-txn-(\d+)\.journal$/.test(n) && !alive(Number(n.slice(PREFIX.length, -8)), hostname()))
        rmSync(path, { force: true });
      continue;
    }
    const locks: RecipeLock[] = [];
    try {
      let all = true;
      for (const f of j.header.locks) {
        const l = RecipeLock.tryAcquire(f);
        if (!l) {
          all = false;
          break;
        }
        locks.push(l);
      }
      if (!all) continue;
      const bad = untrustedParts(j.header, j.entries, trust, stateDir);
      if (bad.length > 0) {
        onRefused({ file: path, reasons: bad });
        continue;
      }
      const problems = undo(j.entries, j.header, path);
      rmSync(path, { force: true });
      out.push({ pid: j.header.pid, committed: j.entries.some((e) => e.op === "commit"), problems });
    } catch {
      // No write access (a user running `recipe list` on /): leave it for a command that has.
    } finally {
      for (const l of locks) l.release();
    }
  }
  return out;
}
