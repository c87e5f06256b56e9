import type { PlanError } from "./planFile.js";

/**
 * glibc on Rocky splits its compiled locales into one package per language
 * (glibc-langpack-de holds de_DE, de_AT, de_CH, …). The base set (recipes/base.list) brings only
 * glibc-langpack-en and glibc-minimal-langpack (C.UTF-8), so a locale in any other language
 * exists on the new system only if its language pack is installed too (attacker 7 M4): a
 * LANG naming a locale that is not there falls back to C without a word.
 */
export const BASE_LANGUAGES: readonly string[] = ["en"];

/** `de_DE.UTF-8` → `glibc-langpack-de`; undefined for a language the base set already has. */
export function langpackOf(locale: string): string | undefined {
  const lang = /^([a-z]{2,3})_/.exec(locale)?.[1];
  if (!lang || BASE_LANGUAGES.includes(lang)) return undefined;
  return `glibc-langpack-${lang}`;
}

/** Languages the new system can have: the base set's and every language pack with a recipe here. */
export function availableLanguages(recipes: readonly string[]): string[] {
  const packs = recipes
    .map((r) => /^glibc-langpack-([a-z]{2,3})$/.exec(r)?.[1])
    .filter((l): l is string => !!l && !BASE_LANGUAGES.includes(l));
  return [...BASE_LANGUAGES, ...new Set(packs)];
}

/**
 * The language pack a live install must add for `locale`, or the refusal when no recipe brings
 * it: refusing before anything runs beats a confirmation that promised a language the new
 * system will not have.
 */
export function langpackFor(
  locale: string | undefined,
  recipes: readonly string[],
  path: string,
): { recipe?: string; error?: PlanError } {
  const pack = locale ? langpackOf(locale) : undefined;
  if (!locale || !pack) return {};
  if (recipes.includes(pack)) return { recipe: pack };
  return {
    error: {
      path,
      message: `the new system would not have ${locale}: its language pack ${pack} is not among this repository's recipes, and the base system brings only ${BASE_LANGUAGES.join(", ")} (and C.UTF-8)`,
      hint: `languages the new system can have: ${availableLanguages(recipes).join(", ")}; choose one of them (e.g. en_US.UTF-8), or add a recipe ${pack} whose RPM the mirror has`,
    },
  };
}
