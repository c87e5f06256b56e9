import type { PlanCall } from "../types.js";
import { keymapNamed } from "./keymapNamed.js";
import { canonicalZone } from "./locales.js";
import { extractLocale, type LocaleDraft } from "./places.js";
import type { Token } from "./text.js";
import { FILLERS, hasAny, words } from "./tokens.js";
import { CORRECTION_WORDS, KEYBOARD_WORDS, LOCALE_WORDS, TIME_WORDS } from "./vocab.js";

/**
 * The turn's language, keyboard and time zone clauses → one setLocale call that carries every
 * setting asked for (CONTRACTS §1), or the question to ask when no value was given.
 */
export function localeDecision(
  locTokens: readonly (readonly Token[])[],
  tokens: readonly Token[],
): { call: PlanCall; problem?: undefined } | { call?: undefined; problem: string } {
  const merged: LocaleDraft = {};
  // "timezone not utc, Europe/Lisbon", "not berlin time, i'm in vienna": a value said under a
  // negation is refused; the turn's other value is the one wanted
  // ("keyboard no": "no" is the Norwegian keymap's name, no refusal)
  const refused = (c: readonly Token[]) =>
    c.some((t, i) => (t.norm === "not" || t.norm === "no") && keymapNamed(c)?.at !== i);
  const wanted = locTokens.some((c) => !refused(c)) ? locTokens.filter((c) => !refused(c)) : locTokens;
  // "not the uk keyboard, the us one": the value wanted, read as the setting the refusal named
  const named = locTokens
    .filter(refused)
    .flat()
    .filter((t) => KEYBOARD_WORDS.has(t.norm) || TIME_WORDS.has(t.norm) || LOCALE_WORDS.has(t.norm));
  for (const c of wanted) {
    let d = extractLocale(c, tokens);
    const ownSetting = c.some(
      (t) => KEYBOARD_WORDS.has(t.norm) || TIME_WORDS.has(t.norm) || LOCALE_WORDS.has(t.norm),
    );
    if (named.length && wanted !== locTokens && !ownSetting) {
      // "the french one" after "not the us keyboard": only the setting the refusal named
      const r = extractLocale([...c, ...named], [...c, ...named]);
      const has = (set: ReadonlySet<string>) => named.some((t) => set.has(t.norm));
      d = {
        ...(has(LOCALE_WORDS) ? { locale: r.locale } : {}),
        ...(has(KEYBOARD_WORDS) ? { keymap: r.keymap } : {}),
        ...(has(TIME_WORDS) ? { timezone: r.timezone, ambiguousZone: r.ambiguousZone } : {}),
      };
    }
    merged.locale ??= d.locale;
    merged.keymap ??= d.keymap;
    merged.timezone ??= d.timezone;
    merged.ambiguousZone ??= d.ambiguousZone;
  }
  // "german language and keyboard", "french keyboard and language": a setting named after a list's
  // "and" with no value of its own takes the value the first one was given
  const isSetting = (t: Token) => KEYBOARD_WORDS.has(t.norm) || LOCALE_WORDS.has(t.norm);
  const valueWords = wanted[0]?.filter((t) => t.kind === "word" && !isSetting(t) && !TIME_WORDS.has(t.norm));
  for (const c of wanted.slice(1)) {
    const w = words(c);
    if (
      !valueWords?.length ||
      !w.length ||
      !w.every((x) => isSetting({ norm: x } as Token) || x === "the" || x === "too" || FILLERS.has(x))
    )
      continue;
    const r = extractLocale([...valueWords, ...c], [...valueWords, ...c]);
    if (w.some((x) => KEYBOARD_WORDS.has(x))) merged.keymap ??= r.keymap;
    if (w.some((x) => LOCALE_WORDS.has(x))) merged.locale ??= r.locale;
  }
  // "Gosod locale cy_GB.UTF-8, keymap gb, timezone Europe/London": a time zone database name
  // written out is the time zone wherever the turn says it, when the clauses read gave none
  merged.timezone ??= zoneNamedIn(tokens);
  if (merged.locale || merged.keymap || merged.timezone) {
    const args: { locale?: string; keymap?: string; timezone?: string } = {};
    if (merged.locale) args.locale = merged.locale;
    if (merged.keymap) args.keymap = merged.keymap;
    if (merged.timezone) args.timezone = merged.timezone;
    return { call: { tool: "setLocale", args } };
  } else if (merged.ambiguousZone) {
    return {
      problem: `${merged.ambiguousZone} has several time zones: which city (e.g. "New York time", "Chicago")?`,
    };
  } else {
    const lw = new Set(locTokens.flat().map((t) => t.norm));
    return {
      problem: hasAny(locTokens.flat(), KEYBOARD_WORDS)
        ? 'Which keyboard layout? e.g. "German keyboard", "us", "fr".'
        : hasAny(locTokens.flat(), TIME_WORDS)
          ? 'Which time zone? Name a city, e.g. "Berlin time" or "America/New_York".'
          : lw.has("language") || lw.has("locale")
            ? 'Which language? e.g. "German", "French", "British English".'
            : "Which language, keyboard or time zone?",
    };
  }
}

/**
 * The one exact IANA name the turn writes out ("Europe/Paris", "Atlantic/Reykjavik"), whatever word
 * comes before it; none when it names two (which one is meant is asked, not guessed).
 */
function zoneNamedIn(tokens: readonly Token[]): string | undefined {
  const zones = new Set(
    tokens.flatMap((t) => (t.kind === "path" ? [canonicalZone(t.raw)] : [])).filter((z) => z),
  );
  return zones.size === 1 ? [...zones][0] : undefined;
}

/**
 * "french keyboard pls" … "no wait belgian": a correction that names only a language or country,
 * no setting, right after a turn that set the keyboard alone, corrects the keyboard (tester 24 W13
 * set a Belgian language nobody asked for and kept the French layout). Only the keymap changes, to
 * the layout of what the correction names; the language and zone stay unasked. `lastArgs`: the
 * setLocale args of the turn before, if it made one.
 */
export function keyboardCorrected(
  locTokens: readonly (readonly Token[])[],
  said: string,
  lastArgs: { locale?: string; keymap?: string; timezone?: string } | undefined,
): PlanCall | undefined {
  if (!lastArgs?.keymap || lastArgs.locale || lastArgs.timezone) return undefined;
  // the correction as typed (the readers take a leading "no wait" off the words they read)
  const w = said.toLowerCase().match(/[a-z]+/g) ?? [];
  if (!w.some((x) => CORRECTION_WORDS.has(x) || x === "no")) return undefined;
  const flat = locTokens.flat();
  if (flat.some((t) => KEYBOARD_WORDS.has(t.norm) || TIME_WORDS.has(t.norm) || LOCALE_WORDS.has(t.norm)))
    return undefined;
  const kb = { kind: "word", raw: "keyboard", norm: "keyboard" } as Token;
  const r = extractLocale([...flat, kb], [...flat, kb]);
  return r.keymap && r.keymap !== lastArgs.keymap
    ? { tool: "setLocale", args: { keymap: r.keymap } }
    : undefined;
}
