/**
 * Words that protect or negate, in the languages people mix into their requests: read by the
 * certainty gate (./certaintyGate.ts), which does not parse clauses. A word is here for what it
 * means ("not", "keep", "leave", "nicht", "jangan", "mat"), never because of a sentence. Short
 * words that mean "yes" or something harmless in another language are left out ("si", "tak").
 */

/** Negators: English, Scots and the mixed-in languages, typed with or without accents. */
const NEGATORS = [
  // English (contractions are matched by their "n't"/"nt" ending too: see isNegator)
  "no",
  "not",
  "never",
  "nope",
  "nah",
  "nay",
  "negative",
  "neither",
  "nor",
  "none",
  "without",
  "dont",
  "doesnt",
  "didnt",
  "wont",
  "cant",
  "cannot",
  "shouldnt",
  "mustnt",
  "wouldnt",
  "couldnt",
  "isnt",
  "arent",
  "wasnt",
  "werent",
  "aint",
  "havent",
  "hasnt",
  "nothing",
  // Scots
  "nae",
  "naw",
  "dinnae",
  "dinna",
  "cannae",
  "willnae",
  "shouldnae",
  "didnae",
  // German
  "nicht",
  "nichts",
  "kein",
  "keine",
  "keinen",
  "nie",
  "niemals",
  "nein",
  // Dutch
  "niet",
  "geen",
  "nooit",
  "nee",
  // Swedish, Norwegian, Danish
  "inte",
  "ej",
  "aldrig",
  "aldri",
  "ikke",
  "ikkje",
  "nej",
  "nei",
  "ingen",
  // Finnish
  "ei",
  "älä",
  "älkää",
  "alä",
  // Polish, Czech
  "nie",
  "nigdy",
  "ne",
  "nikdy",
  "nic",
  // Italian, Spanish, Portuguese, French, Romanian
  "non",
  "mai",
  "nunca",
  "jamás",
  "jamas",
  "nada",
  "ningún",
  "ninguno",
  "ninguna",
  "não",
  "nao",
  "pas",
  "jamais",
  "aucun",
  "aucune",
  "nu",
  "niciodată",
  "niciodata",
  // Hungarian
  "nem",
  "soha",
  "sose",
  // Turkish (the verb's "-me/-ma" negative is matched in isNegator)
  "değil",
  "degil",
  "hayır",
  "hayir",
  "asla",
  "yok",
  "sakın",
  "sakin",
  // Indonesian, Malay, Tagalog
  "jangan",
  "tidak",
  "bukan",
  "huwag",
  "wag",
  "hindi",
  // Vietnamese
  "không",
  "khong",
  "đừng",
  "chớ",
  // Hindi (romanised)
  "mat",
  "nahi",
  "nahin",
  "nahiin",
  "nai",
  "na",
  // Swahili
  "hapana",
  "sio",
  "usi",
  // Korean, Japanese (romanised)
  "ani",
  "aniyo",
  "anio",
  "andwae",
  "andwe",
  "hajima",
  "hajimayo",
  "dame",
  "iie",
  "naide",
  "shinaide",
  "yamete",
];

/** Keep-words: the target stays, is left as it is, is not to be touched. */
const KEEP_WORDS = [
  "keep",
  "keeps",
  "keeping",
  "kept",
  "leave",
  "leaving",
  "spare",
  "retain",
  "preserve",
  "protect",
  "protected",
  "save",
  "stays",
  "stay",
  "untouched",
  "intact",
  "alone",
  "sacred",
  "precious",
  "untouchable",
  "except",
  "excluding",
  "besides",
  // German
  "behalten",
  "behalte",
  "behalt",
  "lass",
  "lassen",
  "bleibt",
  "bleiben",
  "ausser",
  "außer",
  // Dutch
  "houden",
  "houd",
  "hou",
  "behouden",
  "laat",
  "blijft",
  "behalve",
  // Swedish, Norwegian, Danish
  "behåll",
  "behall",
  "behold",
  "beholde",
  "kvar",
  "utom",
  "unntatt",
  "undtagen",
  // Finnish
  "pidä",
  "pida",
  "säilytä",
  "sailyta",
  "jätä",
  "jata",
  "paitsi",
  // Polish, Czech
  "zostaw",
  "zachowaj",
  "oprócz",
  "oprocz",
  "nech",
  "nechej",
  "ponech",
  "zachovej",
  "kromě",
  "krome",
  // Italian, Spanish, Portuguese, French, Romanian
  "tieni",
  "lascia",
  "conserva",
  "mantieni",
  "resta",
  "rimane",
  "tranne",
  "deja",
  "mantén",
  "manten",
  "mantener",
  "guarda",
  "queda",
  "salvo",
  "excepto",
  "mantenha",
  "manter",
  "deixa",
  "deixe",
  "fica",
  "garde",
  "garder",
  "gardez",
  "laisse",
  "laissez",
  "reste",
  "sauf",
  "păstrează",
  "pastreaza",
  "lasă",
  "lasa",
  "rămâne",
  "ramane",
  // Hungarian
  "hagyd",
  "tartsd",
  "megtart",
  "kivéve",
  "kiveve",
  // Turkish
  "koru",
  "kalsın",
  "kalsin",
  "hariç",
  "haric",
  // Indonesian, Tagalog, Vietnamese
  "simpan",
  "biarkan",
  "tetap",
  "kecuali",
  "iwan",
  "itago",
  "maliban",
  "giữ",
  "giu",
  "trừ",
  // Hindi, Swahili, Japanese/Korean (romanised)
  "rakho",
  "rakhna",
  "chhodo",
  "chodo",
  "siwaa",
  "acha",
  "bakiza",
  "hifadhi",
  "nokoshite",
  "nokosu",
  "dugo",
  "nohwa",
];

/** Phrases that keep what they name. */
export const KEEP_PHRASES = [
  "hands off",
  "off limits",
  "off-limits",
  "off the table",
  "apart from",
  "other than",
  "stay away",
  "rehne do",
  // a caution about a thing keeps it: "careful with sdb, that's my nas mirror"
  "careful with",
  "careful of",
  "careful about",
  "careful around",
];

const NEG = new Set(NEGATORS);
const KEEP = new Set(KEEP_WORDS);

/**
 * Turkish verbs say "don't" with "-me/-ma" on the stem: "silme" (don't delete), "dokunma" (don't
 * touch), "formatlama", "kaldırma" (don't remove). Only the stems of destroying verbs, so nouns
 * ending in -me ("home", "name") are never read as negated.
 */
const TURKISH_NEGATED =
  /^(?:sil|dokun|formatla|kaldır|kaldir|biçimlendir|bicimlendir)m[ea](?:yın|yin|sın|sin)?$/;

/** Swahili "usi-" + verb: "usifute" (don't delete), "usiguse" (don't touch). */
const SWAHILI_NEGATED = /^usi[a-z]{3,}$/;

/** The word negates. */
export function isNegator(w: string): boolean {
  if (NEG.has(w)) return true;
  // "don't", "won't", "shouldn't", "cant" typed with an apostrophe
  if (/n[’']t$/.test(w)) return true;
  return TURKISH_NEGATED.test(w) || SWAHILI_NEGATED.test(w);
}

/** The word keeps what it names. */
export function isKeepWord(w: string): boolean {
  return KEEP.has(w);
}

/**
 * Words after a negator that make it let go rather than protect: "I don't need windows", "don't
 * care about sda", "no longer use bat", "never use fzf". What is not needed may go.
 */
export const RELEASE_AFTER_NEGATOR = new Set([
  "need",
  "needed",
  "needs",
  "care",
  "cares",
  "use",
  "using",
  "used",
  "mind",
  "miss",
  "want",
  "wanna",
  "point",
  "longer",
  "worries",
  "problem",
  "matter",
  "matters",
  "important",
  "worth",
  "brauche",
  "nodig",
  "behöver",
  "trenger",
  "har",
  "hay",
  "necesito",
  "serve",
  "besoin",
  "preciso",
  "butuh",
  "perlu",
  "chahiye",
  "zaroorat",
  "jarurat",
  "iranai",
  "pilpyo",
]);

/** Words of the destroying acts (English and the common mixed-in verbs). */
export const DESTROY_WORDS = new Set([
  "erase",
  "wipe",
  "format",
  "reformat",
  "nuke",
  "delete",
  "destroy",
  "overwrite",
  "remove",
  "uninstall",
  "purge",
  "drop",
  "ditch",
  "trash",
  "zap",
  "kill",
  "lose",
  "losing",
  "lost",
  "touch",
  "clear",
  "scrap",
  "rid",
  "gone",
  "go",
]);
