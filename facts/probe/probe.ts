import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { hostname as osHostname } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { readInstalledState } from "../../recipe/installedState.js";
import { killableWhile } from "../../recipe/killableWhile.js";
import { probeDmCrypt } from "../dmCrypt.js";
import { probeFilesystems } from "../filesystems.js";
import { disksFromLsblk, LSBLK_COLUMNS } from "../lsblk.js";
import { type Facts, FactsSchema } from "../schema.js";
import { probeBootFiles } from "./boot-files.js";
import { withContentsAll } from "./disk-probe.js";
import { probeMemory } from "./memory.js";

const run = promisify(execFile);

export interface ProbeOptions {
  mode?: "live" | "installed";
  /** Root of the system to read users/locale/hostname from (default `/`). */
  root?: string;
  /** Lists available and installed recipes; defaults to scanning recipe directories. */
  listRecipes?: () => Promise<{ name: string; installed: boolean }[]>;
  recipeDirs?: string[];
}

/** Live mode is the ISO: dracut's live mount point exists. */
export function detectMode(root = "/"): "live" | "installed" {
  return existsSync(join(root, "run/initramfs/live")) ? "live" : "installed";
}

export function usersFromPasswd(text: string): string[] {
  const users: string[] = [];
  for (const line of text.split("\n")) {
    const [name, , uid, , , , shell] = line.split(":");
    if (!name || uid === undefined) continue;
    const id = Number(uid);
    const canLogin = !shell || !/(nologin|false)$/.test(shell);
    if (id === 0 || (id >= 1000 && id < 60000 && canLogin)) users.push(name);
  }
  return users;
}

export function localeFromConf(text: string): string | undefined {
  return /^LANG=("?)([^"\n]+)\1$/m.exec(text)?.[2];
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
}

/**
 * A recipe file records its state in `let installed = true;` (see docs/recipes.md), read with the
 * recipe manager's own reader; a recipe that cannot be read counts as not installed.
 */
export function scanRecipeDirs(dirs: string[]): { name: string; installed: boolean }[] {
  const seen = new Map<string, boolean>();
  for (const dir of dirs) {
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith(".rhai"));
    } catch {
      continue;
    }
    for (const f of files) {
      const name = f.slice(0, -".rhai".length);
      if (seen.has(name)) continue;
      seen.set(name, installedIn(join(dir, f)));
    }
  }
  return [...seen].map(([name, installed]) => ({ name, installed }));
}

function installedIn(file: string): boolean {
  try {
    return killableWhile(() => readInstalledState(file)).installed;
  } catch {
    return false;
  }
}

/**
 * Probes this machine: lsblk for disks and sfdisk/blkid for what is on them (facts v2, with the
 * systems found: disk-probe.ts), /sys/firmware/efi for firmware, /etc for users and locale.
 */
export async function probeFacts(opts: ProbeOptions = {}): Promise<Facts> {
  const root = opts.root ?? "/";
  const { stdout } = await run("lsblk", ["--json", "--bytes", "-o", LSBLK_COLUMNS], { maxBuffer: 16 << 20 });
  const disks = await withContentsAll(disksFromLsblk(JSON.parse(stdout)));
  await fillModelsFromSysteminformation(disks);
  const recipes = opts.listRecipes
    ? await opts.listRecipes()
    : scanRecipeDirs(opts.recipeDirs ?? [join(root, "etc/recipes")]);
  return FactsSchema.parse({
    mode: opts.mode ?? detectMode(root),
    firmware: existsSync(join(root, "sys/firmware/efi")) ? "uefi" : "bios",
    disks,
    users: usersFromPasswd(readOr(join(root, "etc/passwd"), "root:x:0:0::/root:/bin/bash\n")),
    hostname: readOr(join(root, "etc/hostname"), "").trim() || osHostname(),
    locale: localeFromConf(readOr(join(root, "etc/locale.conf"), "")) ?? process.env.LANG ?? "en_US.UTF-8",
    recipes: recipes.map((r) => r.name).sort(),
    installed: recipes
      .filter((r) => r.installed)
      .map((r) => r.name)
      .sort(),
    // The running kernel mounts the new system, whatever root the other facts come from.
    filesystems: probeFilesystems(),
    // An encrypted plan needs `cryptsetup open` (facts/dmCrypt.ts).
    dmCrypt: probeDmCrypt(),
    // What a shared ESP must hold for each boot chain (tools/partitionFree.ts espRoomFor).
    bootFiles: probeBootFiles(root),
    // How much memory LUKS's key derivation may take (leviso/disk/luksKdf.ts).
    memory: probeMemory(),
  });
}

/** lsblk leaves MODEL empty on some virtual and USB devices; systeminformation often knows it. */
async function fillModelsFromSysteminformation(disks: Facts["disks"]): Promise<void> {
  if (disks.every((d) => d.model)) return;
  try {
    const si = await import("systeminformation");
    const layout = await si.diskLayout();
    for (const d of disks) {
      if (d.model) continue;
      const match = layout.find((l) => l.device === d.path);
      if (match?.name) d.model = match.name.trim();
    }
  } catch {
    // Best effort: a missing model only makes "the samsung" unresolvable, never a wrong disk.
  }
}
