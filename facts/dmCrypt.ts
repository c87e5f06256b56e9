/**
 * Whether the running kernel can open a LUKS container: `cryptsetup open` maps it through
 * device-mapper's crypt target. A kernel without them (some containers' and development hosts')
 * formats LUKS fine in user space and fails only at `open`, after the disk was erased, so an
 * encrypted plan is refused up front, as a filesystem the kernel cannot mount is (./filesystems.ts).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { release } from "node:os";
import { join } from "node:path";
import type { Facts } from "./schema.js";

export interface DmCryptProbeOptions {
  /** Defaults to `/`; the kernel's files are read below it (tests). */
  root?: string;
  /** `/lib/modules/RELEASE`, default for the running kernel below `root`. */
  moduleDir?: string;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** A module `name` (dm-mod, dm-crypt) built in or present as a file below drivers/md. */
function hasModule(moduleDir: string, name: string): boolean {
  const builtin = read(join(moduleDir, "modules.builtin")) ?? "";
  if (builtin.split("\n").some((l) => l.endsWith(`/${name}.ko`))) return true;
  try {
    return readdirSync(join(moduleDir, "kernel", "drivers", "md")).some((f) =>
      new RegExp(`^${name}\\.ko(\\.(xz|zst|gz))?$`).test(f),
    );
  } catch {
    return false;
  }
}

/**
 * true when device-mapper and its crypt target are loaded, built in or loadable as modules;
 * false when neither is found; undefined when the kernel's files cannot be read (unknown).
 */
export function probeDmCrypt(opts: DmCryptProbeOptions = {}): boolean | undefined {
  const root = opts.root ?? "/";
  const misc = read(join(root, "proc/misc"));
  if (misc === undefined) return undefined;
  const moduleDir = opts.moduleDir ?? join(root, "lib/modules", release());
  const dmLoaded = /\bdevice-mapper\b/.test(misc);
  const cryptLoaded = existsSync(join(root, "sys/module/dm_crypt"));
  return (dmLoaded || hasModule(moduleDir, "dm-mod")) && (cryptLoaded || hasModule(moduleDir, "dm-crypt"));
}

/** Why an encrypted install cannot run here, with a hint; undefined when it can (or unknown). */
export function dmCryptProblem(facts: Pick<Facts, "dmCrypt">): { message: string; hint: string } | undefined {
  if (facts.dmCrypt !== false) return undefined;
  return {
    message:
      "the running kernel has no device-mapper crypt target (dm-crypt), so `cryptsetup open` cannot map the encrypted root",
    hint: "load it (modprobe dm_crypt) and probe again, or install without encryption (encrypt: false)",
  };
}
