import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";

/**
 * The work directory is leviso's own scratch space: `--clean` deletes it whole and the stages
 * delete folders inside it (x86_64/airootfs, iso/...). A typo in `--work` (`~`, `.`, a repo, a
 * Documents folder) must never become a deletion, so leviso only works in, and only deletes, a
 * directory it made itself: one that did not exist, was empty, or carries the marker below (or
 * the fingerprint + stamps an older leviso left there). Anything else is refused with a line that
 * names the fix; nothing is deleted before every argument has been checked.
 */
export const WORK_MARKER = ".leviso-work";

export class WorkDirError extends Error {}

/** A directory an older leviso made: its fingerprint (one sha256) and its stamps folder. */
function legacyWorkDir(dir: string): boolean {
  try {
    const fp = readFileSync(join(dir, "fingerprint"), "utf8").trim();
    return /^[0-9a-f]{64}$/.test(fp) && statSync(join(dir, "stamps")).isDirectory();
  } catch {
    return false;
  }
}

function real(p: string): string {
  let cur = resolve(p);
  const tail: string[] = [];
  // realpath of the longest existing prefix, so a path not made yet still compares correctly
  while (!existsSync(cur) && dirname(cur) !== cur) {
    tail.unshift(cur.slice(dirname(cur).length).replace(/^\/+/, ""));
    cur = dirname(cur);
  }
  try {
    return join(realpathSync(cur), ...tail);
  } catch {
    return resolve(p);
  }
}

const within = (inner: string, outer: string) =>
  inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);

export interface WorkDirContext {
  /** Paths the work directory may never be, nor hold: the profile, the toolkit, the sources. */
  keep: { what: string; path: string }[];
}

/** Homes a mistyped `--work ~` could name, for root run through sudo too. */
function homes(): string[] {
  const h = [homedir(), process.env.HOME ?? ""];
  const su = process.env.SUDO_USER;
  if (su && /^[a-z_][a-z0-9_.-]*$/i.test(su)) h.push(`/home/${su}`);
  return h.filter(Boolean);
}

/**
 * Throws WorkDirError when leviso may not use `workDir` (and, with `clean`, delete it); returns
 * what `--clean` would remove (the directory itself, or nothing when it does not exist).
 */
export function checkWorkDir(workDir: string, clean: boolean, ctx: WorkDirContext): string[] {
  const abs = resolve(workDir);
  const r = real(abs);
  const fix = "pass --work a new or empty directory (or leave --work out to use <out>/work)";
  if (r === "/" || dirname(r) === r)
    throw new WorkDirError(`--work ${workDir}: that is the root directory; ${fix}`);
  for (const h of homes()) {
    if (r === real(h)) throw new WorkDirError(`--work ${workDir}: that is a home directory (${h}); ${fix}`);
  }
  for (const k of ctx.keep) {
    const kr = real(k.path);
    if (within(kr, r))
      throw new WorkDirError(
        `--work ${workDir}: it ${kr === r ? "is" : "holds"} the ${k.what} (${k.path}); leviso would write into it${clean ? " and --clean would delete it" : ""}; ${fix}`,
      );
  }
  if (!existsSync(abs) && !isDanglingLink(abs)) return [];
  const st = lstatSync(abs);
  if (st.isSymbolicLink() && !existsSync(abs))
    throw new WorkDirError(`--work ${workDir}: a link to nothing; ${fix}`);
  if (!statSync(abs).isDirectory())
    throw new WorkDirError(`--work ${workDir}: not a directory (leviso will not replace a file); ${fix}`);
  const entries = readdirSync(abs);
  if (entries.length === 0 || ownMarker(abs) || legacyWorkDir(abs)) return clean ? [abs] : [];
  const shown =
    entries.slice(0, 5).join(", ") + (entries.length > 5 ? `, … (${entries.length} entries)` : "");
  throw new WorkDirError(
    `--work ${workDir}: not a leviso work directory (it holds ${shown} and no ${WORK_MARKER} that leviso wrote); refusing to ${clean ? "delete" : "build in"} it. Nothing was changed. ${fix[0]?.toUpperCase()}${fix.slice(1)}, or empty it yourself if you are sure.`,
  );
}

const MARKER_TEXT = "made by leviso build: `leviso build --clean` may delete this directory whole\n";

/**
 * The marker only when leviso wrote it (attacker 29 L2): a plain file holding the line leviso
 * writes. An empty `.leviso-work` made by `touch`, a link, or a folder of that name is no proof
 * leviso made the directory, so `--clean` refuses it as any other foreign directory (the words
 * to write are the user's deliberate act, not an accident).
 */
function ownMarker(dir: string): boolean {
  try {
    const f = join(dir, WORK_MARKER);
    return lstatSync(f).isFile() && readFileSync(f, "utf8") === MARKER_TEXT;
  } catch {
    return false;
  }
}

function isDanglingLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Marks a work directory as leviso's, once checkWorkDir accepted it and it exists. */
export function markWorkDir(workDir: string): void {
  const f = join(workDir, WORK_MARKER);
  // never through a link or over a file someone else put there
  if (!existsSync(f) && !isDanglingLink(f)) writeFileSync(f, MARKER_TEXT);
}
