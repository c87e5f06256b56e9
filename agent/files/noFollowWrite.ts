/**
 * Writing a cache file (or one beside a model) without ever writing through a symlink planted at
 * its name or at a guessable temporary name. A cache may belong to another user than the process
 * (`sudo -E levitate ...` keeps HOME): a link `kv/<hash>.json -> /etc/shadow` must not make root
 * rewrite /etc/shadow. So: the bytes go to a fresh temporary file created with O_EXCL|O_NOFOLLOW
 * in the same directory (it cannot exist before, so it cannot be a link), then rename(2) puts it
 * over the final name, which replaces a link there instead of following it. An existing path is
 * never opened for writing.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Creates `dir` (and its parents) when missing and checks it is a real directory, not a link,
 * owned by the caller: a directory someone else owns could be swapped for a link between two of
 * our steps. Throws an Error naming the directory and the problem.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const st = lstatSync(dir);
  if (st.isSymbolicLink())
    throw new Error(`${dir} is a symbolic link; remove it (a cache directory must be a real directory)`);
  if (!st.isDirectory()) throw new Error(`${dir} is not a directory`);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid)
    throw new Error(
      `${dir} belongs to uid ${st.uid}, not to this process (uid ${uid}); use a cache of your own (XDG_CACHE_HOME)`,
    );
}

/** A temporary name in `dir` nobody can have guessed (not the pid). */
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);
}

/** Writes `data` to `path` as described above (mode 0644 unless given). */
export function writeFileNoFollow(path: string, data: string | Uint8Array, mode = 0o644): void {
  const tmp = tempName(path);
  const fd = openSync(
    tmp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    mode,
  );
  try {
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmQuietly(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmQuietly(tmp);
    throw e;
  }
}

/**
 * For a writer that takes a path, not a descriptor (llama.cpp's state save): a fresh private
 * directory (mkdtemp: a new name, mode 0700) in `dir` to write into; `commit` renames the file
 * written there over `path`, `discard` removes the directory. Neither throws on cleanup.
 */
export function privateTempFile(path: string): { tmp: string; commit: () => void; discard: () => void } {
  const tmpDir = mkdtempSync(join(dirname(path), `.${basename(path)}.`));
  const tmp = join(tmpDir, basename(path));
  const discard = () => rmQuietly(tmpDir, true);
  return {
    tmp,
    commit: () => {
      // The writer made `tmp` inside our 0700 directory; it must be a plain file, not a link.
      if (!lstatSync(tmp).isFile()) throw new Error(`${tmp} is not a regular file`);
      renameSync(tmp, path);
      discard();
    },
    discard,
  };
}

function rmQuietly(path: string, recursive = false): void {
  try {
    if (recursive) rmSync(path, { recursive: true, force: true });
    else unlinkSync(path);
  } catch {}
}
