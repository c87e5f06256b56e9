/**
 * The user's words with look-alike letters folded to the plain ones every reader matches.
 *
 * Every reader of the words (negations, refusals, disk names, verbs) matches ASCII. A negation
 * typed in full-width (`ｄｏｎ'ｔ`), mathematical bold (`𝐧𝐞𝐯𝐞𝐫`) or circled letters (`ⓝⓞ`) would
 * otherwise vanish while the plain ASCII rest ("wipe sda") still reads as a request: the opposite of
 * what was said (attacker 5, F1). NFKC folds all of those compatibility forms; the characters that
 * draw nothing (zero-width joiners and spaces, the soft hyphen, bidirectional controls) are dropped,
 * so `do\u200dn't` is "don't" and `s\u200budo` is "sudo"; apostrophes and quotes of every shape
 * become `'` and `"`, which the readers know.
 *
 * Done once, first, so that every reader (and a model) sees the same plain words.
 */

// Drawn as nothing: ZW space/non-joiner/joiner, LRM/RLM, word joiner and invisible operators,
// BOM/ZWNBSP, soft hyphen, Arabic letter mark, Mongolian vowel separator, bidi embeddings,
// overrides and isolates.
// The combining grapheme joiner, Hangul and Khmer fillers and tag characters draw nothing too
// (attacker 15 F3: "a\u034fdmin with sudo" planned a sudo user "dmin", "r\u034foot" a user "r").
const INVISIBLE =
  /\u034f|[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\u{e0000}-\u{e007f}]/gu;

// Apostrophes that NFKC leaves as they are (or turns into a space and an accent, like ´).
const APOSTROPHES = /[\u2018\u2019\u201a\u201b\u02bc\u02b9\u02bb\u02bd\u00b4\u2032\u2035\uff07]/g;
const QUOTES = /[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2036\uff02]/g;

// Small capitals are no compatibility form of their letters; the ones that spell the readers'
// words ("ᴡɪᴘᴇ", "ɴᴏᴛ") are folded by hand.
const SMALL_CAPITALS: Readonly<Record<string, string>> = {
  ᴀ: "a",
  ʙ: "b",
  ᴄ: "c",
  ᴅ: "d",
  ᴇ: "e",
  ꜰ: "f",
  ɢ: "g",
  ʜ: "h",
  ɪ: "i",
  ᴊ: "j",
  ᴋ: "k",
  ʟ: "l",
  ᴍ: "m",
  ɴ: "n",
  ᴏ: "o",
  ᴘ: "p",
  ǫ: "q",
  ʀ: "r",
  ꜱ: "s",
  ᴛ: "t",
  ᴜ: "u",
  ᴠ: "v",
  ᴡ: "w",
  ʏ: "y",
  ᴢ: "z",
};
const SMALL_CAPITAL = new RegExp(`[${Object.keys(SMALL_CAPITALS).join("")}]`, "gu");

/** Words with look-alike letters, invisible characters and odd apostrophes made plain. */
export function foldLookAlikes(text: string): string {
  // Plain ASCII is by far the common case and needs none of it.
  if (/^[\u0000-\u007f]*$/.test(text)) return text;
  return (
    text
      .replace(INVISIBLE, "")
      .replace(APOSTROPHES, "'")
      .replace(QUOTES, '"')
      .normalize("NFKC")
      .replace(SMALL_CAPITAL, (c) => SMALL_CAPITALS[c] ?? c)
      .replace(INVISIBLE, "")
      // "(noether, ¬sudo)": the logical not is "not" (dev h18m-067: the sign was dropped and noether
      // got the sudo the formula refused)
      .replace(/¬\s*/g, "not ")
      .replace(MIXED_WORD, (w) => (/[a-z]/i.test(w) ? w.replace(CONFUSABLE, (c) => CONFUSABLES[c] ?? c) : w))
  );
}

/**
 * Cyrillic and Greek letters drawn exactly like Latin ones. Inside a word that also has Latin
 * letters ("kеep" with a Cyrillic е, "ѕda") they are the Latin letter (attacker 9 M2: the keep
 * vanished and git was removed); a word all in Cyrillic or Greek is left as it is.
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  х: "x",
  у: "y",
  і: "i",
  ј: "j",
  ѕ: "s",
  һ: "h",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  І: "I",
  Ѕ: "S",
  α: "a",
  ο: "o",
  ν: "v",
  ι: "i",
  κ: "k",
  ρ: "p",
  τ: "t",
  υ: "u",
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Η: "H",
  Ι: "I",
  Κ: "K",
  Μ: "M",
  Ν: "N",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
  Χ: "X",
  Υ: "Y",
};
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join("")}]`, "gu");
const MIXED_WORD = /[\p{L}\p{M}]*[\u0370-\u03ff\u0400-\u052f][\p{L}\p{M}]*/gu;
