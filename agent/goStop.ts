/**
 * The go/stop reading of a turn that answers a pending plan in a register's own words: "Cleared for
 * takeoff.", "Weigh anchor.", "The court is adjourned. Execute the judgment.", "Red signal. Stand
 * down, nothing moves.", "Pray do not proceed.". Read only when the turn names nothing new (no
 * program, person, disk, place, number or edit word: those are requests for the readers after
 * this) and asks nothing; the words are in agent/goStopLexicon.ts.
 *
 * A confirm runs the plan, so the reading is lopsided: a stop, wait, later or negation word anywhere
 * wins over any go word ("Stand down, I'll do it tomorrow" is never a go, "execute nothing" and
 * "don't go ahead" are a no), and a turn with neither a go nor a stop word, or with a word this
 * reading does not know where a go verb's object should be ("launch firefox"), is left unread:
 * the caller asks "Go ahead with the plan?" as before.
 *
 * The caller (agent/turn.ts) routes the answer exactly as a bare "yes" or "no": an open offer takes
 * it (CONTRACTS §2), a question of mine stays open, only then is the plan confirmed or cancelled.
 */
import type { Facts } from "../facts/schema.js";
import { GO_PHRASES, GO_VERBS, HOLD_WORDS, NEGATIONS, STOP_PHRASES } from "./goStopLexicon.js";
import { FILLER_MORE } from "./noWords.js";
import { leavesAlone } from "./planAnswerWords.js";
import { CITIES, COUNTRIES, LANGUAGES } from "./rules/locales.js";
import { nearRecipe } from "./rules/recipes.js";
import type { ConversationView } from "./types.js";
import { FILLER, folded, type YesNoOptions, yesNo } from "./yesno.js";
import { NO_PARTICLES_MORE } from "./yesnoScriptsMore.js";

/** What a go verb may act on: the plan itself, said plainly or in a register's noun for it. */
export const PLAN_NOUNS: ReadonlySet<string> = new Set(
  `plan plans it this that them these those everything all lot rest thing things whole entire
  changes steps step list installation install setup job jobs operation op ops mission order orders
  judgment judgement verdict ruling sentence motion petition request forecast slip withdrawal deposit
  transaction payment exhibition exhibit show display public launch takeoff flight departure script
  scene take track dish course meal batch build release deployment project procedure process
  treatment prescription dose medication harvest crop pattern piece work works shipment delivery
  voyage journey trip route play game match round tour paperwork form forms application case deal
  contract proposal ticket patch cargo load payload sails sail anchor lines engines engine oven
  stage curtain lights record ledger books entry entries transfer bill invoice`.split(/\s+/),
);

/**
 * Words that carry no request beside a go or a stop: articles, pronouns, particles, politeness,
 * a chat's laugh and thanks ("ok go lol", "ye go ahead thx").
 */
const FUNCTION_WORDS = new Set(
  `the a an my our your his her their its it's to for of with on in into up out off away through
  ahead along now then already right be is are am was we us me you let let's lets so as at once
  straight planned written ready go time do does please kindly pray hereby herewith thus therefore
  upon immediately quickly asap forthwith full speed sir maam madam captain chef your honor honour
  officer doctor nurse everyone everybody folks team crew people ladies gentlemen sire lord ok okay
  yes yeah yep sure fine good great right alright well oh ah right then
  lol lmao haha hehe xd thx ty tysm pls plz kk k ig tbh fr
  may might could shall`.split(/\s+/),
);

/**
 * Words that ask for a change or name something a tool acts on: a turn holding one is a request
 * (or an edit, a keep, a condition) for the readers after this one.
 */
const REQUEST_WORDS = new Set(
  `user users account accounts password passwords sudo admin administrator root wheel group groups
  hostname host name named names call called locale language keyboard keymap layout timezone zone
  encrypt encrypted encryption luks btrfs ext4 xfs f2fs swap home add adding remove removing
  uninstall delete deleting drop dropping use using put set change switch create give also plus too
  replace replacing skip skipping another extra more less size bigger smaller larger dual boot
  erase erasing wipe wiping format formatting partition partitions disk disks drive drives ssd hdd
  nvme usb stick keep keeping kept leave leaving spare save protect preserve stay stays staying
  except but only just instead rather minus unless backup backups photos pictures files data
  important precious over again afresh scratch recipe package packages program programs app apps
  tool tools version other others small smallest big biggest large largest tiny huge half
  terabyte terabytes tera gigabyte gigabytes giga internal external fast faster slow slower old
  older new newer windows linux mac macos ubuntu fedora debian arch mint alongside beside free
  space gb tb gib tib mb which what who where why how whose`.split(/\s+/),
);

/** Future and wishing: "I'll do it tomorrow" says what someone will do, never "go now". */
const STATEMENT = /\b(?:i'll|ill|we'll|i will|we will|i shall|we shall|gonna|going to|i'd|we'd)\b/;

/** Letters of any script but Latin (and the marks of none): words this reader cannot weigh. */
const OTHER_SCRIPT = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

/** A plain no, which may answer a question or lead a correction ("no, the other one"), not a stop word. */
const NO_PARTICLE = `no+|nope|nah|nay|ne|nein|non|nee|nej|nei|nie|niet|nao|${NO_PARTICLES_MORE.map(folded).join("|")}`;
const PLAIN_NO = new RegExp(
  `^(?:(?:hmm+|oh|uh|um|well|so|ok|okay|ah|eh)\\s)*(?:${NO_PARTICLE})(?:\\s(?:${NO_PARTICLE}))*$`,
  "u",
);

/** A log's time stamp opening the turn ("1420:", "0636.", "22:15 -"): the turn's words follow it. */
const TIME_STAMP = /^\s*\d{1,2}[:.h]?\d{2}\s*(?:hrs?|hours|z|utc|zulu)?\s*[:.\-–—,]\s*/i;

/** A speaker's tag and a stage direction, as a script writes them: "USER:", "(Lights down.)". */
const SPEAKER = /(?:^|\n|\)\s*)[A-Z][A-Z]{1,20}:\s/g;

function phraseSet(list: readonly string[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const p of list) {
    const n = p.split(" ").length;
    if (!out.has(n)) out.set(n, new Set());
    out.get(n)!.add(p);
  }
  return out;
}

const GO = phraseSet(GO_PHRASES);
const STOP = phraseSet(STOP_PHRASES);
const HOLD = phraseSet(HOLD_WORDS);
const NEG = phraseSet(NEGATIONS);
const VERBS = new Set(GO_VERBS);
const FILLERS = new Set([...FILLER, ...FILLER_MORE]);

/** "executing", "execution", "approval", "launched", "proceeds": the go verb under its ending. */
export function goVerb(word: string): string | undefined {
  if (VERBS.has(word)) return word;
  const tries: string[] = [];
  for (const [end, add] of [
    ["ing", ""],
    ["ing", "e"],
    ["ed", ""],
    ["ed", "e"],
    ["d", ""],
    ["es", ""],
    ["s", ""],
    ["ation", ""],
    ["ation", "e"],
    ["ion", "e"],
    ["ion", ""],
    ["al", "e"],
    ["ment", ""],
    ["ance", ""],
    ["ence", ""],
  ] as const)
    if (word.endsWith(end) && word.length - end.length >= 3) tries.push(word.slice(0, -end.length) + add);
  // doubled consonants: "running", "shipped", "planned"
  for (const t of [...tries]) if (/(.)\1$/.test(t)) tries.push(t.slice(0, -1));
  return tries.find((t) => VERBS.has(t));
}

export type Kind = "go" | "stop" | "hold" | "neg" | "verb" | "plan" | "filler" | "other";

/** The longest phrase of a table starting at word i, as its length; 0 when none. */
function matchAt(table: Map<number, Set<string>>, words: readonly string[], i: number): number {
  for (let n = Math.min(6, words.length - i); n >= 1; n--)
    if (table.get(n)?.has(words.slice(i, i + n).join(" "))) return n;
  return 0;
}

/** The words of one piece, each with what it says (phrases take all their words). */
function classify(words: readonly string[]): Kind[] {
  const kinds: Kind[] = [];
  let i = 0;
  while (i < words.length) {
    // longest phrase first; at equal length a stop or hold beats a go ("hold short" over "hold")
    const hits: [Kind, number][] = [
      ["stop", matchAt(STOP, words, i)],
      ["hold", matchAt(HOLD, words, i)],
      ["neg", matchAt(NEG, words, i)],
      ["go", matchAt(GO, words, i)],
    ];
    const best = hits.reduce((a, b) => (b[1] > a[1] ? b : a));
    if (best[1] > 0) {
      for (let k = 0; k < best[1]; k++) kinds.push(best[0]);
      i += best[1];
      continue;
    }
    const w = words[i]!;
    kinds.push(
      goVerb(w)
        ? "verb"
        : // "Issue the tickets.", "Run the jobs.": a plan noun in the plural is the plan's
          PLAN_NOUNS.has(w) || (w.length > 4 && w.endsWith("s") && PLAN_NOUNS.has(w.slice(0, -1)))
          ? "plan"
          : FUNCTION_WORDS.has(w) || FILLERS.has(w)
            ? "filler"
            : "other",
    );
    i++;
  }
  return kinds;
}

/** Every word a name of this machine's things, the plan's steps or a place could be. */
export function namedThings(conv: ConversationView, facts: Facts): Set<string> {
  const out = new Set<string>();
  const add = (s: string | null | undefined) => {
    for (const w of (s ?? "").toLowerCase().split(/[^a-z0-9_.+-]+/)) if (w.length >= 2) out.add(w);
  };
  for (const n of [...facts.recipes, ...facts.installed, ...facts.users]) add(n);
  for (const d of facts.disks) {
    add(d.path.replace(/^\/dev\//, ""));
    add(d.model);
    for (const p of d.partitions ?? []) {
      add(p.label);
      add(p.os);
    }
  }
  for (const c of [...conv.pending, ...(conv.offer?.calls ?? [])]) {
    const a = c.args as Record<string, unknown>;
    for (const k of ["name", "username", "hostname"]) if (typeof a[k] === "string") add(a[k] as string);
  }
  return out;
}

/** A word that names something: a thing of this machine or plan, a place, a language, an edit. */
export function names(word: string, kind: Kind, things: Set<string>, recipes: readonly string[]): boolean {
  return (
    things.has(word) ||
    REQUEST_WORDS.has(word) ||
    Object.hasOwn(LANGUAGES, word) ||
    Object.hasOwn(COUNTRIES, word) ||
    Object.hasOwn(CITIES, word) ||
    // "ripgrp": a typo of a program is a request for it
    (kind === "other" && nearRecipe(word, recipes) !== undefined)
  );
}

/** The turn's pieces: sentences, clauses after a comma or colon, and asides in brackets. */
function pieces(text: string): string[] {
  return text
    .split(/[.!;:,…\n()[\]]+|\s[-–—]+\s/)
    .map((p) => folded(p))
    .filter(Boolean);
}

/**
 * true: the turn says go to what is pending; false: it refuses the whole of it; undefined: it is
 * no plain go or stop (a request, an edit, a pause, a question, words this reading does not know).
 */
export function readGoStop(
  conv: ConversationView,
  facts: Facts,
  options: YesNoOptions = {},
): boolean | undefined {
  if (!conv.pending.length && !conv.offer) return undefined;
  if (conv.user.includes("?")) return undefined;
  // "Let it simmer.", "Go away.": the plan left alone, in go words (agent/planAnswerWords.ts)
  if (leavesAlone(conv.user)) return undefined;
  const text = withoutLabel(
    conv.user.replace(TIME_STAMP, "").replace(SPEAKER, (m) => (m.startsWith(")") ? ") " : "\n")),
    conv,
    facts,
  );
  if (/\d/.test(text)) return undefined;
  const things = namedThings(conv, facts);
  const recipes = [...facts.recipes, ...facts.installed];
  let go = 0;
  let stop = 0;
  let hold = 0;
  let remarks = 0;
  let lone = 0;
  let refused = 0;
  let plainNo = true;
  // what each piece said, in order: the last decisive piece answers where only a plain "no", a
  // "no <thing>" or a statement came before it ("Then no. Go ahead as planned.")
  const said: ("go" | "soft" | "hard")[] = [];
  for (const whole of pieces(neutralWaits(text))) {
    // "but no, it's right": the conjunction joins the piece to the last one, it asks for nothing
    const piece = whole.replace(/^(?:but|and|then|so)\s+(?=(?:no+|nope|nah)\b)/, "");
    const words = piece.split(" ");
    // a piece that is a plain yes or no in the words agent/yesno.ts knows
    const yn = yesNo(piece, options);
    if (yn === true && !STATEMENT.test(piece)) {
      go++;
      said.push("go");
      continue;
    }
    if (yn === false) {
      stop++;
      const plain = PLAIN_NO.test(piece);
      if (!plain) plainNo = false;
      // "Don't run it.": a stop word or a refused go word, where "wait" is neither
      const k = classify(words);
      if (k.includes("stop") || (k.includes("neg") && (k.includes("go") || k.includes("verb")))) refused++;
      said.push(plain ? "soft" : "hard");
      continue;
    }
    // "Иә, бірақ күте тұрыңыз", "ঠিক আছে, উইন্ডোজ মুছে দিন": a piece in a script beyond Latin
    // that no answer word covers is no remark this reader can weigh (a wait, a condition or a
    // request in words it does not know): the turn is left unread, and the caller asks, never
    // runs the plan beside it
    if (OTHER_SCRIPT.test(piece)) return undefined;
    const kinds = classify(words);
    // a phrase's own words are the phrase ("set sail", "drop the needle"); any other word that
    // names something makes the turn a request
    for (const [i, w] of words.entries())
      if (kinds[i] === "other" || kinds[i] === "plan" || kinds[i] === "filler")
        if (names(w, kinds[i]!, things, recipes)) return undefined;
    const has = (k: Kind) => kinds.includes(k);
    const goes = has("go") || has("verb");
    if (has("stop") || (has("neg") && goes)) {
      // "Scrub the launch", "do not proceed", "execute nothing": a go word refused is a stop
      stop++;
      refused++;
      plainNo = false;
      said.push("hard");
      continue;
    }
    if (has("hold") || has("neg") || STATEMENT.test(piece)) {
      hold++;
      said.push(
        !has("hold") && (noThing(words, kinds) || (!has("neg") && STATEMENT.test(piece))) ? "soft" : "hard",
      );
      continue;
    }
    if (goes) {
      // a go verb's object must be the plan: "launch firefox", "run the backup" ask for something
      if (has("other")) return undefined;
      go++;
      said.push("go");
      continue;
    }
    // a remark: "Tough crowd.", "The court is adjourned." A lone unknown word may be a name: no go
    // stands beside it, a stop or refused go word does ("QRT. Not running this today.")
    const count = kinds.filter((k) => k !== "filler").length;
    if (count === 1 && kinds.includes("other")) lone++;
    else if (count) remarks++;
  }
  // "Fine, no. Ship it.", "I was going to second-guess this, but no, it's right. Go.": the last
  // decisive piece is a go, and before it only a plain no, a "no <thing>" or a statement: the go
  // answers. A stop, hold or refused go word before it still makes the turn mixed (asked).
  const last = said.lastIndexOf("go");
  if (last >= 0 && !lone && said.slice(last).every((k) => k === "go") && !said.includes("hard")) return true;
  // a stop beside a go piece ("go. no, stop") is mixed: asked, never guessed; a plain "no" beside
  // a remark may lead the edit the remark says ("no, the half a terabyte one"), where a stop word
  // with its reason ("hold on, burnt it: stop") refuses
  // a lone word beside a plain "no" or a "wait" may be the correction ("wait, brussels", "no, the
  // crucial"): only a stop or refused go word refuses beside it
  if (lone && !refused) return undefined;
  if (stop) return go || (remarks && plainNo) ? undefined : false;
  if (hold) return undefined;
  return go ? true : undefined;
}

/**
 * "no bonus round", "no more questions": "no" before a thing refuses that thing, not the plan. Not
 * a pronoun ("no, not it") nor a verb's "-ing" ("no nuking"): those may refuse what the plan does.
 */
function noThing(words: readonly string[], kinds: readonly Kind[]): boolean {
  const at = words.indexOf("no");
  if (at < 0 || kinds.filter((k) => k === "neg").length !== 1) return false;
  const rest = words.slice(at + 1);
  return (
    rest.length > 0 &&
    rest.every((_w, i) => kinds[at + 1 + i] === "other" || kinds[at + 1 + i] === "filler") &&
    !rest.some((w) => /ing$|^(?:it|that|this|them|these|those|one|ones|anything|everything)$/.test(w))
  );
}

/**
 * "no need to wait", "don't hesitate", "without further delay": a wait refused is no wait, and says
 * nothing of its own beside the go it leads ("No need to wait, go ahead" had been a stop). An
 * obstacle said absent is as neutral ("Accepted without reservations.", "no objections, proceed").
 */
function neutralWaits(text: string): string {
  return text.replace(
    /\b(?:no need|no reason|no point|needn[’']?t|need not|don[’']?t need|do not need|don[’']?t have|there[’']?s no need)(?: for| to| in)?(?: \w+)? (?:wait|waiting|hold|holding|pause|pausing|delay|delaying|hesitate|hesitating|double[- ]?check\w*|check\w*)\b|\b(?:don[’']?t|do not|never) (?:wait|hesitate|delay)\b|\bwithout (?:any |further )?(?:delay|waiting|hesitation|hesitating)\b|\b(?:without|no) (?:any |further )?(?:reservations?|objections?|revisions?|amendments?|caveats?|worries|concerns?)\b/gi,
    " ",
  );
}

/** Lines of a subtitle file: the cue's number alone, and its time range. */
const CUE_LINES =
  /^\s*\d{1,4}\s*\n|^\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*\n/gm;

/** A heading with numbers in it, up to four words before a colon: "Q8 (1 mark)", "Step 5", "Ticket #77". */
const NUMBERED_LABEL =
  /^\s*((?:[A-Za-z]+\d*|#?\d+|\(\d+\s+[A-Za-z]+\)|\(\d+\))(?:\s+(?:[A-Za-z]+\d*|#?\d+|\(\d+\s+[A-Za-z]+\)|\(\d+\))){0,3})\s*:\s+(?=\S)/;

/** A number with a unit of size or time: never a heading's numbering ("500G: go" says a size). */
const SIZE_IN_LABEL = /\d+\s*(?:[kmgt]i?b?|gigs?|tera\w*|giga\w*|mega\w*|hours?|h|min\w*|sec\w*)\b/i;

/**
 * "Epilogue: yes.", "Verdict: go ahead", "Final answer: proceed": a heading the turn opens with, one
 * or two words before a colon, is the title of what follows, not a word of its own (it had been a
 * lone word, which may be a correction, so no go stood beside it). Only a heading that names
 * nothing and says no go, stop, wait or no of its own ("hostname: x", "wait: go" are read as before).
 */
function withoutLabel(text: string, conv: ConversationView, facts: Facts): string {
  // a subtitle's cue number and time line ("3", "00:00:06,500 --> 00:00:08,000") number the line
  // after them; they say nothing of their own
  text = text.replace(CUE_LINES, "");
  const numbered = NUMBERED_LABEL.exec(text);
  if (numbered && /\d/.test(numbered[1]!) && !SIZE_IN_LABEL.test(numbered[1]!)) {
    // "Q8 (1 mark): Confirm.", "Step 5: go", "Ticket #77: go ahead": a heading that numbers the
    // line is its title too; its words are read as any heading's below, its numbers left out
    const label = numbered[1]!
      .replace(/[#()]/g, " ")
      .replace(/\b\d+\b/g, " ")
      .replace(/\b([a-z]+)\d+\b/gi, "$1");
    if (label.trim()) {
      const rest = text.slice(numbered[0].length);
      const opened = withoutWordLabel(`${label.trim()}: ${rest}`, conv, facts);
      return opened === `${label.trim()}: ${rest}` ? text : opened;
    }
    return text.slice(numbered[0].length);
  }
  return withoutWordLabel(text, conv, facts);
}

/** A heading of one or two words before a colon, naming nothing and saying no go, stop or wait of its own. */
function withoutWordLabel(text: string, conv: ConversationView, facts: Facts): string {
  const m = /^\s*([A-Za-z][A-Za-z'-]*(?:\s+[A-Za-z][A-Za-z'-]*)?)\s*:\s+(?=\S)/.exec(text);
  if (!m) return text;
  const words = folded(m[1]!).split(" ");
  const kinds = classify(words);
  const things = namedThings(conv, facts);
  const recipes = [...facts.recipes, ...facts.installed];
  if (kinds.some((k) => k !== "other") || words.some((w, i) => names(w, kinds[i]!, things, recipes)))
    return text;
  return text.slice(m[0].length);
}
