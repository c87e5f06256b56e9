import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatUnresolved, resolveClosure } from "../rpm/resolve.js";
import type { RpmPackage } from "../rpm/types.js";
import { mirrorRpmRecipe, recipeNameFor } from "./base-repo.js";

/**
 * Languages the ISO's repository carries beyond the base set's English (profile.json
 * `installer.languages`). glibc on Rocky compiles each language's locales into its own package,
 * and the base set brings glibc-langpack-en only: without the pack on the medium, an offline
 * install asked for de_DE.UTF-8 can set LANG but programs speak English (tools/langpack.ts
 * then says so in the plan). With it, the installer finds the pack's recipe and installs it
 * right after the base. The packs are offered, never installed by default: they stay out of
 * base.list.
 */

export function languagePackName(language: string): string {
  return `glibc-langpack-${language}`;
}

export interface LanguagePacks {
  /** Languages whose pack (and what it needs beyond the base set) is in `packages`. */
  languages: string[];
  /** The packs and the part of their closure the base set does not already hold. */
  packages: RpmPackage[];
  /** Per pack (RPM name): the recipe names of what it needs that the base set does not hold. */
  deps: Record<string, string[]>;
  /** One line per language that cannot be carried, naming the fix. */
  problems: string[];
}

export function resolveLanguagePacks(
  languages: readonly string[],
  universe: RpmPackage[],
  basePackages: readonly RpmPackage[],
  opts: Parameters<typeof resolveClosure>[2],
): LanguagePacks {
  const usable = universe.filter((p) => opts.arches.includes(p.arch));
  const problems: string[] = [];
  const present: string[] = [];
  for (const lang of languages) {
    const name = languagePackName(lang);
    if (usable.some((p) => p.name === name)) present.push(lang);
    else
      problems.push(
        `language "${lang}": no package ${name} in the sources (Rocky's BaseOS repository has one per language: add a --source that holds it, or take "${lang}" out of installer.languages)`,
      );
  }
  if (present.length === 0) return { languages: [], packages: [], deps: {}, problems };
  // Each closure is taken together with the base set's own names, so what a pack requires from
  // glibc and friends resolves to the base set's packages instead of being copied twice.
  const inBase = new Set(basePackages.map((p) => p.name));
  const closureWith = (names: string[]) =>
    resolveClosure(
      universe,
      [
        ...[...inBase].map((name) => ({ name, origin: "recipes/base.list" })),
        ...names.map((name) => ({ name, origin: "installer.languages" })),
      ],
      opts,
    );
  const all = closureWith(present.map(languagePackName));
  if (all.unresolved.length) problems.push(`installer.languages: ${formatUnresolved(all.unresolved)}`);
  const extra = all.packages.filter((p) => !inBase.has(p.name));
  for (const p of extra.filter((p) => recipeNameFor(p.name) === null))
    problems.push(`installer.languages: RPM "${p.name}" has no valid recipe name`);
  const deps: Record<string, string[]> = {};
  for (const lang of present) {
    const pack = languagePackName(lang);
    deps[pack] = closureWith([pack])
      .packages.filter((p) => !inBase.has(p.name) && p.name !== pack)
      .map((p) => recipeNameFor(p.name))
      .filter((n): n is string => !!n)
      .sort();
  }
  return {
    languages: present,
    packages: extra.filter((p) => recipeNameFor(p.name) !== null),
    deps,
    problems,
  };
}

/** The recipe of a language pack (or of what one needs), shaped like leviso's base recipes. */
export function languageRecipe(
  rpmName: string,
  packOf: string | undefined,
  deps: readonly string[] = [],
): string {
  const what = packOf
    ? `the ${packOf} language pack: its locales for LANG=${packOf}_*.UTF-8`
    : "needed by a language pack";
  return mirrorRpmRecipe(rpmName, {
    why: (name) => [
      `// ${name}: written by leviso, ${what} (profile.json installer.languages).`,
      `// \`rpm:${rpmName}\` finds the package in the local mirror (the live medium's repository).`,
    ],
    description: `${rpmName} (RPM), ${what}`,
    deps,
  });
}

/** Writes a recipe for each package without one; returns the names written. */
export function writeLanguageRecipes(recipesDir: string, packs: LanguagePacks): string[] {
  mkdirSync(recipesDir, { recursive: true });
  const written: string[] = [];
  for (const p of packs.packages) {
    const name = recipeNameFor(p.name);
    if (!name) continue;
    const file = join(recipesDir, `${name}.rhai`);
    if (existsSync(file)) continue;
    const lang = packs.languages.find((l) => languagePackName(l) === p.name);
    // A pack's recipe depends on what the base set does not hold (rarely anything): bootstrap
    // installed the base already, and rpm checks the rest.
    writeFileSync(file, languageRecipe(p.name, lang, packs.deps[p.name] ?? []));
    written.push(name);
  }
  return written;
}
