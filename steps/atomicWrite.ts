/**
 * The one way this toolkit replaces a file: hostname, locale, fstab, sudoers, recipe state,
 * installed recipe files, downloads in the cache.
 *
 * A temp file beside the destination with an unguessable name, opened O_CREAT|O_EXCL|O_NOFOLLOW
 * (so nothing planted in the directory, a link or a file, is ever written through), its mode set
 * before any content lands (a secret is never readable by others, not even for a moment), the
 * content fsynced, then renamed over the destination and the directory fsynced: a reader, or a
 * crash at any instant, sees the whole old file or the whole new one.
 *
 * Why not write-file-atomic or atomically: both derive the temp name from the pid and a counter
 * (guessable) and open it without O_NOFOLLOW, which is the very hole this module closes.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** How many fresh names are tried when one is taken (a collision of 64 random bits: never, in practice). */
const NAME_ATTEMPTS = 4;

export interface AtomicWriteOptions {
  /** The file's permission bits, exact (the umask does not apply). */
  mode: number;
  /**
   * Runs on the finished temp file before it replaces the destination (visudo -cf, for one);
   * throwing removes the temp file and leaves the destination as it was.
   */
  check?: (tmpPath: string) => void | Promise<void>;
}

export interface AtomicWriteSyncOptions extends Omit<AtomicWriteOptions, "check"> {
  check?: (tmpPath: string) => void;
}

/**
 * `.NAME.PID.RANDOM.tmp` beside `path`: the pid lets a later writer clean up after a killed one
 * (recipe/state.ts does), the 64 random bits make it unguessable.
 */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(8).toString("hex")}.tmp`);
}

function openTempSync(path: string, mode: number): { fd: number; tmp: string } {
  for (let i = 0; ; i++) {
    const tmp = tempPathFor(path);
    try {
      const fd = openSync(tmp, CREATE_FLAGS, mode & 0o600);
      return { fd, tmp };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || i + 1 >= NAME_ATTEMPTS) throw err;
    }
  }
}

/** fsync of the directory, so the rename itself survives a power cut. */
export function fsyncDirSync(dir: string): void {
  const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes through `fill`, then fsyncs, checks and renames; any failure removes the temp file. */
function commitSync(path: string, opts: AtomicWriteSyncOptions, fill: (fd: number) => void): void {
  const { fd, tmp } = openTempSync(path, opts.mode);
  try {
    try {
      // Created 0600 at most; the exact mode is set before the content, never after it.
      fchmodSync(fd, opts.mode);
      fill(fd);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    opts.check?.(tmp);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDirSync(dirname(path));
}

function writeAllSync(fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

export function atomicWriteFileSync(
  path: string,
  data: string | Uint8Array,
  opts: AtomicWriteSyncOptions,
): void {
  const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  commitSync(path, opts, (fd) => writeAllSync(fd, buf));
}

/** Copies `from` (read in 1 MiB chunks) to `to` the same way. */
export function atomicCopyFileSync(from: string, to: string, opts: AtomicWriteSyncOptions): void {
  const src = openSync(from, constants.O_RDONLY);
  try {
    commitSync(to, opts, (fd) => {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (;;) {
        const n = readSync(src, buf, 0, buf.length, null);
        if (n === 0) break;
        writeAllSync(fd, buf.subarray(0, n));
      }
    });
  } finally {
    closeSync(src);
  }
}

async function commit(
  path: string,
  opts: AtomicWriteOptions,
  fill: (fh: import("node:fs/promises").FileHandle) => Promise<void>,
): Promise<void> {
  let fh: import("node:fs/promises").FileHandle | undefined;
  let tmp = "";
  for (let i = 0; !fh; i++) {
    tmp = tempPathFor(path);
    try {
      fh = await open(tmp, CREATE_FLAGS, opts.mode & 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || i + 1 >= NAME_ATTEMPTS) throw err;
    }
  }
  try {
    try {
      await fh.chmod(opts.mode);
      await fill(fh);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await opts.check?.(tmp);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  const dir = await open(dirname(path), constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

export async function atomicWriteFile(
  path: string,
  data: string | Uint8Array,
  opts: AtomicWriteOptions,
): Promise<void> {
  await commit(path, opts, async (fh) => {
    await fh.writeFile(data);
  });
}

export async function atomicCopyFile(from: string, to: string, opts: AtomicWriteOptions): Promise<void> {
  const src = await open(from, constants.O_RDONLY);
  try {
    await commit(to, opts, async (fh) => {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (;;) {
        const { bytesRead } = await src.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        let off = 0;
        while (off < bytesRead) off += (await fh.write(buf, off, bytesRead - off)).bytesWritten;
      }
    });
  } finally {
    await src.close();
  }
}
