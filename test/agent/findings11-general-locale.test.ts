import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Locale settings said in the speaker's own language or by a regional name (retired held-out
 * sets dev13*): "bitte deutsche Tastatur" (a keyboard, not the language), "Zeitzone
 * Europe/Vienna, Tastatur de", "Português do Brasil" (pt_BR, not pt_PT), "the keyboard is
 * latam", "keyboard latin american".
 */
const F = fixtureFacts("findings6-a");
const localeOf = async (s: string) => {
  const { last } = await dialogue(F, [s]);
  return "calls" in last ? last.calls.find((c) => c.tool === "setLocale")?.args : undefined;
};

describe("a keyboard named in another language is a keyboard", () => {
  for (const [s, keymap] of [
    ["bitte deutsche Tastatur", "de"],
    ["Tastatur de", "de"],
    ["clavier azerty", "fr"],
    ["teclado latam", "la-latin1"],
    ["the keyboard is latam", "la-latin1"],
    ["keyboard latin american", "la-latin1"],
    ["tastiera it please", undefined],
    ["klawiatura pl", "pl"],
  ] as const)
    it(`"${s}" → ${keymap}`, async () => {
      const args = (await localeOf(s)) as { keymap?: string; locale?: string } | undefined;
      if (keymap === undefined) return expect(args?.locale).toBeUndefined();
      expect(args?.keymap).toBe(keymap);
      // the keyboard's language is no request for the system language
      expect(args?.locale).toBeUndefined();
    });
});

describe("a language with its country in its own words", () => {
  for (const [s, locale] of [
    ["Português do Brasil", "pt_BR.UTF-8"],
    ["language: português brasileiro", "pt_BR.UTF-8"],
    ["Sprache Deutsch", "de_DE.UTF-8"],
    ["langue française", "fr_FR.UTF-8"],
    ["idioma español", "es_ES.UTF-8"],
  ] as const)
    it(`"${s}" → ${locale}`, async () => {
      const args = (await localeOf(s)) as { locale?: string } | undefined;
      expect(args?.locale).toBe(locale);
    });
});

describe("several settings in the speaker's language in one turn", () => {
  it('"Zeitzone Europe/Vienna, Tastatur de"', async () => {
    expect(await localeOf("Zeitzone Europe/Vienna, Tastatur de")).toEqual({
      keymap: "de",
      timezone: "Europe/Vienna",
    });
  });
  it('"language spanish, keyboard latin american"', async () => {
    expect(await localeOf("language spanish, keyboard latin american")).toEqual({
      locale: "es_ES.UTF-8",
      keymap: "la-latin1",
    });
  });
});
