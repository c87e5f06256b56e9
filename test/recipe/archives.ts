import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

export type RawEntry =
  | { type: "file"; path: string; content: string; mode?: number }
  | { type: "dir"; path: string }
  | { type: "symlink"; path: string; target: string }
  | { type: "hardlink"; path: string; target: string };

function header(name: string, size: number, type: string, mode: number, link = ""): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, "utf8");
  h.write(`${mode.toString(8).padStart(7, "0")}\0`, 100, "latin1");
  h.write("0000000\0", 108, "latin1");
  h.write("0000000\0", 116, "latin1");
  h.write(`${size.toString(8).padStart(11, "0")}\0`, 124, "latin1");
  h.write(
    `${Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, "0")}\0`,
    136,
    "latin1",
  );
  h.write("        ", 148, "latin1");
  h.write(type, 156, "latin1");
  h.write(link, 157, 100, "utf8");
  h.write("ustar\0", 257, "latin1");
  h.write("00", 263, "latin1");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  return h;
}

/**
 * Writes a tar stream byte by byte, so tests can make the hostile archives (`../evil`,
 * absolute paths, escaping links) that a well-behaved tar program refuses to create.
 */
export function rawTar(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (e.type === "file") {
      const data = Buffer.from(e.content);
      parts.push(header(e.path, data.length, "0", e.mode ?? 0o644));
      parts.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
    } else if (e.type === "dir") parts.push(header(e.path, 0, "5", 0o755));
    else if (e.type === "symlink") parts.push(header(e.path, 0, "2", 0o777, e.target));
    else parts.push(header(e.path, 0, "1", 0o644, e.target));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export const rawTarGz = (entries: RawEntry[]) => gzipSync(rawTar(entries));

/** Lays out files (path → content, or [content, mode]) below `dir`. */
export function writeTree(dir: string, files: Record<string, string | [string, number]>): void {
  for (const [p, v] of Object.entries(files)) {
    const [content, mode] = typeof v === "string" ? [v, 0o644] : v;
    const f = join(dir, p);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, content);
    chmodSync(f, mode);
  }
}

/** Packs `srcDir/top` into `out` with the real tar/zip programs. */
export function packArchive(
  srcDir: string,
  top: string,
  out: string,
  format: "tar.gz" | "tar.xz" | "tar.zst" | "zip",
) {
  if (format === "zip") {
    execFileSync("zip", ["-q", "-r", "-y", out, top], { cwd: srcDir });
    return;
  }
  const flag = { "tar.gz": "-z", "tar.xz": "-J", "tar.zst": "--zstd" }[format];
  execFileSync("tar", ["-c", flag, "-f", out, top], { cwd: srcDir });
}
