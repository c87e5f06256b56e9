import { HOSTNAME_PATTERN } from "../../tools/setHostname.js";
import type { Token } from "./text.js";
import { STOP } from "./tokens.js";
import { HOST_WORDS, MACHINE_WORDS, VOCABULARY } from "./vocab.js";

/**
 * A hostname said the way people name a machine, with spaces, an apostrophe or an underscore:
 * "hostname Johns Laptop" became "johns" without a word, "hostname Ed's PC" and "hostname My_PC"
 * got "What should the hostname be?" with nothing to take (tester 24 W15, W27). A hostname holds
 * only letters, digits and hyphens, so the name is offered written that way ("johns-laptop",
 * "eds-pc", "my-pc"): a question a "yes" takes, never a name cut short or changed in silence.
 */

/** Words before the name that only introduce it ("hostname is", "call the computer", "name it"). */
const LEAD = new Set([
  "hostname",
  "hostnames",
  "host",
  "name",
  "call",
  "rename",
  "named",
  "called",
  "it",
  "is",
  "to",
  "be",
  "as",
  "should",
  "will",
  "the",
  "my",
  "our",
  "this",
  "new",
  ":",
  "=",
]);

/** Words that end the name: the next request or setting ("hostname Johns Laptop and user bob"). */
const ENDS = new Set(
  "and with for please pls plz then but also plus or thanks thx ty lol lmao haha hehe xd ok okay too now instead maybe".split(
    " ",
  ),
);

export interface SpacedHostname {
  /** The name as typed ("Johns Laptop"). */
  readonly said: string;
  /** The name as a hostname may be written ("johns-laptop"). */
  readonly value: string;
}

/** The hostname the clause names in several words or with marks a hostname cannot hold, if any. */
export function spacedHostname(clause: readonly Token[], text: string): SpacedHostname | undefined {
  const start = clause.findIndex((t) => HOST_WORDS.has(t.norm) || /^(?:call|name|rename)$/.test(t.norm));
  if (start < 0) return undefined;
  let i = start + 1;
  while (
    i < clause.length &&
    (LEAD.has(clause[i]!.norm) ||
      (MACHINE_WORDS.has(clause[i]!.norm) && LEAD.has(clause[i - 1]!.norm) && i < clause.length - 1))
  )
    i++;
  // the words of the name: up to a mark or a word that starts the next request
  const parts: Token[] = [];
  for (; i < clause.length; i++) {
    const t = clause[i]!;
    if (t.kind !== "word" || ENDS.has(t.norm)) break;
    // "Ed's" is read as two words ("ed", "is") over the same letters: the typed word once
    const prev = parts.at(-1);
    if (prev && prev.raw === t.raw && t.start <= prev.end) continue;
    parts.push(t);
  }
  if (!parts.length) return undefined;
  // "call it mint-killer lol": a first word typed as a hostname already (a hyphen or a digit) is
  // the name, and what follows it is talk
  if (/[-0-9]/.test(parts[0]!.raw)) return undefined;
  const said = text.slice(parts[0]!.start, parts.at(-1)!.end).replace(/^["'`]|["'`]$/g, "");
  const marked = /['’_]/.test(said);
  if (parts.length < 2 && !marked) return undefined;
  // a name of plain words only: a program, a setting or a filler in it is another request
  if (
    parts
      .slice(1)
      .some((t) => (STOP.has(t.norm) || VOCABULARY.includes(t.norm)) && !MACHINE_WORDS.has(t.norm))
  )
    return undefined;
  if (parts.length > 4) return undefined;
  const value = said
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[\s_]+/g, "-");
  return new RegExp(HOSTNAME_PATTERN).test(value) ? { said, value } : undefined;
}
