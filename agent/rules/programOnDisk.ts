import { SYSTEM_WORDS } from "./alongside.js";
import { OS_WORDS } from "./tokens.js";
import { DISK_WORDS, INSTALL_VERBS, PRONOUNS } from "./vocab.js";

/**
 * "can you install git on it too" (dev h23m-067#1, a blank disk and no recipe git): the install
 * verb's object is one word that names no system, then "on it". The words ask for a program on the
 * machine, not for the system on the disk; read as the install of the system, the turn erased the
 * disk. The object of "install W on it" is the system only where W is a word for it ("linux",
 * "levitate", "the os") or another system's name ("put arch on it"); any other single word is
 * asked about as a program ("There is no recipe named git"), which plans nothing: the safe side of
 * a misread. Longer objects ("my new os", "everything") are left to the disk readers.
 */
const ARTICLES = new Set(["the", "a", "an"]);
const NOT_A_PROGRAM = new Set([
  ...OS_WORDS,
  ...PRONOUNS,
  "everything",
  "all",
  "stuff",
  "levitateos",
  "new",
  "fresh",
  "clean",
  "me",
  "us",
]);

export function namesProgramOnto(w: readonly string[]): boolean {
  for (let i = 0; i < w.length; i++) {
    if (!INSTALL_VERBS.has(w[i]!)) continue;
    let j = i + 1;
    if (ARTICLES.has(w[j] ?? "")) j++;
    const object = w[j];
    const next = w[j + 1];
    if (!object || (next !== "on" && next !== "onto")) continue;
    if (NOT_A_PROGRAM.has(object) || SYSTEM_WORDS.has(object) || DISK_WORDS.has(object)) continue;
    if (!/^[a-z][a-z0-9+._-]*$/.test(object)) continue;
    return true;
  }
  return false;
}
