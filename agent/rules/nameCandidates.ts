import type { Facts } from "../../facts/schema.js";
import { refusingWordOf } from "../safety/sudoRefusalWords.js";
import { SHELLS } from "./accountSettings.js";
import { type Ctx, lastEntity } from "./context.js";
import { functionWord } from "./functionWords.js";
import { NUMBER_WORDS, type Token } from "./text.js";
import { STOP } from "./tokens.js";
import { NO_ONE_WORDS } from "./userNames.js";
import {
  DISK_WORDS,
  FILESYSTEMS,
  NEGATIONS,
  OTHER_FILESYSTEMS,
  SUDO_WORDS,
  USER_WORDS,
  VOCABULARY,
} from "./vocab.js";

/**
 * Which single word may be a user's name in the rules backend, and which users the conversation
 * already knows. Where in the sentence a name may stand is agent/rules/userNames.ts.
 */

/** Words for people that are names too, when they stand where a name goes ("user mom"). */
export const FAMILY = new Set([
  "mom",
  "mum",
  "dad",
  "kid",
  "kids",
  "son",
  "daughter",
  "wife",
  "husband",
  "partner",
  "guest",
]);

/** What kind of account, never its name: "a normal account". */
export const PLAIN = new Set([
  "normal",
  "regular",
  "standard",
  "plain",
  "basic",
  "limited",
  "unprivileged",
  "ordinary",
]);

/**
 * Words that stand where a name could but say how, not who: "user tim, absolutely with sudo",
 * "the usual with sudo", "let mike run admin stuff", "sudo changes are fine". Unanchored, they are
 * never usernames (after "user"/"called" they still may be: "user run" is the user's own word).
 */
const NOT_NAMES = new Set([
  "course",
  "usual",
  "sure",
  "fine",
  "ok",
  "okay",
  "yes",
  "yeah",
  "yep",
  "changes",
  "change",
  "needs",
  "need",
  "wants",
  "want",
  "gets",
  "get",
  "has",
  "have",
  "run",
  "runs",
  "use",
  "uses",
  "stuff",
  "things",
  "thing",
  "rights",
  "access",
  "privileges",
  "permissions",
  "power",
  "powers",
  "tasks",
  "work",
  "updates",
  "able",
  "allowed",
  "please",
  "pls",
  "maybe",
  "perhaps",
  "surely",
  "indeed",
  "naturally",
  "again",
  "though",
  "either",
  "stays",
  "remains",
  "only",
  "even",
  "still",
  "then",
  "now",
  "later",
  "rest",
  "same",
  "person",
  "people",
  "everyone",
  "everybody",
  "nobody",
  "someone",
  "somebody",
  "anyone",
  "admin",
  "sudo",
  // quantifiers: "admin rights for none of them", "sudo for noone", "both admins"
  "none",
  "noone",
  "neither",
  "both",
  "all",
  "each",
  "any",
  "anybody",
  // hedges: "kinda admin", "sorta sudo", "admin i guess"
  "kinda",
  "sorta",
  "kind",
  "sort",
  "somewhat",
  "partly",
  "partially",
  "slightly",
  "bit",
  "guess",
  "suppose",
  "probably",
  "possibly",
  // "nobody else gets sudo"
  "else",
  // the talk around a request, never a person: "emma, not an administrator I'm afraid", "'tis well,
  // proceed", "retain sudo for nobody" (tester 15 W4)
  "afraid",
  "proceed",
  "retain",
]);

/**
 * An adverb by its shape ("absolutely", "definitely", "obviously", "ideally", "probably"): the
 * endings of adverbs made from adjectives, six letters or more so that names like emily, kelly,
 * beverly or shelly never match; and "-wise" ("contrariwise", "otherwise", "clockwise": dev
 * h17k-100, "contrariwise" got sudo).
 */
const ADVERB = /^[a-z]{3,}(?:(?:al|[eiu]|b|ous|t|ful|n|s|d|p)ly|wise)$/;

/** The word, its first letter typed once, is a word no one is called. */
function stuttered(n: string): boolean {
  return NOT_NAMES.has(n) || NO_ONE_WORDS.has(n) || refusingWordOf(n) || functionWord(n);
}

/** Not a name where no "user"/"called" anchors it: an adverb, a filler, a verb of the sudo talk. */
export function notAName(n: string): boolean {
  return (
    NOT_NAMES.has(n) ||
    NO_ONE_WORDS.has(n) ||
    // "o sudo olsun", "com o sudo", "y sudo": a lone letter is an article, a conjunction or a pronoun
    // of some language, never a person, unless an account word puts it where a name goes ("user q")
    /^[a-z]$/.test(n) ||
    (n.length >= 6 && ADVERB.test(n)) ||
    // "user lee, withhold sudo", "user kai, veto the admin": the refusal's own verb is no second user
    refusingWordOf(n) ||
    // "nno sudo for eeither": a key bounced on a word no one is called (dev h21m-111)
    (n.length >= 3 && /^([a-z])\1/.test(n) && stuttered(n.slice(1)))
  );
}

/** The users this conversation knows: on the system, in the plan, or named before. */
export function knownUsers(ctx: Ctx): Set<string> {
  const out = new Set<string>(ctx.facts.users.filter((u) => u !== "root"));
  for (const c of ctx.conv.pending) if (c.tool === "createUser") out.add(c.args.username);
  const last = lastEntity(ctx.conv, "user");
  if (last) out.add(last);
  return out;
}

/**
 * The user a word names when the word itself is no name: "mike" corrected toward a keyword
 * ("like") while mike is in the plan; "lenas account" (a possessive typed without its
 * apostrophe) about lena.
 */
export function knownUserAt(t: Token | undefined, ctx: Ctx): string | undefined {
  if (t?.kind !== "word") return undefined;
  const known = knownUsers(ctx);
  const raw = t.raw.toLowerCase().replace(/['’]s$/, "");
  if (known.has(t.norm)) return t.norm;
  if (known.has(raw)) return raw;
  for (const x of [t.norm, raw]) if (x.endsWith("s") && known.has(x.slice(0, -1))) return x.slice(0, -1);
  return undefined;
}

export function usernameCandidate(t: Token | undefined, facts: Facts): string | undefined {
  if (t?.kind !== "word") return undefined;
  const n = t.norm;
  if (
    PLAIN.has(n) ||
    STOP.has(n) ||
    USER_WORDS.has(n) ||
    SUDO_WORDS.has(n) ||
    SHELLS.has(n) ||
    NEGATIONS.has(n) ||
    NUMBER_WORDS.has(n)
  )
    return undefined;
  if (VOCABULARY.includes(n) && !facts.users.includes(n)) return undefined;
  // "kingston, xfs, user mike": a filesystem or a disk word is what the install is made of, never
  // a person, however short (VOCABULARY holds only words of four letters or more, for typos)
  if ((FILESYSTEMS.has(n) || OTHER_FILESYSTEMS.has(n) || DISK_WORDS.has(n)) && !facts.users.includes(n))
    return undefined;
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(n)) return undefined;
  return n;
}
