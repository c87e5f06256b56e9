import { fold, type Token, tokenize } from "./text.js";
import { copulaNameAt } from "./userNounSubject.js";

/**
 * Words that introduce a name (issue 14): "a user by the name of omar", "who goes by zed",
 * "handle nyx", "login kim", and the word for "name" in the languages people mix in ("user besaz
 * be esme dariush": Persian "make a user by the name dariush"; "jméno", "nome", "nimi", "ime",
 * "imię", "nombre", "navn", "namn", "naam", "isim"). The word after one is the name, before any
 * word an anchor such as "user" reached first (a verb of the turn's language, a role: "besaz").
 * Only a word that could be a login and is nobody's name elsewhere ("user esme with sudo": no
 * name follows, so "esme" stays the name) counts.
 */
const INTRODUCERS = new Set([
  "called",
  "named",
  "handle",
  "login",
  "username",
  "esme",
  "esmesh",
  "esm",
  "ism",
  "ismu",
  "jmeno",
  "nome",
  "nimi",
  "nimeltaan",
  "ime",
  "imie",
  "imenem",
  "nombre",
  "navn",
  "namn",
  "naam",
  "isim",
  "isimli",
  // the verb of naming with its pronoun, in the languages people mix in: "Llámalo pedro",
  // "chiamala giulia", "appelle-le marc", "nenn ihn jan" (the verb is no name: the word after it is)
  "llamalo",
  "llamala",
  "llamale",
  "llamelo",
  "ponle",
  "chamalo",
  "chamala",
  "chiamalo",
  "chiamala",
  "appelle",
  "appelez",
  "appelle-le",
  "appelle-la",
  "appelez-le",
  "appelez-la",
  "nomme",
  "nommez",
  "nenn",
  "nenne",
  "noem",
]);
/** Words between the introducer and the name: "by the name of omar", "login: kim", "esme-ye". */
const FILLER = /^(?:of|is|as|:|=|-|ye|e|je|est|e'|ist|on|will|be|should|le|la|lui|ihn|sie|hem|haar)$/;

/** Whether the word at `k` of `w` introduces the name after it. */
function introducerAt(w: readonly string[], k: number): boolean {
  const x = w[k]!;
  // "full name Omar Haddad", "real name": the person's full name, not the login
  if (x === "name") return w[k - 1] === "the" && w[k - 2] === "by";
  if (x === "by") return /^(?:goes|go|going|went)$/.test(w[k - 1] ?? "");
  if (x === "as") return /^(?:known|registered|listed|signed)$/.test(w[k - 1] ?? "");
  return INTRODUCERS.has(x);
}

/** The name an introducer in the clause's tokens puts after it, if any. */
export function introducedName(
  tokens: readonly Token[],
  accept: (t: Token) => string | undefined,
): string | undefined {
  const w = tokens.map((t) => fold(t.norm.toLowerCase()));
  for (let k = 0; k < w.length; k++) {
    // "the user will be omar", "El usuario será pablo": a copula after the noun (userNounSubject.ts)
    const copula = copulaNameAt(w, k);
    if (copula < 0 && !introducerAt(w, k)) continue;
    let j = copula >= 0 ? copula : k + 1;
    while (copula < 0 && j < w.length && FILLER.test(w[j]!)) j++;
    const t = tokens[j];
    if (t?.kind !== "word") continue;
    const n = accept(t);
    if (!n || !/^[a-z_][a-z0-9_-]{0,31}$/.test(n) || INTRODUCERS.has(n)) continue;
    return n;
  }
  return undefined;
}

/** Whether `text` introduces `name` as a name (agent/rules/userNames.ts namesPerson). */
export function introducesName(
  text: string,
  name: string,
  accept: (t: Token) => string | undefined,
): boolean {
  return text
    .split(/(?<=[.;!?])\s+|\n+/)
    .some((s) => introducedName(tokenize(s), accept) === name.toLowerCase());
}
