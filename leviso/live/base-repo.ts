import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { RECIPE_NAME } from "../../recipe/schema.js";
import { FIRMWARES, type Firmware } from "../../recipe/store.js";
import { runTool } from "../exec.js";
import { formatUnresolved, resolveClosure, type Unresolved } from "../rpm/resolve.js";
import type { RpmPackage } from "../rpm/types.js";

/**
 * The base set (what `recipe bootstrap` installs: recipes/base.list) as a local RPM repository
 * on the ISO, outside the squashfs (RPMs are compressed already), so an install needs no
 * network. The live system sees it at /run/initramfs/live/repo.
 *
 * rpm checks dependencies, so the repository holds the whole dependency closure of the base
 * set, and bootstrap must install that closure in its one rpm transaction. The ISO's copy of the
 * recipes therefore gets a base.list naming the closure, and a recipe (`download("rpm:NAME");
 * rpm_install()`, the shape of the toolkit's own base recipes) for every closure package that
 * has none.
 */

export const ISO_REPO_DIR = "repo";
export const LIVE_REPO_DIR = "/run/initramfs/live/repo";
export const LIVE_REPO_URL = `file://${LIVE_REPO_DIR}`;

function readList(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}

/** What `recipe bootstrap` installs: the common list and each firmware's extras. */
export interface BaseLists {
  file: string;
  /** base.list: every install. */
  names: string[];
  /** base-uefi.list / base-bios.list: added by `recipe bootstrap --firmware` (the boot loader). */
  firmware: Record<Firmware, string[]>;
}

/**
 * Names from `base.list` and `base-uefi.list`/`base-bios.list` beside it (`#` comments), or null
 * when the toolkit defines no base set. The ISO's repository must serve both firmwares: the
 * live system installs either.
 */
export function readBaseSet(toolkitRoot: string): BaseLists | null {
  const file = join(toolkitRoot, "recipes", "base.list");
  if (!existsSync(file)) return null;
  const firmware = { uefi: [], bios: [] } as Record<Firmware, string[]>;
  for (const fw of FIRMWARES) {
    const f = join(toolkitRoot, "recipes", `base-${fw}.list`);
    if (existsSync(f)) firmware[fw] = readList(f);
  }
  return { file, names: readList(file), firmware };
}

/** Every name of the lists, once, common first. */
export function allBaseNames(lists: Pick<BaseLists, "names" | "firmware">): string[] {
  return [...new Set([...lists.names, ...FIRMWARES.flatMap((fw) => lists.firmware[fw])])];
}

/** A base-set name no source has a package of; `providedBy` when another package provides it. */
export interface MissingBase {
  name: string;
  providedBy?: string;
}

export interface BaseSetResolution {
  /** base.list and the firmware lists, every name once. */
  listed: string[];
  /**
   * Package names of the closure of base.list alone, and for each firmware what the closure of
   * base.list + base-FIRMWARE.list adds to it: the ISO's embedded lists.
   */
  split: { common: string[]; firmware: Record<Firmware, string[]> };
  missing: MissingBase[];
  /** The closure of the names the sources have: what the ISO repository holds. */
  packages: RpmPackage[];
  unresolved: Unresolved[];
  /** RPM names with no valid recipe name (recipe names are lowercase, at most 64 characters). */
  unnamable: string[];
}

/**
 * Checks base.list against the sources and computes its closure. A name must be a package's
 * own name: the recipe downloads `rpm:NAME`, which finds files by package name, not by a
 * capability another package provides.
 */
export function resolveBaseSet(
  lists: string[] | Pick<BaseLists, "names" | "firmware">,
  universe: RpmPackage[],
  opts: Parameters<typeof resolveClosure>[2],
): BaseSetResolution {
  const l = Array.isArray(lists) ? { names: lists, firmware: { uefi: [], bios: [] } } : lists;
  const listed = allBaseNames(l);
  const usable = universe.filter((p) => opts.arches.includes(p.arch));
  const missing: MissingBase[] = [];
  const present = new Set<string>();
  for (const name of listed) {
    if (usable.some((p) => p.name === name)) present.add(name);
    else {
      const by = usable.find((p) => p.provides.some((d) => d.name === name));
      missing.push(by ? { name, providedBy: by.name } : { name });
    }
  }
  const closureOf = (names: string[]) =>
    resolveClosure(
      universe,
      names.filter((n) => present.has(n)).map((n) => ({ name: n, origin: "recipes/base.list" })),
      opts,
    );
  const c = closureOf(listed);
  const common = closureOf(l.names).packages.map((p) => p.name);
  const firmware = { uefi: [], bios: [] } as Record<Firmware, string[]>;
  for (const fw of FIRMWARES) {
    const with_ = closureOf([...l.names, ...l.firmware[fw]]).packages.map((p) => p.name);
    firmware[fw] = with_.filter((n) => !common.includes(n));
  }
  const unnamable = c.packages.map((p) => p.name).filter((n) => recipeNameFor(n) === null);
  return {
    listed,
    split: { common, firmware },
    missing,
    packages: c.packages,
    unresolved: c.unresolved,
    unnamable,
  };
}

/** Problems that make the ISO repository unable to bootstrap offline, one line each. */
export function baseSetProblems(r: BaseSetResolution): string[] {
  return [
    ...r.missing.map((m) =>
      m.providedBy
        ? `base set: "${m.name}" is not a package name in the sources (${m.providedBy} provides it; list ${m.providedBy} in recipes/base.list)`
        : `base set: no package "${m.name}" in the sources`,
    ),
    ...(r.unresolved.length ? [`base set: ${formatUnresolved(r.unresolved)}`] : []),
    ...r.unnamable.map((n) => `base set: RPM "${n}" has no valid recipe name (at most 64 characters)`),
  ];
}

/** The recipe name of an RPM: recipe names are lowercase (`NetworkManager` → `networkmanager`). */
export function recipeNameFor(rpmName: string): string | null {
  const n = rpmName.toLowerCase();
  return RECIPE_NAME.test(n) ? n : null;
}

/**
 * A recipe that installs one RPM from the local mirror (the live medium's repository), shaped
 * like the toolkit's own (recipes/bash.rhai): leviso writes these for the base set's closure and
 * for the language packs. `why` heads the file as comment lines.
 */
export function mirrorRpmRecipe(
  rpmName: string,
  o: { why: (name: string) => string[]; description: string; deps?: readonly string[] },
): string {
  const name = recipeNameFor(rpmName);
  if (!name) throw new Error(`RPM "${rpmName}" has no valid recipe name`);
  return [
    ...o.why(name),
    "let pkg = #{",
    `    name: ${JSON.stringify(name)},`,
    `    version: "latest",`,
    `    description: ${JSON.stringify(o.description)},`,
    `    deps: ${JSON.stringify(o.deps ?? [])},`,
    "};",
    "",
    "// State: written by recipe after each install and remove.",
    "let installed = false;",
    "let installed_version = ();",
    "let installed_files = [];",
    "let installed_at = ();",
    "",
    "fn install() {",
    `    download(${JSON.stringify(`rpm:${rpmName}`)});`,
    "    rpm_install();",
    "}",
    "",
  ].join("\n");
}

/** A base recipe for one RPM of the closure. */
export function baseRecipe(rpmName: string): string {
  return mirrorRpmRecipe(rpmName, {
    why: (name) => [
      `// ${name}: written by leviso, a dependency of the base set (base.list) in the ISO's repository.`,
      `// \`rpm:${rpmName}\` finds the package in the local mirror (the live medium's repository); its`,
      "// version is the one the ISO was built with, recorded exactly at install.",
    ],
    description: `${rpmName} (RPM), needed by the base set`,
  });
}

/**
 * base.list for the ISO: the listed names first (their order kept), then the rest of the
 * closure sorted; written as recipe names.
 */
export function closureBaseList(listed: string[], closure: RpmPackage[]): string[] {
  const inClosure = new Set(closure.map((p) => p.name));
  const first = listed.filter((n) => inClosure.has(n));
  const rest = [...inClosure].filter((n) => !first.includes(n)).sort();
  return [...first, ...rest].map((n) => recipeNameFor(n) ?? n);
}

/**
 * Writes the ISO's base lists and a recipe for each closure package without one into
 * `recipesDir` (the embedded toolkit's recipes/): base.list names the closure of base.list,
 * base-uefi.list and base-bios.list what each firmware's closure adds. A recipe that exists and
 * does not fetch its RPM from the mirror is reported: bootstrap would run it instead.
 */
export function writeBaseRecipes(
  recipesDir: string,
  listed: string[],
  closure: RpmPackage[],
  split?: BaseSetResolution["split"],
): { generated: string[]; conflicts: string[] } {
  mkdirSync(recipesDir, { recursive: true });
  const generated: string[] = [];
  const conflicts: string[] = [];
  for (const p of closure) {
    const name = recipeNameFor(p.name);
    if (!name) continue;
    const file = join(recipesDir, `${name}.rhai`);
    if (existsSync(file)) {
      if (!readFileSync(file, "utf8").includes(`"rpm:${p.name}"`)) conflicts.push(name);
      continue;
    }
    writeFileSync(file, baseRecipe(p.name));
    generated.push(name);
  }
  const byName = new Map(closure.map((p) => [p.name, p]));
  const pick = (names: string[]) => names.map((n) => byName.get(n)).filter((p): p is RpmPackage => !!p);
  const common = split ? pick(split.common) : closure;
  const header = (what: string) => [
    `# Written by leviso: ${what} and its RPM dependency closure, which the ISO's`,
    `# repository (${LIVE_REPO_DIR}) holds; bootstrap installs them in one rpm transaction.`,
  ];
  writeFileSync(
    join(recipesDir, "base.list"),
    [...header("the toolkit's base.list"), ...closureBaseList(listed, common), ""].join("\n"),
  );
  for (const fw of FIRMWARES) {
    const file = join(recipesDir, `base-${fw}.list`);
    if (!split) {
      rmSync(file, { force: true });
      continue;
    }
    const extra = pick(split.firmware[fw]);
    writeFileSync(
      file,
      [
        ...header(`what \`recipe bootstrap --firmware ${fw}\` adds to base.list (base-${fw}.list)`),
        ...closureBaseList(listed, extra),
        "",
      ].join("\n"),
    );
  }
  return { generated, conflicts };
}

export async function writeBaseRepo(dest: string, pkgs: RpmPackage[]): Promise<number> {
  const dir = join(dest, "Packages");
  mkdirSync(dir, { recursive: true });
  for (const p of pkgs) copyFileSync(p.location, join(dir, basename(p.location)));
  await runTool(["createrepo_c", "--quiet", "--general-compress-type", "xz", dest]);
  return pkgs.length;
}

/** A dnf repository file pointing at the ISO's copy. */
export function liveRepoFile(): string {
  return [
    "# Written by leviso: the base set, on the live medium.",
    "[levitate-live]",
    "name=LevitateOS base set (live medium)",
    `baseurl=${LIVE_REPO_URL}`,
    "enabled=1",
    "gpgcheck=0",
    "",
  ].join("\n");
}
