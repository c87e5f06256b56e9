/**
 * The words about people and the privilege said the way the English readers know them, before any
 * reader sees them (agent/rules/plainWords.ts). Each pattern is a way of saying a thing, not a
 * sentence:
 * - a refusal said with a quantity or a subtraction: "minus sudo", "zero sudo", "sudo: nil",
 *   "hold the sudo", "leave sudo out", "admin rights: no" are "without sudo" (attacker 9 M2: carl got
 *   sudo from "add user carl minus sudo");
 * - a chat log pasted as the request: "[10:32] @dad: no sudo for the kids", "<mum> give tom sudo":
 *   the time and the speaker's handle are nobody's account; the message is the words (M3);
 * - a label before a name: "handle is anke", "login: anke", "nick anke" name anke, never "handle"
 *   (dev16 h15-017: "make me an account, handle is anke, and I do need sudo" gave "handle" sudo);
 * - the privilege refused or given in the languages people mix in (Tagalog "walang sudo", Hindi
 *   "sudo nahi", Turkish "sudo yok", "sudosuz", Czech "žádné sudo") and their linkers between
 *   "user" and the name ("user na jun", "si jun", "para kay jun", "arjun ke liye", "ali için").
 */

const PRIV = `(sudo(?:er)?|admin(?:istrator)?|root|wheel|superuser)`;
const RIGHTS = String.raw`(?:\s+(?:rights|access|privileges?|powers?|yetkisi|prava|práva))?`;

/** English: the privilege taken away by a quantity, a subtraction or an omission. */
const ENGLISH_REFUSALS: readonly [RegExp, string][] = [
  // "minus sudo", "with zero sudo", "nil admin", "sans root access"
  [
    new RegExp(
      String.raw`\b(?:minus|zero|nil|nada|excluding|exclude|omit|omitting|0)\s+(?:the\s+)?${PRIV}`,
      "gi",
    ),
    "without $1",
  ],
  // "hold the sudo" (said as an order at a counter), "leave sudo out", "keep admin out of it"
  [new RegExp(String.raw`\bhold\s+the\s+${PRIV}${RIGHTS}\b`, "gi"), "without $1"],
  [
    new RegExp(String.raw`\b(?:leave|keep)\s+(?:the\s+)?${PRIV}${RIGHTS}\s+out\b(?:\s+of\s+it)?`, "gi"),
    "without $1",
  ],
  // "sudo ne", "admin nie": the no of the languages people mix in, ending the clause
  [
    new RegExp(
      String.raw`\b${PRIV}${RIGHTS}\s+(?:ne|nie|nein|nei|nej|nee|niet|non|nahi|nahin|yok|hindi|wala)\b(?=\s*(?:[,.;!?\n]|$))`,
      "gi",
    ),
    "without $1",
  ],
  // "sudo: nil", "admin rights: no", "sudo = nada", "root access -> none"
  [
    new RegExp(
      String.raw`\b${PRIV}${RIGHTS}\s*(?::|=>|->|=)\s*(?:no|none|nil|nada|zero|nah|nope|nix|never|false|off|0)\b`,
      "gi",
    ),
    "without $1",
  ],
];

/**
 * The preposition "with" of the languages the rules translate, right before the privilege: "Usuario
 * juan, con sudo", "Utilizador joana, com sudo", "Benutzer jonas, mit sudo", "utilisateur marc,
 * avec sudo", "gebruiker piet, met sudo", "med sudo", "sudo ile" are "with sudo". The
 * translator reads "con", "com" only in a turn that holds a strong word of its language, so the
 * preposition was left beside the privilege, no reader tied the grant to the person before the
 * comma, and "com" itself was made an administrator (dev25-mixed h24m-025). Safety: each word
 * means "with" and nothing else before the privilege, so the grant is as plain as "with sudo"; a
 * refusal before it ("no con sudo", "nicht mit sudo") is still read by the negation readers.
 */
const WITH_ABROAD: readonly [RegExp, string][] = [
  [new RegExp(String.raw`\b(?:con|com|mit|avec|met|med)\s+(?=${PRIV}\b)`, "gi"), "with "],
  [new RegExp(String.raw`\b${PRIV}${RIGHTS}\s+ile\b`, "gi"), "with $1"],
];

/** Whether the turn holds a word of the language these patterns are for. */
const TAGALOG =
  /\b(?:walang|wala|hindi|huwag|wag|gawa|gawin|gumawa|ng|mga|yung|naman|tapos|kasi|pero|bigyan|pakigawa|ikaw|siya|sya)\b/i;
const HINDI =
  /\b(?:nahi|nahin|bina|karo|liye|usko|unko|isko|inko|bhai|yaar|chahiye|dena|dedo|hai|bhi|aur)\b/i;
const TURKISH =
  /(?:\b(?:yok|olsun|olmasın|olmasin|verme|ver|için|icin|kullanıcı|kullanici|hesap|adında|adinda|adlı|adli|isimli|lütfen|lutfen)\b|suz\b|süz\b)/i;
const CZECH =
  /\b(?:bez|žádné|zadne|žádný|zadny|nedávej|nedavej|dej|pro|prosím|prosim|účet|ucet|uživatel|uzivatel|jménem|jmenem)\b/i;

const MIXED: readonly { lang: RegExp; rows: readonly [RegExp, string][] }[] = [
  {
    lang: TAGALOG,
    rows: [
      // "walang sudo", "wala ng admin", "hindi admin", "huwag/wag ng sudo"
      [
        new RegExp(
          String.raw`\b(?:walang|wala(?:\s+(?:ng|na))?|hindi|huwag|wag)\s+(?:(?:ng|na|mo|siyang|syang|siya|sya)\s+)*(?:bigyan\s+(?:ng\s+)?)?${PRIV}`,
          "gi",
        ),
        "without $1",
      ],
      [new RegExp(String.raw`\b${PRIV}${RIGHTS}\s+(?:ay\s+)?(?:wala|hindi|huwag|wag)\b`, "gi"), "without $1"],
      // "may sudo", "merong admin": with the privilege
      [new RegExp(String.raw`\b(?:may|meron|merong|mayroon|mayroong)\s+(?:na\s+)?${PRIV}`, "gi"), "with $1"],
      // "user na jun", "account ni jun", "pangalan ay jun", "si jun": the linker before the name
      [/\b(user|account)\s+(?:na|ni|si|ay|ang|para\s+kay|para\s+sa|kay)\s+/gi, "$1 "],
      [/\b(?:ang\s+)?pangalan(?:\s+(?:niya|nya|ay|ng|ko|is))*\s+/gi, "named "],
      [/\b(?:para\s+(?:kay|sa)|kay)\s+(?=[a-z])/gi, "for "],
      [/\bsi\s+(?=[a-z])/gi, ""],
    ],
  },
  {
    lang: HINDI,
    rows: [
      // "sudo nahi", "admin mat do", "sudo na dena", "bina sudo"
      [
        new RegExp(
          String.raw`\b${PRIV}${RIGHTS}\s+(?:bilkul\s+)?(?:(?:nahi|nahin|nai|mat)\b(?:\s+(?:do|dena|dijiye|dijiyega|chahiye|hai|hoga|milega))?|na\s+(?:do|dena|dijiye)\b)`,
          "gi",
        ),
        "without $1",
      ],
      [new RegExp(String.raw`\bbina\s+${PRIV}`, "gi"), "without $1"],
      // "sudo chahiye", "admin de do": with it
      [
        new RegExp(String.raw`\b${PRIV}${RIGHTS}\s+(?:chahiye|do|de\s+do|dedo|dena|dijiye)\b`, "gi"),
        "with $1",
      ],
      // "usko sudo", "unko admin": the person just named
      [/\b(?:usko|unko|isko|inko|use|usse|unhe|inhe)\b/gi, "him"],
      // "naam arjun": the name
      [/\bnaam\s+/gi, "name "],
      // "arjun ke liye account": an account for arjun
      [/\b([a-z][a-z0-9_-]*)\s+(?:ke|ki|ka)\s+liye\b/gi, "for $1"],
    ],
  },
  {
    lang: TURKISH,
    rows: [
      // "sudo yok", "admin yetkisi olmasın", "sudo verme", "sudosuz", "sudo'suz"
      [
        new RegExp(
          String.raw`\b${PRIV}${RIGHTS}\s+(?:yok|olmasın|olmasin|verme|vermeyin|istemiyorum|değil|degil)\b`,
          "gi",
        ),
        "without $1",
      ],
      [new RegExp(String.raw`\b${PRIV}\s*['’]?\s*(?:suz|süz|siz|sız)\b`, "gi"), "without $1"],
      // "sudo olsun", "sudo ver", "admin yetkisi var": with it
      [new RegExp(String.raw`\b${PRIV}${RIGHTS}\s+(?:olsun|ver|verin|var)\b`, "gi"), "with $1"],
      [/\b(?:kullanıcı|kullanici|hesap|hesabı|hesabi)\b/gi, "user"],
      // "ali adında kullanıcı", "ali isimli bir user": a user named ali
      [/\b([a-z][a-z0-9_-]*)\s+(?:adında|adinda|adlı|adli|isimli)\s+(?:bir\s+)?user\b/gi, "user $1"],
      // "benim için mert" ("for me, mert"): a pronoun before "için" is the person it is for, never a
      // name (dev25-keep h24k-063 read "for benim" and asked who mert was)
      [/\b(?:benim|kendim)\s+(?:için|icin)\b/gi, "for me,"],
      [/\b(?:onun|kendisi)\s+(?:için|icin)\b/gi, "for them,"],
      [/\b(?:bizim|senin|sizin|onların|onlarin)\s+(?:için|icin)\b/gi, "for us,"],
      [/\b([a-z][a-z0-9_-]*)\s+(?:için|icin)\b/gi, "for $1"],
    ],
  },
  {
    lang: CZECH,
    rows: [
      // "žádné sudo", "sudo ne", "nedávej mu sudo"
      [
        new RegExp(
          String.raw`\b(?:žádné|zadne|žádný|zadny|žádná|zadna|nedávej|nedavej)\s+(?:(?:mu|jí|ji|jim)\s+)?${PRIV}`,
          "gi",
        ),
        "without $1",
      ],
      [new RegExp(String.raw`\b${PRIV}${RIGHTS}\s+(?:ne|nechci|nedávej|nedavej)\b`, "gi"), "without $1"],
      [/\b(?:účet|ucet)\b/gi, "account"],
      [/\b(?:jménem|jmenem|s\s+názvem|s\s+nazvem)\s+/gi, "named "],
      [/\bpro\s+(?=[a-z])/gi, "for "],
    ],
  },
];

/** "handle is anke", "login: anke", "nick anke": the name after a label, the label no name. */
const LABELS = String.raw`(?:handle|login|log-in|nick|nickname|alias|user\s*id|userid|uname|gamertag|screen\s*name|screenname)`;
const LABEL = new RegExp(
  String.raw`\b(?:my\s+|the\s+|his\s+|her\s+)?(?:${LABELS}\s*(?:\s(?:is|will\s+be|should\s+be)|=|:)|(?:handle|nick|nickname|gamertag)(?!\s+(?:with|as|for|and|or|to|of|in|on|the|a|an|it|that|this|stuff|thing|sudo|admin)\b))\s+(?=[a-z_][\w-]*\b)`,
  "gi",
);

/**
 * A chat log pasted as a request: a time ("[10:32]", "10:32", "(21:03)") and a handle ("@dad:",
 * "<mum>", "dad:" after a time) at the start of a line. The message stays; who said it is nobody's
 * account.
 */
const LOG_LINE =
  /^([ \t]*)(?:(?:\[[^\]\n]{1,24}\]|\(\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?\)|\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?)\s*(?:<[^>\n]{1,32}>|@?[\w.-]{1,32}\s*:)|@[\w.-]{1,32}\s*:|<[^>\n]{1,32}>)[ \t]*/gm;

/** A word's edge that knows letters beyond ASCII ("kullanıcı" ends in a letter \b does not know). */
const EDGE = String.raw`(?:(?<![\p{L}\p{N}_])(?=[\p{L}\p{N}_])|(?<=[\p{L}\p{N}_])(?![\p{L}\p{N}_]))`;
const unicode = (re: RegExp): RegExp =>
  new RegExp(re.source.replaceAll(String.raw`\b`, EDGE), `${re.flags}u`);

/**
 * The tables with unicode edges, each built on its first use: an edge's letter classes cost
 * milliseconds to build and compile (`levitate ask` spent ~11 ms building them at load, and more
 * compiling a language's test on a turn in English). `near` is the language's test without its
 * edges: it matches wherever the test could, costs a fraction of that, and a turn it misses (most
 * turns) reads no table of that language, as before.
 */
interface MixedTable {
  readonly near: RegExp;
  readonly lang: () => RegExp;
  readonly rows: () => readonly (readonly [RegExp, string])[];
}
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
const MIXED_U: readonly MixedTable[] = MIXED.map(({ lang, rows }) => ({
  near: new RegExp(lang.source.replaceAll(String.raw`\b`, ""), `${lang.flags}u`),
  lang: once(() => unicode(lang)),
  rows: once(() => rows.map(([re, to]) => [unicode(re), to] as const)),
}));

/** Every English refusal names the privilege: a turn without one of its words skips them. */
const PRIV_WORD = /sudo|admin|root|wheel|superuser/i;

/**
 * An account asked for in a programmer's words: "createUser(ops, sudo=true)", "add_user('tom',
 * admin: false)" is "user ops with sudo" (tester 12 W9 asked the name again).
 */
const CALL =
  /\b(?:create|add|new|make)_?user\s*\(\s*(?:(?:name|username)\s*[:=]\s*)?["']?([a-z_][\w-]*)["']?\s*((?:,[^()\n]*)?)\)/gi;
// "sudo=true" may already read "sudo on", "sudo=false" "without sudo" (sudoRefusalWords.ts plainSudoValues)
const SUDO_ARG =
  /\b(?:(without)\s+(?:sudo|admin|wheel|root)|(?:sudo|admin|wheel|root)\s*(?:[:=]\s*)?["']?(true|yes|1|on|false|no|0|off|none))\b/i;

function sayCalls(text: string): string {
  return text.replace(CALL, (_all, name: string, rest: string) => {
    const m = SUDO_ARG.exec(rest);
    const v = m?.[1] ? "off" : m?.[2]?.toLowerCase();
    const sudo = v === undefined ? "" : /^(?:true|yes|1|on)$/.test(v) ? " with sudo" : " without sudo";
    return `user ${name}${sudo}`;
  });
}

/**
 * A setting in brackets after a name: "ann (sudo)", "tom (no sudo)". Only in a turn with a refusal
 * in brackets: grants alone ("users alice (admin), bob and carol (admin)") the list reader gives
 * per member, where "bob and carol with admin" would give it to both (findings3-list-settings:
 * bob had been given sudo).
 */
function sayBrackets(text: string): string {
  if (!new RegExp(String.raw`\(\s*(?:no|without|w/o|non-?|not)\s*${PRIV}`, "i").test(text)) return text;
  return text.replace(
    new RegExp(String.raw`\s*\(\s*(no|without|w/o|non-?|not)?\s*${PRIV}${RIGHTS}\s*\)`, "gi"),
    (_a, no: string | undefined, p: string) => (no ? ` without ${p}` : ` with ${p}`),
  );
}

/**
 * "users ann and tom. sudo: ann. tom: no": in a turn about the privilege, a person named before
 * and answered with a no or a yes after a colon is refused or given it (tester 12 W2: the "tom: no"
 * took the whole turn back).
 */
function sayNameAnswers(text: string): string {
  if (!new RegExp(String.raw`\b${PRIV}`, "i").test(text)) return text;
  return text
    .replace(
      /\b([a-z][\w-]*)\s*:\s*(no|nope|nah|none|yes|yep|yeah|y|n)\b/gi,
      (all, name: string, v: string, at: number) => {
        if (new RegExp(`^${PRIV}$`, "i").test(name)) return all;
        if (!new RegExp(`\\b${name}\\b`, "i").test(text.slice(0, at))) return all;
        return /^(?:no|nope|nah|none|n)$/i.test(v) ? `no sudo for ${name}` : `${name} with sudo`;
      },
    )
    .replace(
      new RegExp(
        String.raw`\b${PRIV}\s*:\s*(?!(?:no|none|nil|nah|nope|yes|true|false|on|off|0|1)\b)([a-z][\w-]*)\b(?=\s*(?:[.,;!?\n]|$))`,
        "gi",
      ),
      "$1 for $2",
    );
}

export function sayPeopleWordsPlainly(text: string): string {
  let out = sayNameAnswers(sayBrackets(sayCalls(text.replace(LOG_LINE, "$1"))));
  if (PRIV_WORD.test(out))
    for (const [re, to] of [...ENGLISH_REFUSALS, ...WITH_ABROAD]) out = out.replace(re, to);
  for (const { near, lang, rows } of MIXED_U)
    if (near.test(out) && lang().test(out)) for (const [re, to] of rows()) out = out.replace(re, to);
  out = out.replace(LABEL, "username ");
  return out;
}
