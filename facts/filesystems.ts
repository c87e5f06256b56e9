import { readdirSync, readFileSync } from "node:fs";
import { release } from "node:os";
import { join } from "node:path";
import type { Facts } from "./schema.js";

/**
 * The filesystems the installer makes or reads. Rocky 10's kernel (also the live ISO's) has no
 * btrfs, so whether a filesystem can be used is a fact about the running kernel, not a constant.
 */
export const INSTALLER_FILESYSTEMS = ["ext4", "xfs", "btrfs", "vfat"] as const;
export type InstallerFilesystem = (typeof INSTALLER_FILESYSTEMS)[number];

/**
 * Filesystems the installer has to mount. vfat is not among them: the ESP is written with mtools
 * and never mounted during an install, so a kernel without vfat installs fine.
 */
export const MOUNTED_FILESYSTEMS: readonly string[] = ["ext4", "xfs", "btrfs"];

/** Names in `/proc/filesystems` ("nodev\tproc", "\text4"), in file order. */
export function parseProcFilesystems(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    const name = fields[fields.length - 1];
    if (name && !(fields.length === 1 && name === "nodev")) names.push(name);
  }
  return names;
}

/**
 * Which of `wanted` exist as loadable modules below `moduleDir` (`/lib/modules/RELEASE`): a file
 * `kernel/fs/**​/NAME.ko`, possibly compressed (`.ko.xz`, `.ko.zst`, `.ko.gz`). A filesystem that
 * is only a module appears in /proc/filesystems once loaded; mount loads it on demand.
 */
export function filesystemModules(moduleDir: string, wanted: readonly string[]): string[] {
  const want = new Set(wanted);
  const found = new Set<string>();
  const walk = (dir: string, depth: number) => {
    if (depth > 6) return;
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(dir, e.name), depth + 1);
      else {
        const m = /^([A-Za-z0-9_-]+)\.ko(?:\.(?:xz|zst|gz))?$/.exec(e.name);
        if (m?.[1] && want.has(m[1])) found.add(m[1]);
      }
    }
  };
  walk(join(moduleDir, "kernel", "fs"), 0);
  return wanted.filter((n) => found.has(n));
}

export interface FilesystemProbeOptions {
  /** Text of /proc/filesystems (read from `root` when absent). */
  procFilesystems?: string;
  /** `/lib/modules/RELEASE` (default: below `root`, for the running kernel's release). */
  moduleDir?: string;
  root?: string;
}

/**
 * The installer's filesystems the running kernel can mount now or after loading a module, in
 * INSTALLER_FILESYSTEMS order; undefined when /proc/filesystems cannot be read (unknown: nothing
 * is refused).
 */
export function probeFilesystems(opts: FilesystemProbeOptions = {}): string[] | undefined {
  const root = opts.root ?? "/";
  let text = opts.procFilesystems;
  if (text === undefined) {
    try {
      text = readFileSync(join(root, "proc/filesystems"), "utf8");
    } catch {
      return undefined;
    }
  }
  const present = new Set(parseProcFilesystems(text));
  const missing = INSTALLER_FILESYSTEMS.filter((n) => !present.has(n));
  const moduleDir = opts.moduleDir ?? join(root, "lib/modules", release());
  for (const n of filesystemModules(moduleDir, missing)) present.add(n);
  return INSTALLER_FILESYSTEMS.filter((n) => present.has(n));
}

/** Whether the facts allow mounting `fs`; facts without `filesystems` (older files) allow all. */
export function canMount(facts: Pick<Facts, "filesystems">, fs: string): boolean {
  if (!MOUNTED_FILESYSTEMS.includes(fs)) return true;
  return facts.filesystems === undefined || facts.filesystems.includes(fs);
}

/** The root filesystems partitionDisk may make here, from `candidates` (its enum). */
export function rootFilesystems<T extends string>(
  facts: Pick<Facts, "filesystems">,
  candidates: readonly T[],
): T[] {
  return candidates.filter((fs) => canMount(facts, fs));
}

/** Why `fs` cannot be the root filesystem here, with a hint; undefined when it can. */
export function filesystemProblem(
  facts: Pick<Facts, "filesystems">,
  fs: string,
  candidates: readonly string[],
): { message: string; hint: string } | undefined {
  if (canMount(facts, fs)) return undefined;
  const ok = rootFilesystems(facts, candidates);
  return {
    message: `the running kernel cannot mount ${fs}`,
    hint: ok.length
      ? `use ${ok.join(" or ")} (the filesystems this kernel supports)`
      : `this kernel supports none of ${candidates.join(", ")}`,
  };
}
