/**
 * The privilege refused in words the English readers do not know, said as "without sudo" before
 * any reader sees them. Two forms, both only where they touch the privilege word itself:
 *
 * - A negation of the languages people mix in, right before or after "admin"/"sudo" (with at
 *   most a copula or "need" between): Indonesian "bukan admin", "tanpa sudo"; Vietnamese "không
 *   admin", "không cần sudo"; Romanian "nu admin", "fără sudo"; Hungarian "nem admin", "sudo
 *   nélkül"; Hindi/Hinglish "nahi admin", "bina sudo", "sudo nahi chahiye"; romaji "admin janai",
 *   "sudo nashi", "sudo wa iranai"; Scots "nae sudo". A word the readers do not know, next to the privilege, was
 *   read as a name or left out, and the bare "admin" beside the name gave sudo; and "nem admin"
 *   made a user "nem". Said as "without", the negation can be neither.
 * - A label whose value refuses ("sudo: not needed", "admin: overkill", "sudo = not for her",
 *   "sudo: nah"): the same words without the colon already refuse; with it, the label alone was
 *   read as the grant and the value lost. A value that says yes, or names who gets it ("sudo:
 *   vince"), stays as typed.
 *
 * Only words next to the privilege are read, so a negation word elsewhere stays as typed.
 */

const PRIVILEGE = String.raw`(?:sudo(?:er)?|admin(?:istrator)?|wheel|superuser|root)`;
/** Letters on either side end a word (accented letters too: \b knows only ASCII). */
const L = String.raw`[\p{L}\p{N}_]`;
const word = (re: string) => String.raw`(?<!${L})(?:${re})(?!${L})`;

/** Negations said before the privilege, with what may stand between ("không phải", "tidak perlu"). */
const BEFORE = [
  // Indonesian / Malay
  String.raw`(?:bukan|tidak|tak|jangan|enggak|nggak)(?:\s+(?:perlu|usah|jadi|sebagai|pakai|punya|ada|dapat|boleh))?`,
  // Vietnamese
  String.raw`(?:không|khong|đừng|chẳng|chang)(?:\s+(?:phải|phai|cần|can|có|co|được|duoc|là|la|làm|lam|cho))?`,
  // Romanian
  String.raw`(?:nu)(?:\s+(?:e|este|ca|are|vreau|trebuie|face|fac))?`,
  // Hungarian
  String.raw`(?:nem|ne)(?:\s+(?:kell|legyen|lesz|kap|kapjon|kapja))?`,
  // Hindi / Hinglish
  String.raw`(?:nahi|nahin|nahī|nai|mat)`,
  // Scots ("nae sudo, mind"; "dinnae gie him admin" is read by the English negation of "gie")
  String.raw`(?:nae)(?:\s+(?:need\s+for|mair))?`,
];
/** Words for "without" before the privilege. */
const WITHOUT_BEFORE = String.raw`tanpa|fără|fara|bina`;
/** Negations said after the privilege, with what may stand between ("sudo wa iranai", "sudo ki zarurat nahi"). */
const AFTER = String.raw`(?:\s*[:=]\s*|\s+)(?:(?:wa|ga|mo|ni|ki|ka|ko|ke)\s+)?(?:(?:zarurat|zaroorat|jarurat|kabhi)\s+)?(?:janai|ja\s+nai|nai|nashi|dame|iranai|irimasen|fuyou|nahi|nahin|mat|nélkül|nelkul|nélkült|không|khong|tidak|bukan|nu)`;

const NEGATED_BEFORE = new RegExp(
  `${word(`(?:${BEFORE.join("|")}|${WITHOUT_BEFORE})`)}\\s+(${PRIVILEGE})${"(?:-?t|ot|nak|ok)?"}(?!${L})`,
  "giu",
);
const NEGATED_AFTER = new RegExp(`${word(`(${PRIVILEGE})`)}${AFTER}(?!${L})`, "giu");

/** What a refusing value says after a "sudo:" label: not needed, overkill, not for her, nah. */
const REFUSING_VALUE = String.raw`(?:(?:is\s+)?not\s+(?:really\s+)?(?:needed|necessary|required|wanted|a\s+good\s+idea|for\s+\w+|this\s+time)|(?:un(?:needed|necessary|required|wanted))|overkill|optional|no\s+need(?:ed)?|none(?:\s+needed)?|nobody|no\s+one|nah|nope|no\s+thanks|no\s+way|n\/a|forget\s+it|skip(?:\s+it)?|never|negative|denied|not|no)`;
const LABEL_REFUSED = new RegExp(
  `${word(`(${PRIVILEGE})`)}\\s*(?::|=>|->|=)\\s*${REFUSING_VALUE}(?!${L})`,
  "giu",
);

/** The turn with the privilege refused in those words said as "without sudo". */
export function saySudoRefusalsAbroad(text: string): string {
  if (!/sudo|admin|wheel|superuser|root/i.test(text)) return text;
  return text
    .replace(LABEL_REFUSED, (_all, key: string) => `without ${key.toLowerCase()}`)
    .replace(NEGATED_BEFORE, (_all, key: string) => `without ${key.toLowerCase()}`)
    .replace(NEGATED_AFTER, (_all, key: string) => `without ${key.toLowerCase()}`);
}
