import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The locale, keymap and time zone names a system ships, for validating setLocale. A list that
 * cannot be found is `undefined`: that name is then not checked, and the plan says so.
 */
export interface NameCatalog {
  locales?: ReadonlySet<string>;
  keymaps?: ReadonlySet<string>;
  timezones?: ReadonlySet<string>;
}

function tryRead(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** glibc's SUPPORTED list (`de_DE.UTF-8 UTF-8`), plus locale sources and compiled locales. */
export function localesOf(root: string): Set<string> | undefined {
  const out = new Set<string>();
  const supported = tryRead(join(root, "usr/share/i18n/SUPPORTED"));
  for (const line of supported?.split("\n") ?? []) {
    const name = line.trim().split(/\s+/)[0];
    if (name && !name.startsWith("#")) out.add(name);
  }
  for (const dir of ["usr/lib/locale", "usr/share/i18n/locales"]) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      continue;
    }
    for (const n of names) {
      if (!/^[a-z]{2,3}_[A-Z]{2}/.test(n)) continue;
      out.add(n.replace(/\.utf8/, ".UTF-8"));
      if (!n.includes(".")) out.add(`${n}.UTF-8`);
    }
  }
  return out.size ? out : undefined;
}

/** Console keymaps (kbd): every `NAME.map` or `NAME.map.gz` below the keymap directories. */
export function keymapsOf(root: string): Set<string> | undefined {
  const out = new Set<string>();
  const walk = (dir: string, depth: number) => {
    let entries: import("node:fs").Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && depth < 4) walk(join(dir, e.name), depth + 1);
      const m = /^(.+)\.map(\.gz)?$/.exec(e.name);
      if (m?.[1]) out.add(m[1]);
    }
  };
  for (const d of ["usr/lib/kbd/keymaps", "usr/share/kbd/keymaps", "usr/share/keymaps"])
    walk(join(root, d), 0);
  return out.size ? out : undefined;
}

/** IANA zones from tzdata's zone1970.tab/zone.tab/tzdata.zi, plus UTC. */
export function timezonesOf(root: string): Set<string> | undefined {
  const out = new Set<string>();
  const zi = tryRead(join(root, "usr/share/zoneinfo/tzdata.zi"));
  for (const line of zi?.split("\n") ?? []) {
    const z = /^Z (\S+)/.exec(line)?.[1];
    if (z) out.add(z);
    const l = /^L \S+ (\S+)/.exec(line)?.[1];
    if (l) out.add(l);
  }
  for (const tab of ["zone1970.tab", "zone.tab"]) {
    for (const line of tryRead(join(root, "usr/share/zoneinfo", tab))?.split("\n") ?? []) {
      const z = line.startsWith("#") ? undefined : line.split("\t")[2];
      if (z) out.add(z);
    }
  }
  if (!out.size) return undefined;
  out.add("UTC");
  return out;
}

/** What the running system (the live ISO) ships; the installed system gets the same lists. */
export function loadNameCatalog(root = "/"): NameCatalog {
  return { locales: localesOf(root), keymaps: keymapsOf(root), timezones: timezonesOf(root) };
}

export function zoneFileExists(root: string, tz: string): boolean {
  return existsSync(join(root, "usr/share/zoneinfo", tz));
}
