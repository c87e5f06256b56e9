import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../steps/package.js";
import { resolveConfined } from "./paths.js";

/** The recipes shipped with the toolkit. */
export const SHIPPED_RECIPES = join(packageRoot, "recipes");

/** Where the state copies of recipes live, inside the root being managed. */
export const STATE_DIR = "/etc/recipes";

/** The default search path: the shipped recipes, then the system's own. */
export function defaultRecipeDirs(root: string): string[] {
  return [SHIPPED_RECIPES, stateDir(root)];
}

export function stateDir(root: string): string {
  return resolveConfined(resolve(root), STATE_DIR, "chroot");
}

/**
 * Where recipe NAME's state lives for `root`: `ROOT/etc/recipes/NAME.rhai`. The first install
 * creates it from the recipe that ran, so state never goes into the shipped recipes or into a
 * --recipes directory, and bootstrapping into /mnt records state inside /mnt. With root `/`
 * and a recipe kept in /etc/recipes, it is the recipe file itself.
 */
export function stateFile(root: string, name: string): string {
  return join(stateDir(root), `${name}.rhai`);
}

/** Recipe name → file, the first directory that has it winning. */
export function scanRecipes(dirs: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const d of dirs) {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const f of names.sort()) {
      if (!f.endsWith(".rhai") || f.startsWith(".")) continue;
      const name = f.slice(0, -5);
      if (!found.has(name)) found.set(name, join(d, f));
    }
  }
  return found;
}

/** The firmware a bootstrapped system boots with: picks base-uefi.list or base-bios.list. */
export type Firmware = "uefi" | "bios";
export const FIRMWARES: readonly Firmware[] = ["uefi", "bios"];

function readList(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}

/**
 * The base set for `recipe bootstrap`: `base.list` in the first directory that has one, plus
 * `base-FIRMWARE.list` beside it when a firmware is given (the boot loader's packages differ
 * between UEFI and BIOS). Lines are RPM names; the recipe of each is its lowercase form
 * (`NetworkManager` → networkmanager.rhai), as leviso names the recipes it generates.
 */
export function readBaseList(
  dirs: string[],
  firmware?: Firmware,
): { file: string; names: string[]; firmwareFile?: string } {
  for (const d of dirs) {
    const file = join(d, "base.list");
    if (!existsSync(file)) continue;
    const names = readList(file);
    let firmwareFile: string | undefined;
    if (firmware) {
      const f = join(d, `base-${firmware}.list`);
      if (existsSync(f)) {
        firmwareFile = f;
        names.push(...readList(f));
      }
    }
    return {
      file,
      names: [...new Set(names.map((n) => n.toLowerCase()))],
      ...(firmwareFile ? { firmwareFile } : {}),
    };
  }
  throw new Error(`no base.list in ${dirs.join(", ")}; recipe bootstrap needs the list of base recipes`);
}
