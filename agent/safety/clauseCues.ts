import { besidesThatAt } from "../besidesThat.js";
import type { Token } from "../rules/text.js";
import { refusesEveryone, revokes } from "../rules/users.js";
import {
  ALONGSIDE,
  DESTROY_VERBS,
  DISCOURSE,
  KEEP_PHRASES,
  KEEP_VERBS,
  KNOWN_SYSTEMS,
  NEGATORS,
  OBJECT_START,
  PLAIN_ACCOUNT,
  SUDO_WORDS,
  SYSTEM_ALIASES,
} from "./lexicon.js";
import { negatedCommand } from "./negatedAnyVerb.js";
import type { ReadContext } from "./readContext.js";

/** The words of a clause of a keep (agent/safety/read.ts): which cue it holds, and where. */

export function words(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => t.kind !== "punct").map((t) => t.norm);
}

export function phraseAt(w: readonly string[], phrase: string): number {
  const p = phrase.split(" ");
  for (let i = 0; i + p.length <= w.length; i++) if (p.every((x, k) => w[i + k] === x)) return i;
  return -1;
}

/**
 * A negation governs the word: "not"/"never"/"without" up to three words before it ("do not
 * wipe", "don't you dare touch"), "no" only right before it ("no wiping"): "no wait, use the
 * nvme" negates nothing.
 */
export function negatedAt(w: readonly string[], i: number): boolean {
  if (w[i - 1] === "no") return !interjectedKeep(w, i);
  for (let k = Math.max(0, i - 3); k < i; k++) if (NEGATORS.has(w[k]!) && w[k] !== "no") return true;
  return false;
}

/**
 * The words at `i` name a thing (a disk, a program, a system), not a verb or a filler: "no
 * samsung", "no to the wd", "no sda", "without the seagate". "no wait", "no sudo", "no, the nvme"
 * name nothing here.
 */
export function namesThing(w: readonly string[], i: number, known: ReadonlySet<string>): boolean {
  let k = i;
  while (k < w.length && ["to", "the", "my", "that", "this"].includes(w[k]!)) k++;
  const x = w[k];
  if (!x) return false;
  return (
    known.has(x) ||
    KNOWN_SYSTEMS.has(x) ||
    SYSTEM_ALIASES[x] !== undefined ||
    /^(sd[a-z]|nvme\d*(n\d+)?|vd[a-z]|mmcblk\d+|\/dev\/\S+|\d+(gb|tb|g|t|gig|gigs)?|ssd|hdd|usb|seagate|samsung|crucial|wd|kingston|intel|sandisk|toshiba|hitachi|hgst|sabrent|sk|hynix|micron|adata|external|internal)$/.test(
      x,
    )
  );
}

/** Keep verbs in the imperative's base form. */
const KEEP_IMPERATIVES = new Set(["keep", "leave", "spare", "save", "protect", "preserve"]);
/** Words that open a correction before a bare "no". */
const INTERJECTIONS = new Set([
  "wait",
  "oh",
  "ah",
  "hmm",
  "hm",
  "um",
  "uh",
  "actually",
  "sorry",
  "hang",
  "hold",
  "on",
  "oops",
]);

/**
 * "wait no keep ubuntu", "no keep windows" (tester 24 D4: the erase of Ubuntu stayed planned): a
 * bare "no" that opens the clause, or follows a word of interruption, and stands right before a keep
 * verb's base form is the interjection "no!", not the keep's negation, which English says with
 * "don't". Read as a keep, a misread only protects (never destroys) what it names; read as a
 * negation, it left an erase the user was stopping.
 */
function interjectedKeep(w: readonly string[], i: number): boolean {
  if (!KEEP_IMPERATIVES.has(w[i]!)) return false;
  for (let k = i - 2; k >= 0; k--) if (!INTERJECTIONS.has(w[k]!)) return false;
  return true;
}

export type Cue = "keep" | "negated" | "exclude" | "alongside" | "nosudo";

/** What one clause's cues are, and the words that say them (no object is read here). */
export interface Cues {
  cues: Set<Cue>;
  /** Indexes of the cue's own words: never the name of what is kept. */
  cueAt: Set<number>;
  /** The destructive verb a negation governs ("don't wipe"): disks only, or programs too. */
  destroyVerb: string | undefined;
  /** The privilege is refused to everyone ("neither with sudo", "sudo for no one"). */
  everyone: boolean;
}

/**
 * The cues of a clause: keep verbs and phrases, a negated destructive verb, an exclusion, a
 * refused privilege, an install beside something, a refusal said after the thing it refuses.
 */
export function findCues(
  w: readonly string[],
  ctx: ReadContext,
  known: ReadonlySet<string>,
  raw: readonly string[] = w,
): Cues {
  const cueAt = new Set<number>();
  const cues = new Set<Cue>();
  let destroyVerb: string | undefined;
  let everyone = false;

  // "actually not ripgrep", "sorry, not the wd": the markers before "not" ask for nothing
  let lead = 0;
  while (lead < w.length - 1 && DISCOURSE.has(w[lead]!) && w[lead + 1] !== "wait") lead++;
  for (const p of KEEP_PHRASES) {
    const at = phraseAt(w, p);
    if (at >= 0 && !negatedAt(w, at)) {
      cues.add("keep");
      for (let k = at; k < at + p.split(" ").length; k++) cueAt.add(k);
    }
  }
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    if (KEEP_VERBS.has(x)) {
      // "leave out fd" drops, "keep it simple" keeps nothing, "stay" needs a subject before it
      if ((x === "stay" || x === "stays") && i === 0) continue;
      if (x === "safe" && !["keep", "stay", "stays", "is", "be"].includes(w[i - 1] ?? "")) continue;
      if (x === "alone" && !w.slice(0, i).some((y) => y === "leave" || y === "let")) continue;
      if (x.startsWith("keep") && ["simple", "going", "in", "on", "up"].includes(w[i + 1] ?? "")) continue;
      // "ben keeps it" (his sudo): a planned person who keeps something is no keep of mine
      if (
        x.startsWith("keep") &&
        ctx.pending.some((c) => c.tool === "createUser" && c.args.username === w[i - 1])
      )
        continue;
      if (negatedAt(w, i)) continue;
      cues.add("keep");
      cueAt.add(i);
    } else if (x === "be" && i === w.length - 1 && i >= 2 && w.slice(0, i - 1).includes("let")) {
      // "let sda be": the keep said with "let" ("leave sda be" is kept by "leave")
      cues.add("keep");
      cueAt.add(i);
    } else if (x === "leave" && !["out", "off"].includes(w[i + 1] ?? "")) {
      cues.add("keep");
      cueAt.add(i);
    } else if (DESTROY_VERBS.has(x) && negatedAt(w, i)) {
      cues.add("negated");
      cueAt.add(i);
      destroyVerb ??= x;
    } else if (negatedCommand(w, raw, i, known)) {
      // "never sell it", "don't auction the samsung": a negated command keeps its object
      cues.add("keep");
      cueAt.add(i);
      cueAt.add(i - 1);
    } else if (
      // "no samsung", "no to the wd", "install without the samsung": a refusal of what it names
      ((x === "no" || x === "without") && i + 1 < w.length && namesThing(w, i + 1, known)) ||
      x === "except" ||
      x === "excluding" ||
      ((x === "but" || x === "except") && ["anything", "everything", "all"].includes(w[i - 1] ?? "")) ||
      (x === "other" &&
        w[i + 1] === "than" &&
        !besidesThatAt(w, i) &&
        !(i === lead && besidesThatAt(w.slice(i), 0))) ||
      (x === "not" && i === lead && w.length > i + 1 && (OBJECT_START.has(w[i + 1]!) || known.has(w[i + 1]!)))
    ) {
      cues.add("exclude");
      cueAt.add(i);
    }
    if (SUDO_WORDS.has(x) || (x === "root" && ["access", "rights", "privileges"].includes(w[i + 1] ?? ""))) {
      const neg =
        negatedAt(w, i) ||
        (i > 0 && w.slice(Math.max(0, i - 4), i).some((y) => NEGATORS.has(y))) ||
        revokes(w, i);
      // "neither with sudo", "sudo for no one", "admin for none of them": refused to everyone
      if (refusesEveryone(w)) everyone = true;
      if (neg || everyone) {
        cues.add("nosudo");
        cueAt.add(i);
      }
    }
    if (PLAIN_ACCOUNT.has(x) && ["account", "user", "accounts", "users"].includes(w[i + 1] ?? "")) {
      cues.add("nosudo");
      cueAt.add(i);
    }
    if (/^non-?admin$/.test(x) || (x === "non" && w[i + 1] === "admin")) {
      cues.add("nosudo");
      cueAt.add(i);
    }
  }
  for (const p of ALONGSIDE) {
    const at = phraseAt(w, p);
    if (at >= 0) {
      cues.add("alongside");
      for (let k = at; k < at + p.split(" ").length; k++) cueAt.add(k);
    }
  }
  for (let i = 0; i < w.length; i++) if (NEGATORS.has(w[i]!)) cueAt.add(i);

  // "samsung no", "jq - no way", "helix nope": a refusal after the thing it refuses
  const tail = w.filter((x) => x !== "thanks" && x !== "please" && x !== "pls");
  const lastNo =
    tail.at(-1) === "way" && tail.at(-2) === "no"
      ? tail.length - 2
      : tail.at(-1) === "no" || tail.at(-1) === "nope" || tail.at(-1) === "never"
        ? tail.length - 1
        : -1;
  if (lastNo > 0 && !cues.size && namesThing(tail, 0, known)) {
    cues.add("exclude");
    cueAt.add(w.indexOf(tail[lastNo]!, lastNo));
  }
  return { cues, cueAt, destroyVerb, everyone };
}
