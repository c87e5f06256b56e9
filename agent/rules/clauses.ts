/**
 * The one clause splitter. Every reader that asks "what does this part of the sentence say"
 * (the protections in agent/safety/read.ts, partition and recipe references, the evidence gates,
 * sudo taken away) splits here, so a boundary found or missed is found or missed the same way for
 * all of them.
 *
 * Boundaries:
 * - sentence marks (. ; ! ?, a dot only before a space or the end: "v3.4", "m.2" are words) and
 *   command-line flags ("--user ops --user deploy": each flag starts a sentence of its own);
 * - commas, colons and the other marks of the tokenizer (not parentheses);
 * - but / then / so / because / also / since / though (not "anything but", "all but");
 * - "and", "&", "plus": everywhere (`and: "always"`), or only before a request or a keep
 *   (`and: "beforeRequest"`: "keep sda and install on nvme0n1" is two clauses, "remove htop and
 *   tmux" one);
 * - the word after a keep said to its end ("leave sda alone install on the nvme"), and a request
 *   run on after words that keep (`runOn`: "leav the samsung alon install on nvme0n1").
 */

/** What the splitter needs of a token: its kind and its normalized text. */
export interface Unit {
  readonly kind: string;
  readonly norm: string;
}

export interface Split<T extends Unit> {
  units: T[];
  /** The word or mark it was split at ("and", ",", "but"); "" for the first. */
  sep: string;
}

export interface SplitRules {
  and: "always" | "beforeRequest";
  /** Words so far that keep something: a request verb after them starts a clause. */
  runOn?: (words: readonly string[]) => boolean;
}

const CONJUNCTIONS = new Set(["then", "so", "because", "cause", "cuz", "since", "though", "tho", "also"]);
const AND = new Set(["and", "&", "plus"]);
/** A verb that starts a new request inside a sentence: "keep sda and install on nvme0n1". */
export const REQUEST_VERB =
  /^(?:install|use|put|erase|wipe|format|add|create|make|set|give|go|choose|pick|take|switch|move|remove|drop|uninstall|delete|purge)$/;
/** A keep that starts its own clause after "and": "put it on the samsung and leave the fedora disk be". */
const CLAUSE_START =
  /^(?:leave|keep|dont|never|do|please|pls|spare|protect|avoid|preserve|i|its|it's|that|thats)$/;
const NEGATOR = /^(?:dont|don't|not|never|no|nor|neither|shouldnt|mustnt|wont|cant)$/;

/** The system being installed, as the subject of its own clause: "linux", "the new one", "it". */
const NEW_SYSTEM = /^(?:linux|levitate|levitateos|it|this|install|installation|system|os)$/;
/** Verbs that place the subject somewhere: "linux goes on the samsung", "levitate lands on sdb". */
const PLACED =
  /^(?:goes|go|gets|lands|land|sits|sit|lives|live|moves|move|installs|comes|heads|belongs|should|will|can|must|shall|needs)$/;
/**
 * "windows stays on the little drive and linux goes on the samsung": after "and", the system being
 * installed with a verb that places it is a clause of its own (dev-alongside21 h23a-003: read as
 * one clause, the keep of Windows also kept the Samsung named as the target). Safety: the split
 * only takes the target's clause out of the keep before it; a keep said in that clause ("linux
 * goes beside it, sda untouched") is still read there by every reader.
 */
export function opensNewSubject(words: readonly string[], i: number): boolean {
  let k = i;
  if (/^(?:the|my|a)$/.test(words[k] ?? "")) k++;
  if (/^(?:new|fresh)$/.test(words[k] ?? "")) k++;
  const subject = words[k] ?? "";
  const verb = words[k + 1] ?? "";
  if (!NEW_SYSTEM.test(subject) && !(k > i && /^(?:one|linux|levitate)$/.test(subject))) return false;
  // "can go" / "must go" alone lets go of what was named ("and windows can go"): a place must follow
  if (/^(?:should|will|can|must|shall|needs)$/.test(verb))
    return (
      /^(?:go|be|live|sit|land|get)$/.test(words[k + 2] ?? "") &&
      /^(?:on|in|into|onto|to|there|beside|next|alongside)$/.test(words[k + 3] ?? "")
    );
  return PLACED.test(verb);
}

function newSubjectClause<T extends Unit>(units: readonly T[], i: number): boolean {
  return opensNewSubject(
    units.slice(i, i + 6).map((u) => u.norm),
    0,
  );
}

/** "leave sda alone", "let the samsung be", "sda untouched": the keep said to its end. */
function endsKeep(words: readonly string[]): boolean {
  const last = words.at(-1);
  if (!last || words.length < 2) return false;
  if (last === "alone" || last === "be") return words.slice(0, -1).some((w) => w === "leave" || w === "let");
  return last === "untouched" || last === "intact";
}

/** A disk said by its kernel name or path: "sdb", "nvme0n1", "/dev/sdb", "vdb", "mmcblk0". */
const DISK_NAME = /^(?:\/dev\/)?(?:sd[a-z]{1,2}|hd[a-z]|vd[a-z]{1,2}|xvd[a-z]{1,2}|nvme\d+n\d+|mmcblk\d+)$/;
/** Words a list of disk names may hold beside the names: "keep sda, also /dev/sdb", "sda, and sdb". */
const LIST_GLUE = /^(?:also|and|the|my|plus|too|as|well)$/;

/**
 * The words from `i` to the next mark are nothing but more disk names for the list a keep began:
 * "keep sda, sdb, nvme0n1", "don't touch sda, sdb", "keep sdb, also nvme0n1" (attacker 12 #1: split
 * there, only the first disk was kept and the next was taken as the target). Only kernel names and
 * paths continue the list: "keep the samsung, nvme please" is a keep and a request.
 */
function listGoesOn<T extends Unit>(units: readonly T[], i: number): boolean {
  const words: string[] = [];
  for (let k = i + 1; k < units.length && units[k]!.kind !== "punct"; k++) words.push(units[k]!.norm);
  return words.some((x) => DISK_NAME.test(x)) && words.every((x) => DISK_NAME.test(x) || LIST_GLUE.test(x));
}

/**
 * The clause before the mark keeps with a verb ("keep sda", "don't touch sda", "hands off sda"),
 * not a bare "not sda": "actually not sda, sdb" is a correction to sdb, never a list of two.
 */
function keepsByVerb(w: readonly string[]): boolean {
  return w.some((x) => !DISK_NAME.test(x) && !BARE_WORDS.test(x));
}
const BARE_WORDS =
  /^(?:actually|no|not|nope|nah|never|sorry|wait|oh|ok|okay|so|the|my|i|mean|meant|make|it|rather|instead)$/;

/** Splits a token list into clauses by the boundaries above. */
export function splitClauses<T extends Unit>(units: readonly T[], rules: SplitRules): Split<T>[] {
  const out: Split<T>[] = [{ units: [], sep: "" }];
  for (let i = 0; i < units.length; i++) {
    const t = units[i]!;
    const cur = out.at(-1)!;
    const w = cur.units.filter((u) => u.kind !== "punct").map((u) => u.norm);
    const prev = units[i - 1]?.norm;
    const next = units[i + 1]?.norm ?? "";
    // a keep's list of names goes on past a comma or an "also" (runOn: the safety readers only)
    const listed =
      (t.norm === "," || t.norm === "also") &&
      rules.runOn !== undefined &&
      rules.runOn(w) &&
      keepsByVerb(w) &&
      listGoesOn(units, i);
    const split =
      !listed &&
      ((t.kind === "punct" && t.norm !== "(" && t.norm !== ")" && t.norm !== "/") ||
        (t.kind === "flag" && i > 0) ||
        (CONJUNCTIONS.has(t.norm) && t.kind === "word" && i > 0) ||
        (t.norm === "but" &&
          !["anything", "all", "everything", "anywhere", "wherever"].includes(prev ?? "") &&
          // "any filesystem but ext4", "whatever disk but the samsung": "any <noun> but" is an exception
          !["any", "whatever", "whichever", "every"].includes(units[i - 2]?.norm ?? "") &&
          i > 0) ||
        (AND.has(t.norm) &&
          i > 0 &&
          (rules.and === "always" ||
            REQUEST_VERB.test(next) ||
            CLAUSE_START.test(next) ||
            newSubjectClause(units, i + 1))) ||
        (t.kind !== "punct" && endsKeep(cur.units.map((u) => u.norm))) ||
        (rules.runOn !== undefined &&
          w.length > 1 &&
          REQUEST_VERB.test(t.norm) &&
          !/^(?:to|or|and|nor)$/.test(prev ?? "") &&
          !w.slice(-3).some((b) => NEGATOR.test(b)) &&
          rules.runOn(w)));
    if (split) {
      if (cur.units.length) out.push({ units: [], sep: t.norm });
      // a run-on request or a flag starts the clause it opens
      if (
        t.kind === "flag" ||
        (t.kind === "word" && (REQUEST_VERB.test(t.norm) || endsKeep(cur.units.map((u) => u.norm))))
      )
        if (!AND.has(t.norm) && !CONJUNCTIONS.has(t.norm) && t.norm !== "but") out.at(-1)!.units.push(t);
      continue;
    }
    cur.units.push(t);
  }
  return out.filter((c) => c.units.length > 0);
}

/** A clause of a text as the safety readers see it: its words, lowercased, negations made one. */
export interface Clause {
  /** The clause's words joined: what a protection quotes. */
  said: string;
  w: string[];
  /** Its sentence asks ("?"). */
  question: boolean;
  /** Its sentence holds a condition ("if sdb is empty use it", "use it unless it has data"). */
  conditional: boolean;
  /**
   * Its sentence's only conditions are courtesies ("if possible", "if you can", "if that's ok"):
   * conditions on my being able to do it, which the plan answers, not on a fact of the machine.
   */
  courtesy: boolean;
  /** The clause hedges ("i guess the nvme", "maybe the samsung", "probably sda"). */
  hedged: boolean;
  /** Index of its sentence in the text. */
  sentence: number;
  sep: string;
}

interface Word extends Unit {
  kind: "word" | "punct" | "flag";
  norm: string;
}

/** Words the way the safety readers compare them: "don't"/"do not" → "dont", hyphens kept and split. */
function lex(sentence: string): Word[] {
  const text = sentence
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\bdo not\b/g, "dont")
    .replace(/\bdon't\b/g, "dont")
    .replace(/\bnever ever\b/g, "never");
  const out: Word[] = [];
  for (const m of text.matchAll(/(?:^|\s)--?([a-z][a-z0-9-]*)|[,:&()]|[a-z0-9/'_.-]+/g)) {
    if (m[1] !== undefined) {
      out.push({ kind: "flag", norm: m[1] });
      continue;
    }
    // "user 'dana' with sudo": a quoted word is the word (the quotes mark a name, not part of it)
    const x = m[0].replace(/^'+|['.]+$/g, "");
    if (!x) continue;
    if (/^[,:&()]$/.test(x)) {
      out.push(x === "&" ? { kind: "word", norm: "and" } : { kind: "punct", norm: x });
      continue;
    }
    const parts = x.includes("-") && !x.startsWith("/") ? [x, ...x.split("-")] : [x];
    for (const p of parts) if (p && p !== "'") out.push({ kind: "word", norm: p });
  }
  return out;
}

const POLITE_REQUEST =
  /^(?:(?:so|ok|okay|and|hey|pls|please)[\s,]+)*(?:(?:can|could|would|will)\s+(?:you|u|ya)|(?:can|could|may)\s+i\s+(?:have|get))\b/;
const CONDITION = /\b(?:if|unless|assuming|provided|in case|as long as|only when)\b/;
/** A condition that is only a courtesy: on my being able, or on the person's not minding. */
const COURTESY =
  /\b(?:if|as long as)\s+(?:(?:at\s+all\s+|that'?s\s+|that\s+is\s+|it'?s\s+|it\s+is\s+)?(?:possible|ok|okay|alright|all\s+right|fine|doable)|(?:you|u)\s+(?:can|could|would|please|dont\s+mind|don'?t\s+mind|do\s+not\s+mind))\b/g;
const HEDGE = /\b(?:i guess|guess|maybe|probably|perhaps|i think|i suppose|not sure|dunno|might|possibly)\b/;

/** The text's clauses (and: "beforeRequest"): the pieces every safety reader reads. */
export function clauses(text: string, runOn?: (words: readonly string[]) => boolean): Clause[] {
  const out: Clause[] = [];
  let sentence = 0;
  for (const m of text.matchAll(/(?:[^.;!?]|\.(?=\S))+[.;!?]*/g)) {
    const raw = m[0];
    if (!raw.trim()) continue;
    // "--user ops:sudo --user deploy": each flag is a sentence of its own
    const flagged = raw.split(/(?=(?:^|\s)--[a-z])/);
    for (const piece of flagged) {
      // "would you remove jq?", "can i have dust?": a request said politely, not a question
      const marked = piece.includes("?") || (flagged.length === 1 && raw.includes("?"));
      const question = marked && !POLITE_REQUEST.test(piece.trim().toLowerCase());
      const conditional = CONDITION.test(piece.toLowerCase());
      const courtesy = conditional && !CONDITION.test(piece.toLowerCase().replace(COURTESY, " "));
      for (const part of splitClauses(lex(piece), { and: "beforeRequest", runOn })) {
        const w = part.units.filter((u) => u.kind !== "punct").map((u) => u.norm);
        if (!w.length) continue;
        const said = w.join(" ");
        out.push({
          said,
          w,
          question,
          conditional,
          courtesy,
          hedged: HEDGE.test(said),
          sentence,
          sep: part.sep,
        });
      }
      sentence++;
    }
  }
  return out;
}
