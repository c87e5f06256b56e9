import { readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * Console keymap names for validating data sets. kbd's names are not all lowercase
 * (`de_CH-latin1`, `ANSI-dvorak`, `us-intl.iso15`), so the tool's own pattern is too narrow for
 * a data set that asks for them: a name is accepted when kbd's keymap list on this machine has it,
 * or when it has the shape of one (FALLBACK), for machines without kbd's data.
 */

/** Where kbd (and Debian's console-data) keep keymaps. */
export const KEYMAP_DIRS = ["/usr/lib/kbd/keymaps", "/usr/share/kbd/keymaps", "/usr/share/keymaps"];

/** Letters and digits in runs joined by one of `_ . + -`: every name kbd ships has this shape. */
export const KEYMAP_FALLBACK = /^[A-Za-z0-9]+(?:[_.+-][A-Za-z0-9]+)*$/;

const KEYMAP_FILE = /^(.+?)\.k?map(?:\.gz)?$/;

/** Every keymap name below the directories (files `NAME.map`, `NAME.kmap`, either gzipped); undefined when none is there. */
export function keymapNames(dirs: readonly string[] = KEYMAP_DIRS): Set<string> | undefined {
  const names = new Set<string>();
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
        const m = KEYMAP_FILE.exec(e.name);
        if (m) names.add(m[1]!);
      }
    }
  };
  for (const d of dirs) walk(d, 0);
  return names.size ? names : undefined;
}

let cached: Set<string> | undefined | null = null;

/** Whether a data set may name this keymap: in kbd's list here, or shaped like a keymap name. */
export function isKeymapName(name: string, known: Set<string> | undefined = systemKeymaps()): boolean {
  if (name.length === 0 || name.length > 64) return false;
  return known?.has(name) === true || KEYMAP_FALLBACK.test(name);
}

function systemKeymaps(): Set<string> | undefined {
  if (cached === null) cached = keymapNames();
  return cached;
}
