import { HOSTNAME_PATTERN } from "../../tools/setHostname.js";
import type { Token } from "./text.js";
import { STOP } from "./tokens.js";
import { MACHINE_WORDS, USER_WORDS } from "./vocab.js";

/**
 * The machine given a name by the shape of the sentence, in the languages people write to the
 * installer (issue 14, round 27): "your machine shall be called attic", "the box will be known as
 * atlas", "el equipo se llama casa-lucia", "o computador se chama estrela", "der Rechner heißt
 * hermes", "appelle la machine atelier", "renomeia o PC para nova", "BUILD01 TO BE KNOWN AS BUILD02".
 *
 * Two frames, read on the clause's words:
 * - a SUBJECT frame: a word for the machine (or the machine's current hostname) followed, within a
 *   few words, by a naming predicate (called, named, known as, se llama, se chama, si chiama,
 *   s'appelle, heißt ...); the word after the predicate is the name.
 * - a VERB frame: an imperative of naming (appelle, nomme, renomme, llama, nombra, renombra, chama,
 *   renomeia, chiama, rinomina, nenne, benenne, dub ...) followed by a word for the machine; the
 *   word after it (past a "to"/"para"/"en"/"in"/"zu") is the name.
 *
 * Why this is safe: setHostname destroys nothing and is a line of the plan the person reads before
 * saying yes. The frame needs the MACHINE as the thing named, so a person's name never becomes
 * the hostname: a clause that talks of a user, an account or a person ("the user on this computer
 * is called ana", "my son is called tom") is left to the user readers, and the value must be a
 * hostname RFC 1123 allows and no function word.
 */

/** Words for the machine in the languages the readers know (English ones are MACHINE_WORDS). */
const MACHINE_NOUNS = new Set([
  ...MACHINE_WORDS,
  "rig",
  "workstation",
  "rechner",
  "computer",
  "maschine",
  "ordinateur",
  "l'ordinateur",
  "machine",
  "serveur",
  "ordenador",
  "equipo",
  "máquina",
  "maquina",
  "computadora",
  "servidor",
  "computador",
  "macchina",
  "portatile",
  "portátil",
  "portatil",
]);

/** The naming predicates of the subject frame, one or two words ("known as", "se llama"). */
const PREDICATES_ONE = new Set([
  "called",
  "named",
  "dubbed",
  "christened",
  "renamed",
  "llamado",
  "llamada",
  "chamado",
  "chamada",
  "chiamato",
  "chiamata",
  "appelé",
  "appelée",
  "appele",
  "appelee",
  "nommé",
  "nommée",
  "nomme",
  "genannt",
  "heisst",
  "heißt",
  "heissen",
  "heißen",
  "s'appelle",
  "s'appellera",
  "s'appeler",
]);
const PREDICATES_TWO = new Set([
  "known as",
  "renamed to",
  "se llama",
  "se llamará",
  "se llamara",
  "se chama",
  "se chamará",
  "se chamara",
  "si chiama",
  "si chiamerà",
  "si chiamera",
]);

/** Imperatives of naming, second person and first plural, that take the machine as their object. */
const NAMING_VERBS = new Set([
  "dub",
  "christen",
  "appelle",
  "appelez",
  "appelons",
  "nomme",
  "nommez",
  "renomme",
  "renommez",
  "llama",
  "llame",
  "llamalo",
  "llámalo",
  "nombra",
  "nombre",
  "renombra",
  "renombre",
  "chama",
  "chame",
  "renomeia",
  "renomeie",
  "renomear",
  "nomeia",
  "nomeie",
  "chiama",
  "chiami",
  "rinomina",
  "rinomini",
  "nenne",
  "nennt",
  "benenne",
  "taufe",
]);

/** Articles and prepositions between the frame and the name ("la", "para", "en", "in", "zu"). */
const BETWEEN = new Set([
  "the",
  "this",
  "my",
  "our",
  "your",
  "to",
  "as",
  "la",
  "le",
  "l'",
  "el",
  "lo",
  "o",
  "a",
  "il",
  "der",
  "die",
  "das",
  "den",
  "dem",
  "mon",
  "ma",
  "mi",
  "meu",
  "minha",
  "mio",
  "mia",
  "mein",
  "meinen",
  "para",
  "pra",
  "en",
  "in",
  "zu",
  "de",
  "di",
  "como",
  "come",
  "comme",
  "als",
  "now",
  "from",
  "today",
  "on",
]);

/** Words that put a person in the clause: its name is theirs, never the machine's. */
const PERSON =
  /^(?:user|users|username|account|accounts|login|person|people|guest|me|i|im|i'm|he|she|his|her|him|son|daughter|wife|husband|kid|child|brother|sister|mom|dad|mother|father|friend|dog|cat|usuario|usuaria|utilisateur|utilisateurs|utilisatrice|benutzer|benutzerin|utente|usuário|usuario)$/;

const HOST = new RegExp(HOSTNAME_PATTERN);

/** The value at `i` or after the articles there, when it can be a hostname. */
function valueFrom(w: readonly string[], raws: readonly string[], i: number): string | undefined {
  let j = i;
  while (j < w.length && BETWEEN.has(w[j]!)) j++;
  const raw = raws[j];
  if (raw === undefined) return undefined;
  const v = raw.toLowerCase().replace(/^["'`‘’“”]+|["'`‘’“”]+$/g, "");
  if (!v || STOP.has(v) || BETWEEN.has(v) || PERSON.test(v) || MACHINE_NOUNS.has(v)) return undefined;
  return HOST.test(v) && /[a-z]/.test(v) ? v : undefined;
}

/**
 * The name a clause gives the machine by one of the frames above, or undefined. `current` is the
 * machine's hostname now: "build01 to be known as build02" names the machine by its old name.
 */
export function machineNamedFrame(tokens: readonly Token[], current?: string): string | undefined {
  const ws = tokens.filter((t) => t.kind !== "punct" || t.norm === ":");
  const w = ws.map((t) => t.norm.toLowerCase());
  const raws = ws.map((t) => t.raw);
  if (w.some((x) => PERSON.test(x) || USER_WORDS.has(x))) return undefined;
  const machine = (x: string) =>
    MACHINE_NOUNS.has(x) || (current !== undefined && x === current.toLowerCase());
  for (let i = 0; i < w.length; i++) {
    if (!machine(w[i]!)) continue;
    // the subject frame: the predicate within five words of the machine
    for (let k = i + 1; k < Math.min(w.length, i + 7); k++) {
      const two = `${w[k]} ${w[k + 1] ?? ""}`;
      if (PREDICATES_TWO.has(two)) return valueFrom(w, raws, k + 2);
      if (PREDICATES_ONE.has(w[k]!)) return valueFrom(w, raws, k + 1);
      if (machine(w[k]!)) break;
    }
    // the verb frame: the naming imperative right before the machine (past its article)
    let v = i - 1;
    while (v >= 0 && BETWEEN.has(w[v]!)) v--;
    if (v >= 0 && NAMING_VERBS.has(w[v]!)) return valueFrom(w, raws, i + 1);
  }
  return undefined;
}
