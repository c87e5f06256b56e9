import type { Facts } from "../../facts/schema.js";
import { resolveDisk } from "./disks.js";
import { escapeRegex, tokenize } from "./text.js";

/**
 * Keeps said with a phrasal verb the readers do not know ("hold on to git", "hang onto sda",
 * "cling to windows", "keep hold of fd", "I won't part with git"): attacker 9 H4. Unread, the name
 * after them took the removal verb of the clause before ("remove fd, hold on to git" removed git).
 * They are restated as "keep", the word every reader knows. "stick with/to" and a bare "hold" also
 * choose things ("stick with ext4"), so they keep only a program that is installed.
 *
 * A bare "hold", "conserve" or "reserve" before words that name a disk of this machine keeps that
 * disk too ("install on samsung, hold the nvme and the photos disk": tester 14 D2, the nvme was
 * then offered for erasing). Only a disk: "hold on", "hold up", "hold off", "hold it", "hold
 * everything" are a pause and name none. "reserve the nvme for linux" chooses it, so an object
 * followed by "for"/"as"/"to" stays as typed.
 */

const PHRASAL =
  /\b(?:hold(?:ing)?\s+on(?:\s+to|to)|hang(?:ing)?\s+on(?:\s+to|to)|keep(?:ing)?\s+(?:a\s+)?hold\s+of|cling(?:ing)?\s+(?:on\s*)?to|hold(?:ing)?\s+fast\s+to|(?:(?:do\s+)?not|never|won'?t|wont|don'?t|dont|will\s+not|can'?t|cannot)\s+part\s+with|hold\s+tight\s+(?:to|onto))\b/gi;

/** The bare verbs, and what the object runs to: the end of its clause or the next verb phrase. */
const BARE_KEEP = /\b(?:hold|holding|conserve|reserve)\s+(?!(?:on|up|off|it|tight|fast|still|back)\b)/gi;
const OBJECT_END = /[,;.!?]|\s(?:but|then|so|and (?:install|use|put|erase|wipe|format)|over)\b/i;
const CHOOSES = /\b(?:for|as|to|into|with)\b/i;

function sayHeldDisks(text: string, facts: Facts): string {
  if (!facts.disks.length) return text;
  const none = { mentioned: [], offered: [] };
  return text.replace(BARE_KEEP, (verb, at: number) => {
    const rest = text.slice(at + verb.length);
    const end = rest.search(OBJECT_END);
    const object = end < 0 ? rest : rest.slice(0, end);
    if (CHOOSES.test(object)) return verb;
    const r = resolveDisk(tokenize(object), facts.disks, none);
    return r.kind === "one" || r.kind === "many" ? "keep " : verb;
  });
}

export function sayPhrasalKeeps(text: string, facts: Facts): string {
  let out = sayHeldDisks(text.replace(PHRASAL, "keep"), facts);
  const installed = facts.installed.filter((p) => p.length > 1);
  if (!installed.length) return out;
  const have = `(?:${installed.map(escapeRegex).join("|")})`;
  // "remove fd, stick with git", "hold git": only an installed program is kept this way
  out = out.replace(
    new RegExp(`\\b(?:stick(?:ing)?\\s+(?:with|to)|hold)\\s+((?:(?:the|my)\\s+)?${have})(?![a-z0-9-])`, "gi"),
    (_m, name: string) => `keep ${name}`,
  );
  return out;
}
