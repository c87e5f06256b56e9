import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Arguments said and dropped (round 19's unseen set, dev20*): an IANA zone written out beside
 * other locale settings or with the sentence's full stop on it, and a keymap named right after
 * "keymap"/"keyboard"/"layout", including names that are also English words ("no", "is", "it").
 * Sentences invented here, in several voices and languages.
 */
const facts = fixtureFacts("installed");

async function localeArgs(line: string): Promise<Record<string, string> | undefined> {
  const { last } = await dialogue(facts, [line]);
  if (!("calls" in last)) return undefined;
  return last.calls.find((c) => c.tool === "setLocale")?.args as Record<string, string> | undefined;
}

describe("an IANA time zone written out is the time zone", () => {
  it.each([
    ["Zone: America/Denver.", "America/Denver"],
    ["clock Asia/Kolkata!", "Asia/Kolkata"],
    ["locale nl_NL.UTF-8, keymap us, time zone Europe/Amsterdam.", "Europe/Amsterdam"],
    ["Per favore: lingua it_IT.UTF-8 e fuso orario Europe/Rome.", "Europe/Rome"],
    ["Ustaw strefę Europe/Warsaw oraz locale pl_PL.UTF-8", "Europe/Warsaw"],
    ["language sv_SE.UTF-8; zone Europe/Stockholm;", "Europe/Stockholm"],
  ])("%s → %s", async (line, zone) => {
    expect((await localeArgs(line))?.timezone).toBe(zone);
  });

  it("keeps the other settings said beside it", async () => {
    const a = await localeArgs("locale de_AT.UTF-8, keyboard de, timezone Europe/Vienna.");
    expect(a).toEqual({ locale: "de_AT.UTF-8", keymap: "de", timezone: "Europe/Vienna" });
  });
});

describe("a keymap named after keymap/keyboard/layout is taken as written", () => {
  it.each([
    ["timezone Europe/Oslo, keyboard no.", "no"],
    ["keymap is, locale is_IS.UTF-8", "is"],
    ["locale it_IT.UTF-8, keyboard it", "it"],
    ["keymap gb and language en_GB.UTF-8", "gb"],
    ["layout br-abnt2, zone America/Sao_Paulo", "br-abnt2"],
    ["keymap ie", "ie"],
  ])("%s → %s", async (line, keymap) => {
    expect((await localeArgs(line))?.keymap).toBe(keymap);
  });

  it("a word after the keyboard that goes on is no name: the keyboard is german", async () => {
    expect((await localeArgs("the keyboard is german"))?.keymap).toBe("de");
  });

  it("a refusal is still a refusal: not the us keyboard, the french one", async () => {
    expect((await localeArgs("not the us keyboard, the french one"))?.keymap).not.toBe("us");
  });
});
