import { spawnSync } from "node:child_process";
import {
  chmodSync,
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, posix } from "node:path";
import { gunzipSync, inflateRawSync } from "node:zlib";
import { Decompress as ZstdStream } from "fzstd";
import { PathEscapeError, resolveConfined } from "./paths.js";

export const ARCHIVE_FORMATS = ["tar.gz", "tar.xz", "tar.zst", "tar.bz2", "tar", "zip"] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

const ALIASES: Record<string, ArchiveFormat> = {
  tgz: "tar.gz",
  txz: "tar.xz",
  tzst: "tar.zst",
  tbz2: "tar.bz2",
};

/** Extracted archives larger than this are refused: a decompression bomb, or a mistake. */
const MAX_TOTAL_BYTES = 4 * 1024 ** 3;

export class UnsafeArchiveError extends Error {
  override name = "UnsafeArchiveError";
}

export type ArchiveEntry =
  | { type: "file"; path: string; mode: number; data: Buffer }
  | { type: "dir"; path: string; mode: number }
  | { type: "symlink"; path: string; target: string }
  | { type: "hardlink"; path: string; target: string };

/** Recognises an archive by its first bytes, for `extract("auto")`. */
export function sniffFormat(file: string): ArchiveFormat | undefined {
  const head = Buffer.alloc(512);
  const fd = openSync(file, "r");
  let n: number;
  try {
    n = readSync(fd, head, 0, 512, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return "tar.gz";
  if (head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return "tar.xz";
  if (head.readUInt32LE(0) === 0xfd2fb528) return "tar.zst";
  if (head.subarray(0, 3).toString("latin1") === "BZh") return "tar.bz2";
  if (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50) return "zip";
  if (n >= 512 && head.subarray(257, 262).toString("latin1") === "ustar") return "tar";
  return undefined;
}

export function normalizeFormat(format: string, file: string): ArchiveFormat {
  const f = format.toLowerCase().replace(/^\./, "");
  if (f === "auto") {
    const sniffed = sniffFormat(file);
    if (!sniffed)
      throw new Error(`extract("auto"): cannot tell the format of ${file}; name it, e.g. "tar.gz"`);
    return sniffed;
  }
  const known = ALIASES[f] ?? (ARCHIVE_FORMATS as readonly string[]).find((x) => x === f);
  if (!known) {
    throw new Error(
      `extract: unknown format "${format}"; use one of ${ARCHIVE_FORMATS.join(", ")} or "auto"`,
    );
  }
  return known as ArchiveFormat;
}

function decompressTool(tool: string, file: string, max: number): Buffer {
  const r = spawnSync(tool, ["-dc", file], { maxBuffer: max, stdio: ["ignore", "pipe", "pipe"] });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === "ENOBUFS") throw tooBig(max);
  if (r.error) throw new Error(`extract: cannot run ${tool} (${r.error.message}); install it`);
  if (r.status !== 0) throw new Error(`extract: ${tool} failed on ${file}: ${r.stderr.toString().trim()}`);
  return r.stdout;
}

function tooBig(max: number): UnsafeArchiveError {
  return new UnsafeArchiveError(
    `archive expands beyond ${max} bytes (a decompression bomb, or set pkg.max_size_mib higher)`,
  );
}

/** zstd inflated in chunks, stopping as soon as the output passes `max` (never all at once). */
function zstdCapped(input: Buffer, max: number): Buffer {
  const out: Uint8Array[] = [];
  let total = 0;
  const d = new ZstdStream((chunk) => {
    total += chunk.length;
    if (total > max) throw tooBig(max);
    out.push(chunk);
  });
  const STEP = 1 << 16;
  for (let i = 0; i < input.length; i += STEP) d.push(input.subarray(i, i + STEP), i + STEP >= input.length);
  return Buffer.concat(out, total);
}

function tarBytes(format: ArchiveFormat, file: string, max: number): Buffer {
  switch (format) {
    case "tar": {
      const b = readFileSync(file);
      if (b.length > max) throw tooBig(max);
      return b;
    }
    case "tar.gz":
      try {
        return gunzipSync(readFileSync(file), { maxOutputLength: max });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooBig(max);
        throw err;
      }
    case "tar.zst":
      return zstdCapped(readFileSync(file), max);
    case "tar.xz":
      return decompressTool("xz", file, max);
    case "tar.bz2":
      return decompressTool("bzip2", file, max);
    default:
      throw new Error(`not a tar format: ${format}`);
  }
}

/**
 * A path from an archive, made relative and checked: no absolute paths, no `..`, nothing empty.
 * Returns undefined for the archive root itself (`./`).
 */
export function checkEntryPath(raw: string, windowsSeparators = false): string | undefined {
  // In a tar, "\\" is an ordinary character of a Linux file name; zips written on Windows may
  // use it as the separator, so there it is read as one.
  const p = windowsSeparators ? raw.replace(/\\/g, "/") : raw;
  if (p.startsWith("/") || /^[a-zA-Z]:/.test(p)) {
    throw new UnsafeArchiveError(`archive entry "${raw}" has an absolute path; refusing to extract it`);
  }
  const parts = p.split("/").filter((s) => s !== "" && s !== ".");
  if (parts.includes("..")) {
    throw new UnsafeArchiveError(`archive entry "${raw}" climbs out of the directory with ".."; refusing`);
  }
  if (parts.some((s) => s.includes("\0")))
    throw new UnsafeArchiveError(`archive entry "${raw}" has a NUL byte`);
  return parts.length ? parts.join("/") : undefined;
}

function cstr(buf: Buffer, start: number, len: number): string {
  const slice = buf.subarray(start, start + len);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul === -1 ? len : nul).toString("utf8");
}

function octal(buf: Buffer, start: number, len: number): number {
  // GNU base-256 for values that do not fit in octal.
  if ((buf[start]! & 0x80) !== 0) {
    let v = 0;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + buf[i]!;
    return v;
  }
  const s = cstr(buf, start, len).trim();
  return s ? Number.parseInt(s, 8) : 0;
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp === -1) break;
    const len = Number.parseInt(data.subarray(i, sp).toString("latin1"), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = data.subarray(sp + 1, i + len - 1).toString("utf8");
    const eq = rec.indexOf("=");
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

const TAR_TYPES: Record<string, string> = {
  "3": "a character device",
  "4": "a block device",
  "6": "a FIFO",
  D: "a GNU dump directory listing",
  M: "the continuation of a multi-volume archive",
  V: "a volume label",
};

/** What a tar entry type that extract does not write is, in words. */
function tarTypeName(type: string): string {
  const known = TAR_TYPES[type];
  if (known) return `${known} (tar type "${type}"), which a recipe never installs`;
  return `of tar type ${JSON.stringify(type)}, which extract does not know (only files, directories and links are read)`;
}

/** Reads every entry of a tar stream (ustar, pax and GNU long names). */
export function parseTar(buf: Buffer): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (sum !== octal(h, 148, 8)) throw new UnsafeArchiveError(`corrupt tar header at byte ${off}`);
    const size = octal(h, 124, 12);
    const type = String.fromCharCode(h[156]!) || "0";
    const dataStart = off + 512;
    if (dataStart + size > buf.length) throw new UnsafeArchiveError("tar archive is truncated");
    const data = buf.subarray(dataStart, dataStart + size);
    off = dataStart + Math.ceil(size / 512) * 512;

    if (type === "x") {
      pax = parsePax(data);
      continue;
    }
    if (type === "S" || Object.keys(pax).some((k) => k.startsWith("GNU.sparse."))) {
      const shown = pax["GNU.sparse.name"] ?? pax.path ?? longName ?? cstr(h, 0, 100);
      throw new UnsafeArchiveError(
        `archive entry "${shown}" is a sparse file (tar --sparse), which extract does not read; ` +
          "refusing. Use an archive made without --sparse",
      );
    }
    if (type === "g") continue;
    if (type === "L") {
      longName = cstr(data, 0, data.length);
      continue;
    }
    if (type === "K") {
      longLink = cstr(data, 0, data.length);
      continue;
    }
    const prefix = h.subarray(257, 262).toString("latin1") === "ustar" ? cstr(h, 345, 155) : "";
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
    const link = pax.linkpath ?? longLink ?? cstr(h, 157, 100);
    pax = {};
    longName = undefined;
    longLink = undefined;
    const mode = octal(h, 100, 8) & 0o7777;
    if (type === "0" || type === "\0" || type === "7") entries.push({ type: "file", path: name, mode, data });
    else if (type === "5") entries.push({ type: "dir", path: name, mode });
    else if (type === "2") entries.push({ type: "symlink", path: name, target: link });
    else if (type === "1") entries.push({ type: "hardlink", path: name, target: link });
    else
      throw new UnsafeArchiveError(`archive entry "${name}" is ${tarTypeName(type)}; refusing to extract it`);
  }
  return entries;
}

/**
 * Reads every entry of a zip file from its central directory (no zip64). Each entry inflates to
 * at most its declared size, and the declared sizes are added up before inflating: past `max`,
 * the archive is refused before the entry that would pass it is inflated.
 */
export function parseZip(buf: Buffer, max = MAX_TOTAL_BYTES): ArchiveEntry[] {
  let total = 0;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new UnsafeArchiveError("not a zip file (no end-of-central-directory record)");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ArchiveEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new UnsafeArchiveError("corrupt zip central directory");
    const madeBy = buf.readUInt16LE(p + 4) >> 8;
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const attrs = buf.readUInt32LE(p + 38);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    p += 46 + nameLen + extraLen + commentLen;
    if (csize === 0xffffffff || usize === 0xffffffff || local === 0xffffffff) {
      throw new UnsafeArchiveError(`zip entry "${name}" needs zip64, which extract does not read`);
    }
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new UnsafeArchiveError(`corrupt zip entry "${name}"`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    const unixMode = madeBy === 3 ? attrs >>> 16 : 0;
    if (name.endsWith("/")) {
      entries.push({ type: "dir", path: name, mode: unixMode & 0o7777 || 0o755 });
      continue;
    }
    total += method === 0 ? raw.length : usize;
    if (total > max) throw tooBig(max);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateCapped(raw, usize, name);
    else
      throw new UnsafeArchiveError(
        `zip entry "${name}" uses compression method ${method}; only stored and deflate are read`,
      );
    if ((unixMode & 0o170000) === 0o120000)
      entries.push({ type: "symlink", path: name, target: data.toString("utf8") });
    else entries.push({ type: "file", path: name, mode: unixMode & 0o7777 || 0o644, data });
  }
  return entries;
}

/** A zip entry inflated to at most the size its headers declare: more is a lie, and refused as one. */
function inflateCapped(raw: Buffer, declared: number, name: string): Buffer {
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(declared, 1) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ERR_BUFFER_TOO_LARGE") throw err;
    throw new UnsafeArchiveError(
      `zip entry "${name}" inflates past the ${declared} bytes its header declares (a corrupt or ` +
        "hostile zip); refusing. Get the archive again from its source",
    );
  }
}

/** Makes every directory of `rel` below `root`, refusing to pass through a symlink. */
function mkdirsNoFollow(root: string, rel: string): void {
  let cur = root;
  for (const part of rel.split("/").filter(Boolean)) {
    cur = join(cur, part);
    let st: import("node:fs").Stats | undefined;
    try {
      st = lstatSync(cur);
    } catch {
      mkdirSync(cur, { mode: 0o755 });
      continue;
    }
    if (!st.isDirectory())
      throw new UnsafeArchiveError(`archive writes through "${rel}", which is not a directory`);
  }
}

export interface ExtractResult {
  format: ArchiveFormat;
  entries: number;
  /** The names directly below the extraction directory. */
  topLevel: string[];
}

/**
 * Extracts `file` into `dest` (created, must be empty or absent). Every entry is checked before
 * anything is written; symlinks are created after all files, so no write ever passes through
 * one, and then each is resolved to make sure it stays inside `dest`. On any refusal `dest` is
 * removed and the error names the entry.
 */
export function extractArchive(
  file: string,
  format: string,
  dest: string,
  opts: { maxBytes?: number } = {},
): ExtractResult {
  const max = opts.maxBytes ?? MAX_TOTAL_BYTES;
  const fmt = normalizeFormat(format, file);
  const entries = fmt === "zip" ? parseZip(readFileSync(file), max) : parseTar(tarBytes(fmt, file, max));
  const checked: ArchiveEntry[] = [];
  let total = 0;
  for (const e of entries) {
    const path = checkEntryPath(e.path, fmt === "zip");
    if (path === undefined) continue;
    if (e.type === "symlink") {
      if (posix.isAbsolute(e.target) || e.target === "") {
        throw new UnsafeArchiveError(
          `archive symlink "${e.path}" points to absolute "${e.target}"; refusing`,
        );
      }
      const resolved = posix.normalize(posix.join(posix.dirname(path), e.target));
      if (resolved === ".." || resolved.startsWith("../")) {
        throw new UnsafeArchiveError(
          `archive symlink "${e.path}" -> "${e.target}" escapes the directory; refusing`,
        );
      }
    }
    if (e.type === "hardlink") {
      // The target is checked like a path, but the message names the entry that links to it.
      let target: string | undefined;
      try {
        target = checkEntryPath(e.target);
      } catch (err) {
        if (!(err instanceof UnsafeArchiveError)) throw err;
        const why = err.message.replace(/^archive entry ".*?" /s, "").replace(/; refusing.*$/s, "");
        throw new UnsafeArchiveError(
          `archive hard link "${e.path}" -> "${e.target}": the target ${why}; refusing to extract it`,
        );
      }
      if (!target) throw new UnsafeArchiveError(`archive hard link "${e.path}" has no target`);
      checked.push({ ...e, path, target });
      continue;
    }
    if (e.type === "file") total += e.data.length;
    if (total > max) throw tooBig(max);
    checked.push({ ...e, path });
  }

  mkdirSync(dest, { recursive: true });
  try {
    const dirModes: [string, number][] = [];
    for (const e of checked) {
      if (e.type === "dir") {
        mkdirsNoFollow(dest, e.path);
        dirModes.push([join(dest, e.path), e.mode]);
      } else if (e.type === "file") {
        mkdirsNoFollow(dest, dirname(e.path));
        const out = join(dest, e.path);
        rmSync(out, { force: true });
        // Set-id bits from a downloaded archive are never wanted.
        // Nor group or other write bits: a file anyone may change is never installed.
        writeFileSync(out, e.data, { mode: e.mode & 0o755, flag: "wx" });
        chmodSync(out, e.mode & 0o755);
      }
    }
    for (const e of checked) {
      if (e.type === "hardlink") {
        mkdirsNoFollow(dest, dirname(e.path));
        const src = join(dest, e.target);
        if (!lstatSync(src, { throwIfNoEntry: false })?.isFile()) {
          throw new UnsafeArchiveError(
            `archive hard link "${e.path}" -> "${e.target}" has no file to link to`,
          );
        }
        rmSync(join(dest, e.path), { force: true });
        linkSync(src, join(dest, e.path));
      }
    }
    const links = checked.filter((e) => e.type === "symlink");
    for (const e of links) {
      mkdirsNoFollow(dest, dirname(e.path));
      rmSync(join(dest, e.path), { force: true, recursive: true });
      symlinkSync(e.target, join(dest, e.path));
    }
    // Lexically every link stays inside; through other links it still might not (`a -> .`,
    // `b -> a/../x`), so resolve each one for real.
    for (const e of links) {
      try {
        resolveConfined(dest, e.path, "strict");
      } catch (err) {
        if (err instanceof PathEscapeError) {
          throw new UnsafeArchiveError(
            `archive symlink "${e.path}" -> "${e.target}" escapes the directory; refusing`,
          );
        }
        throw err;
      }
    }
    for (const [dir, mode] of dirModes.reverse()) chmodSync(dir, (mode & 0o777) | 0o700);
  } catch (err) {
    rmSync(dest, { recursive: true, force: true });
    throw err;
  }
  const topLevel = [...new Set(checked.map((e) => e.path.split("/")[0]!))].sort();
  return { format: fmt, entries: checked.length, topLevel };
}
