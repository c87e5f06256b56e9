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
 * The language pack a live install must add for `locale`, or, when no recipe brings it, the note
 * the plan shows before confirmation. Not a refusal: the shipped ISO carries English only, and
 * refusing would make every other language uninstallable while the keyboard and time zone,
 * which need no pack, are what most people ask for; what the user must not get is a language
 * that silently is not there.
 */
export function langpackFor(
  locale: string | undefined,
  recipes: readonly string[],
): { recipe?: string; note?: string } {
  const pack = locale ? langpackOf(locale) : undefined;
  if (!locale || !pack) return {};
  if (recipes.includes(pack)) return { recipe: pack };
  return {
    note: `${locale} needs the language pack ${pack}, which this repository has no recipe for (the base system brings only ${BASE_LANGUAGES.join(", ")} and C.UTF-8): /etc/locale.conf gets LANG=${locale}, but programs speak English (C.UTF-8) until \`recipe install ${pack}\` runs on the new system with a recipe and its RPM; the keyboard and time zone are set either way. Languages this repository can give now: ${availableLanguages(recipes).join(", ")}`,
  };
}
