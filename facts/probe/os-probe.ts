import { execFile } from "node:child_process";
import { lstat, mkdtemp, readdir, readFile, rmdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * What is on one partition, found the way os-prober finds it, without changing a byte: a FAT ESP
 * and NTFS are read with userspace tools (mtools, ntfs-3g's ntfsls), ext2/3/4 with debugfs; only
 * btrfs and xfs, which have no such reader, are mounted, read-only (no log replay), in a private
 * directory, and unmounted before the function returns.
 */

const run = promisify(execFile);

/** mtools on an unmounted FAT: partitions need not be a multiple of the nominal track size. */
const MTOOLS_ENV = { ...process.env, MTOOLS_SKIP_CHECK: "1" };

export const WINDOWS_LOADER = "EFI/Microsoft/Boot/bootmgfw.efi";
export const WINDOWS_BOOT_MANAGER = "Windows Boot Manager";

/** `blkid -p` (the device itself, no cache): filesystem type and label, null when blank. */
export async function blkidOf(device: string): Promise<{ fstype: string | null; label: string | null }> {
  try {
    const { stdout } = await run("blkid", ["-p", "-o", "export", device]);
    const kv = parseExport(stdout);
    return { fstype: kv.TYPE ?? null, label: kv.LABEL ?? null };
  } catch {
    // Exit 2: no signature at all (an MSR, a fresh partition).
    return { fstype: null, label: null };
  }
}

/** `KEY=value` lines of `blkid -o export` (values with `\ ` escapes). */
export function parseExport(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m?.[1]) out[m[1]] = (m[2] ?? "").replace(/\\(.)/g, "$1");
  }
  return out;
}

/** `PRETTY_NAME` of an os-release file (else NAME and VERSION), as os-prober names a Linux. */
export function osNameFromRelease(text: string): string | undefined {
  const kv: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (!m?.[1]) continue;
    let v = (m[2] ?? "").trim();
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1).replace(/\\(["'$`\\])/g, "$1");
    kv[m[1]] = v;
  }
  const name = kv.PRETTY_NAME || [kv.NAME, kv.VERSION].filter(Boolean).join(" ");
  // Control characters never reach a prompt or a boot menu.
  const clean = name.replace(/[\p{Cc}]/gu, "").trim();
  return clean ? clean.slice(0, 80) : undefined;
}

export interface EspContents {
  /** Every `.efi` below /EFI, path from the ESP's root with the case found ("EFI/Boot/bootx64.efi"). */
  loaders: string[];
  fsFreeBytes?: number;
}

/** Lists an unmounted FAT ESP with mtools: its EFI programs and its free bytes. */
export async function espContents(device: string): Promise<EspContents> {
  const loaders: string[] = [];
  try {
    const { stdout } = await run("mdir", ["-i", device, "-/", "-b", "::/EFI"], { env: MTOOLS_ENV });
    for (const line of stdout.split("\n")) {
      const p = line.trim().replace(/^::\//, "");
      if (/\.efi$/i.test(p)) loaders.push(p);
    }
  } catch {
    // No /EFI directory: an empty ESP.
  }
  let fsFreeBytes: number | undefined;
  try {
    const { stdout } = await run("mdir", ["-i", device, "::/"], { env: MTOOLS_ENV });
    const m = /([\d ,.]+) bytes free/.exec(stdout);
    if (m?.[1]) fsFreeBytes = Number(m[1].replace(/[ ,.]/g, ""));
  } catch {
    // An empty root directory makes mdir exit 1; minfo would need the geometry: unknown.
  }
  return { loaders: loaders.sort(), ...(fsFreeBytes !== undefined ? { fsFreeBytes } : {}) };
}

/** An NTFS with Windows/System32 holds a Windows (ntfsls reads it without mounting). */
export async function ntfsHasWindows(device: string): Promise<boolean> {
  try {
    await run("ntfsls", ["-p", "/Windows/System32", device]);
    return true;
  } catch {
    return false;
  }
}

const OS_RELEASE = ["usr/lib/os-release", "etc/os-release"];

/** ext2/3/4: debugfs reads files without mounting (no journal replay, nothing written). */
async function extOsName(device: string): Promise<string | undefined> {
  for (const f of OS_RELEASE) {
    try {
      const { stdout } = await run("debugfs", ["-R", `cat /${f}`, device]);
      const name = osNameFromRelease(stdout);
      if (name) return name;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** Reads a regular file below a mount, never through a link (a link may point at the host). */
async function readPlain(path: string): Promise<string | undefined> {
  const st = await lstat(path).catch(() => undefined);
  if (!st?.isFile() || st.size > 64 * 1024) return undefined;
  return readFile(path, "utf8");
}

/**
 * btrfs and xfs: a read-only mount without log replay in a fresh directory; the root, then each
 * top-level directory (btrfs subvolumes: Fedora's `root`, openSUSE's and Ubuntu's `@`).
 */
async function mountedOsName(device: string, fstype: "btrfs" | "xfs"): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), "levitate-osprobe-"));
  // Kernels since 5.9 spell btrfs's option rescue=nologreplay; older ones only nologreplay.
  const tries =
    fstype === "btrfs"
      ? ["ro,rescue=nologreplay,nosuid,nodev,noexec", "ro,nologreplay,nosuid,nodev,noexec"]
      : ["ro,norecovery,nosuid,nodev,noexec"];
  let mounted = false;
  for (const opts of tries) {
    try {
      await run("mount", ["-t", fstype, "-o", opts, device, dir]);
      mounted = true;
      break;
    } catch {
      // the next spelling
    }
  }
  if (!mounted) {
    await rmdir(dir).catch(() => {});
    return undefined;
  }
  try {
    const tops = (await readdir(dir, { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
      .slice(0, 32);
    for (const base of ["", ...tops]) {
      for (const f of OS_RELEASE) {
        const text = await readPlain(join(dir, base, f));
        const name = text ? osNameFromRelease(text) : undefined;
        if (name) return name;
      }
    }
    return undefined;
  } finally {
    await run("umount", [dir]).catch(() => run("umount", ["-l", dir]).catch(() => {}));
    await rmdir(dir).catch(() => {});
  }
}

/** The Linux whose root this is, by its os-release; undefined for anything else. */
export async function linuxOsName(device: string, fstype: string | null): Promise<string | undefined> {
  if (fstype === "ext4" || fstype === "ext3" || fstype === "ext2") return extOsName(device);
  if (fstype === "btrfs" || fstype === "xfs") return mountedOsName(device, fstype);
  return undefined;
}
