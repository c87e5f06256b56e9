import { keymapNamed } from "./keymapNamed.js";
import {
  COUNTRIES,
  canonicalLocale,
  canonicalZone,
  KEYMAP_WORDS,
  knownLocales,
  LANGUAGES,
  nearZone,
  ZONE_WORDS,
  zoneOfCity,
} from "./locales.js";
import { closest, type Token } from "./text.js";
import { hasAny, STOP, words } from "./tokens.js";
import { KEYBOARD_WORDS, LOCALE_WORDS, TIME_WORDS } from "./vocab.js";

export function localeSignal(tokens: readonly Token[]): boolean {
  if (hasAny(tokens, LOCALE_WORDS) || hasAny(tokens, KEYBOARD_WORDS) || hasAny(tokens, TIME_WORDS))
    return true;
  for (const t of tokens) {
    if (zoneWordAt(tokens, tokens.indexOf(t), 1)) return true;
    if (t.kind === "path" && canonicalZone(t.raw)) return true;
    if (canonicalLocale(t.raw)) return true;
    if (LANGUAGES[t.norm] && !["us"].includes(t.norm)) return true;
    if (KEYMAP_WORDS[t.norm] && t.norm.length > 2) return true;
  }
  return presence(tokens) !== undefined;
}

/**
 * Zone abbreviations that are everyday words in the languages people write in: German "das ist
 * gut so", French "c'est", "cet écran", Latin/French "est". Read as a zone only in capitals ("IST")
 * or right beside a time word ("ist time", "zeitzone: est"); "das ist gut" set Asia/Kolkata over the
 * Berlin zone said before.
 */
const WORD_LIKE_ZONES = new Set(["ist", "est", "cet", "cest"]);

/** The zone the `len` words at `i` name as a zone word ("utc", "pacific", "IST"), if any. */
function zoneWordAt(tokens: readonly Token[], i: number, len: number): string | undefined {
  const slice = tokens.slice(i, i + len);
  const key = slice.map((t) => t.norm).join(" ");
  const zone = ZONE_WORDS[key];
  if (!zone) return undefined;
  if (key === "us" && slice[0]!.raw !== "US") return undefined;
  if (!WORD_LIKE_ZONES.has(key)) return zone;
  const raw = slice[0]!.raw;
  if (raw === raw.toUpperCase()) return zone;
  const near = (k: number) => {
    const t = tokens[k]?.raw === ":" ? tokens[k + (k < i ? -1 : 1)] : tokens[k];
    return t !== undefined && (TIME_WORDS.has(t.norm) || t.norm === "india" || t.norm === "indian");
  };
  return near(i - 1) || near(i + len) ? zone : undefined;
}

/** A verb of being somewhere and the prepositions that take the place after it. */
export const PRESENCE: Record<string, readonly string[]> = {
  am: ["in", "at"],
  are: ["in"],
  is: ["in"],
  live: ["in"],
  lives: ["in"],
  living: ["in"],
  based: ["in", "out"],
  located: ["in"],
  work: ["in", "from"],
  working: ["in", "from"],
  stay: ["in"],
  staying: ["in"],
  reside: ["in"],
  residing: ["in"],
  moved: ["to"],
  moving: ["to"],
  relocated: ["to"],
  here: ["in"],
};

/** "I'm in Paris", "I live in Germany", "based in Tokyo", "I work from Madrid": the place after it. */
export function presence(tokens: readonly Token[]): number | undefined {
  const w = tokens.map((t) => t.norm);
  for (let i = 0; i < w.length - 1; i++) {
    const link = PRESENCE[w[i]!];
    if (link?.includes(w[i + 1]!)) {
      let at = i + 2;
      while (w[at] === "the" || w[at] === "of") at++;
      if (placeAt(tokens, at)) return at;
    }
  }
  return undefined;
}

export interface PlaceHit {
  kind: "city" | "country" | "language" | "zone";
  key: string;
  zone?: string;
  len: number;
}

export function placeAt(tokens: readonly Token[], i: number, fuzzy = false): PlaceHit | undefined {
  for (let len = 3; len >= 1; len--) {
    const slice = tokens.slice(i, i + len);
    if (slice.length < len || slice.some((t) => t.kind === "punct")) continue;
    const key = slice.map((t) => t.norm).join(" ");
    if (tokens[i]!.kind === "path" && slice.slice(1).every((t) => t.kind === "word")) {
      // "america/sao paulo", "America/New York": the zone's underscores written as spaces
      const z = canonicalZone(slice.map((t) => t.raw).join("_"));
      if (z) return { kind: "zone", key, zone: z, len };
    }
    const zw = zoneWordAt(tokens, i, len);
    if (zw) return { kind: "zone", key, zone: zw, len };
    if (COUNTRIES[key] && (key !== "us" || slice[0]!.raw === "US")) return { kind: "country", key, len };
    if (LANGUAGES[key]) return { kind: "language", key, len };
    const z = zoneOfCity(key);
    if (
      z &&
      ![
        "center",
        "resolute",
        "christmas",
        "easter",
        "wake",
        "midway",
        "troll",
        "casey",
        "davis",
        "mawson",
      ].includes(key)
    )
      return { kind: "city", key, zone: z, len };
  }
  if (fuzzy) {
    const t = tokens[i];
    if (t && t.kind === "word" && t.norm.length >= 4 && !STOP.has(t.norm)) {
      const cities = cityNames();
      const c = closest(t.norm, cities);
      if (c) return { kind: "city", key: c, zone: zoneOfCity(c), len: 1 };
    }
  }
  return undefined;
}

let cityList: string[] | undefined;
export function cityNames(): string[] {
  if (!cityList) {
    const s = new Set<string>();
    for (const z of Intl.supportedValuesOf("timeZone")) {
      const c = z.split("/").at(-1)!.replace(/_/g, " ").toLowerCase();
      if (!c.includes(" ")) s.add(c);
    }
    cityList = [...s];
  }
  return cityList;
}

export interface LocaleDraft {
  locale?: string;
  keymap?: string;
  timezone?: string;
  /** A country with several zones was named for the time zone. */
  ambiguousZone?: string;
  /** "leave the language english": the language kept as it is (set only to undo a planned change). */
  kept?: string;
}

/** The region written after a language ("english (UK)", "portuguese brazil"), as a locale. */
export function regionAfter(
  tokens: readonly Token[],
  at: number,
  languageLocale: string,
): { locale: string; next: number } | undefined {
  let j = at;
  const paren = tokens[j]?.raw === "(";
  if (paren) j++;
  const hit = placeAt(tokens, j);
  if (hit?.kind !== "country") return undefined;
  const country = COUNTRIES[hit.key]!;
  const lang = languageLocale.slice(0, languageLocale.indexOf("_"));
  const cc = country.locale?.match(/_([A-Z]{2})/)?.[1];
  if (!cc) return undefined;
  const locale = `${lang}_${cc}.UTF-8`;
  if (!(country.locale?.startsWith(`${lang}_`) || knownLocales().includes(locale))) return undefined;
  j += hit.len;
  if (paren && tokens[j]?.raw === ")") j++;
  return { locale, next: j };
}

/**
 * Whether the two-letter layout code at `i` stands beside the keyboard word ("keyboard de", "de
 * keyboard", "keyboard: de", "keyboard to jp"): elsewhere in the clause such a code is a word of
 * the sentence ("Teclado português e fuso horário de Lisboa": Portuguese "of" made the keyboard
 * German, dev25-mixed h24m-025).
 */
function besideKeyboard(tokens: readonly Token[], i: number): boolean {
  const kb = (t: Token | undefined) => t !== undefined && KEYBOARD_WORDS.has(t.norm);
  // "keyboard: de", "keyboard layout) : de", "keyboard is de", "keyboard to jp"
  const link = (t: Token | undefined) => t !== undefined && /^(?::|=|\(|\)|"|'|to|is|as|be|->)$/.test(t.norm);
  let k = i - 1;
  while (k >= 0 && i - k <= 4 && link(tokens[k])) k--;
  return kb(tokens[k]) || kb(tokens[i + 1]);
}

/** The layout of a language's region ("portuguese brazil keyboard": br-abnt2), else the language's. */
function regionKeymap(locale: string, languageKeymap: string | undefined): string | undefined {
  const cc = locale.slice(locale.indexOf("_") + 1, locale.indexOf("."));
  const country = Object.values(COUNTRIES).find((c) => c.locale?.endsWith(`_${cc}.UTF-8`) && c.keymap);
  // a country that types on "us" (Canada, the Netherlands) says nothing of a French or Dutch layout
  return country?.keymap && country.keymap !== "us" ? country.keymap : languageKeymap;
}

/** The region the whole turn gives the language `key` somewhere else ("portuguese brazil"), as a locale. */
function regionElsewhere(whole: readonly Token[], key: string, locale: string): string | undefined {
  for (let k = 0; k < whole.length; k++) {
    if (whole[k]!.norm !== key) continue;
    const r = regionAfter(whole, k + 1, locale);
    if (r) return r.locale;
  }
  return undefined;
}

/** Words that keep a setting as it is: "leave the language english", "language stays english". */
const KEEPS = new Set(["leave", "keep", "stay", "stays", "remain", "remains", "unchanged", "untouched"]);
const SEGMENT_END = new Set(["but", "and", "while", "whereas", ",", ";", "."]);

/** A keep word in the part of the clause around the word at `i` (between "but"/"and"/commas). */
function keptHere(tokens: readonly Token[], i: number): boolean {
  let from = i;
  while (from > 0 && !SEGMENT_END.has(tokens[from - 1]!.norm)) from--;
  let to = i;
  while (to + 1 < tokens.length && !SEGMENT_END.has(tokens[to + 1]!.norm)) to++;
  return tokens.slice(from, to + 1).some((t) => KEEPS.has(t.norm));
}

export function extractLocale(tokens: readonly Token[], whole: readonly Token[]): LocaleDraft {
  const d: LocaleDraft = {};
  const ws = new Set(words(tokens));
  const keyboard = hasAny(tokens, KEYBOARD_WORDS);
  const time = hasAny(tokens, TIME_WORDS);
  const language = hasAny(tokens, LOCALE_WORDS) || ws.has("speak");
  const presenceAt = presence(tokens);
  const everything = ws.has("everything") || ws.has("all");
  for (const t of tokens) {
    const loc = canonicalLocale(t.raw);
    if (loc) d.locale = loc;
    if (t.kind === "path") {
      // "timezone europe/berln": a zone typed with a slip, where the words say it is a time zone
      const z = canonicalZone(t.raw) ?? (time ? nearZone(t.raw) : undefined);
      if (z) d.timezone = z;
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const km = KEYMAP_WORDS[t.norm];
    if (
      km &&
      (t.norm.length > 2 ? true : keyboard && besideKeyboard(tokens, i)) &&
      !(t.norm === "uk" && !keyboard)
    ) {
      d.keymap = km;
      continue;
    }
    const hit = placeAt(tokens, i, time || presenceAt !== undefined);
    if (!hit) continue;
    i += hit.len - 1;
    if (hit.kind === "zone") {
      d.timezone = hit.zone;
      continue;
    }
    if (hit.kind === "city") {
      // "german keybord berlin", "uk keyboard london": a city names no layout and no language, so
      // beside a keyboard word it is still the time zone (tester 24 W2 dropped it)
      if (time || presenceAt !== undefined || !language) d.timezone ??= hit.zone;
      continue;
    }
    if (hit.kind === "language") {
      const l = LANGUAGES[hit.key]!;
      // "english (US)", "British English"
      let locale = l.locale;
      // "portuguese (brazil)", "english UK": a country right after a language is its region,
      // not where the user lives (no time zone from it)
      const region = regionAfter(tokens, i + hit.len, l.locale);
      if (region) {
        if (keyboard) d.keymap ??= regionKeymap(region.locale, l.keymap);
        if (language || everything || (!keyboard && !time)) d.locale ??= region.locale;
        i = region.next - 1;
        continue;
      }
      // "portuguese brazil keyboard, ..., portuguese language": the language said again in the
      // same turn is the one its region was given to (tester 24 W14 got Portugal's language)
      const again = regionElsewhere(whole, hit.key, l.locale);
      if (again) locale = again;
      if (hit.key === "english") {
        const region = whole.find(
          (x) => x.raw === "US" || x.norm === "american" || x.norm === "uk" || x.norm === "british",
        );
        if (region?.norm === "uk" || region?.norm === "british") locale = "en_GB.UTF-8";
      }
      // "portuguese keyboard but leave the language english", "the system language stays english":
      // the language is kept as it is, so no locale is set from it (a keep is no change)
      const kept = keptHere(tokens, i);
      if (keyboard) d.keymap ??= l.keymap;
      if ((language || everything || (!keyboard && !time)) && !kept) d.locale ??= locale;
      if (kept) d.kept ??= locale;
      if (everything) d.keymap ??= l.keymap;
      continue;
    }
    if (hit.kind === "country") {
      const c = COUNTRIES[hit.key]!;
      if (keyboard) d.keymap ??= c.keymap;
      if (language) d.locale ??= c.locale;
      if (time || presenceAt !== undefined || (!keyboard && !language)) {
        if (c.timezone) d.timezone ??= c.timezone;
        else d.ambiguousZone = hit.key;
      }
    }
  }
  // "US keyboard", "UK layout"
  if (keyboard && !d.keymap) {
    for (const t of tokens) {
      if (t.norm === "us" || t.norm === "usa" || t.norm === "american") d.keymap = "us";
      if (t.norm === "uk" || t.norm === "british") d.keymap = "uk";
    }
  }
  // "keymap gb", "keyboard no": the name written after the word that names the setting, as written
  const named = keymapNamed(tokens);
  if (named) d.keymap = named.keymap;
  return d;
}
