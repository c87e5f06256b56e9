import type { Disk } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { contentOf } from "../safety/diskContent.js";
import { isKeepWord, isNegator, RELEASE_AFTER_NEGATOR } from "../safety/protectLexicon.js";
import type { PlanCall } from "../types.js";
import { asksBeside, asksFreeSpace, describeTarget, disksNamedBySystem } from "./alongside.js";
import { type Ctx, finish } from "./context.js";
import { attributeSizes, diskContext } from "./diskCalls.js";
import { hasRoom } from "./diskRoom.js";
import { resolveDisk } from "./disks.js";
import { restoreVowels } from "./droppedVowels.js";
import { saysFreeRegion } from "./freeSpaceWords.js";
import { layoutArgs } from "./layoutArgs.js";
import { parseTurn } from "./parse.js";
import { turnProtections } from "./protections.js";
import type { Token } from "./text.js";
import { normalizeTokens } from "./tokens.js";
import { CORRECTION_WORDS } from "./vocab.js";

/**
 * A general reading for disk turns the word-list readers cannot read (issue 14, round 22).
 *
 * "The Windows nvme and the Seagate are load-bearing. Build on the Crucial.", "Slab's the Crucial.
 * Pour ext4.", "Today: Levitate goes on the 870": the verbs are in registers nobody will list, and
 * a list taken from the voices read never carried to the next unseen ones. The shape of the turn
 * carries: which disks it names, which of them the safety screen already reads as kept, and which
 * one a clause acts on. So this reads only structure, and only where every other reader found
 * nothing (the turn's answer was "I didn't find anything to do" or only "not a recipe"), or read
 * only a keep and offered a disk ("OK, kept: ... Shall I install onto X?"): every turn the readers
 * read today is unchanged. A turn typed without vowels is read with them put back (droppedVowels.ts).
 *
 * - the turn is cut into clauses (stops, commas, colons, and/but/then/so);
 * - a clause acts on the disk it names when it is imperative-like (its first word is no article,
 *   pronoun, question word or disk/system name: "Build on the Crucial", "Liquidate the Fedora WD"),
 *   or when the system being installed is its subject ("Levitate goes on the 870"); a clause about a
 *   disk ("the Crucial is fair game") acts on it only weakly, counted where nothing acts strongly,
 *   and on a disk that holds data it plans nothing (the clause's polarity is unknown);
 * - questions, conditions, keeps and negated clauses act on nothing; a disk the screen keeps, or a
 *   negated clause speaks of, is no target;
 * - exactly one disk acted on is the target; with none, a clause that acts on no named disk ("build
 *   on the rest") picks the one disk the turn leaves unkept, by elimination.
 *
 * The decision is never more than the gates after it allow (agent/turn.ts): a disk that holds data
 * is erased only where the certainty gate and eraseAsked.ts read the words as asking for it, else
 * it is a question. An unknown verb on a disk that holds data thus asks, never acts; a blank disk
 * loses nothing. By elimination a disk that holds data is asked about here, never planned.
 */

/** The reply of a turn no reader acted on: nothing found, or only words read as unknown programs. */
const NOTHING = /^I didn't find anything to do in that\./;
const NOT_RECIPE =
  /There is no recipe named [^.]*?\. Available: [^.]*\.(?: To add a person, say "[^"]*"\.)?|"[^"]*" is not a recipe here\./g;

/**
 * "OK, kept: the Samsung. Shall I install onto the WD?": the keep was read, the rest of the turn
 * was not; the disk offered, when a clause of the turn acts on it, was asked for.
 */
function keptAndOffered(d: Decision): string | undefined {
  if (!("reply" in d) || !d.offer || !d.reply.startsWith("OK, kept:")) return undefined;
  const [call, ...more] = d.offer.calls;
  return call?.tool === "partitionDisk" && !more.length ? call.args.disk : undefined;
}

/**
 * "Which disk should I install onto: A or B? You named more than one.": the reader found several
 * disks and read no choice among them. A turn that leaves the choice open ("A or B", "either",
 * "whichever", "both") is left asked: the clauses are read only where the turn chose.
 */
const OPEN_CHOICE = new Set([
  "or",
  "either",
  "whichever",
  "whatever",
  "both",
  "all",
  "every",
  "each",
  "neither",
  "nor",
]);
function namedMany(d: Decision, typed: string): boolean {
  if (
    !("reply" in d) ||
    d.offer ||
    !/^Which disk should I install onto: [^?]*\? You named more than one\.$/.test(d.reply)
  )
    return false;
  return !typed
    .toLowerCase()
    .split(/[^a-z']+/)
    .some((w) => OPEN_CHOICE.has(w));
}

/**
 * "OK, kept: the Seagate. Which disk should I install onto: A or B?": the keep was read and the
 * choice asked with no offer; the rest of the turn ("We're using the Crucial today") was not read.
 */
function keptAndAsked(d: Decision): boolean {
  return (
    "reply" in d && !d.offer && /^OK, kept: [^?]*\. Which disk should I install onto: [^?]*\?$/.test(d.reply)
  );
}

function readNothing(d: Decision): boolean {
  if (!("reply" in d) || d.offer) return false;
  const rest = d.reply.replace(NOT_RECIPE, "");
  return NOTHING.test(d.reply) || (rest !== d.reply && !rest.trim());
}

/** Where a clause ends: punctuation other than a path's slash or a bracket, and the linking words. */
const LINKS = new Set(["and", "but", "then", "so", "plus", "&", "while", "whereas", "though", "although"]);
const STOPS = new Set([".", ",", ";", ":", "!", "?", "\n", "—", "–"]);

interface Clause {
  tokens: Token[];
  /** The sentence it is in: a question's clauses all ask. */
  sentence: number;
}

/** A dash set off by spaces ("the wd one — how big is it"): the tokenizer drops it, the clause ends. */
const DASH = /\s[-–—]+\s/;

function clausesOf(tokens: readonly Token[], text: string): Clause[] {
  let sentence = 0;
  const out: Clause[] = [{ tokens: [], sentence }];
  const asking = new Set<number>();
  tokens.forEach((t, i) => {
    const gap = i > 0 ? text.slice(tokens[i - 1]!.end, t.start) : "";
    const stop =
      (t.kind === "punct" && STOPS.has(t.norm)) || (t.kind === "word" && LINKS.has(t.norm)) || DASH.test(gap);
    if (t.kind === "punct" && t.norm === "?") asking.add(sentence);
    if (t.kind === "punct" && SENTENCE_END.has(t.norm)) sentence++;
    if (stop && out.at(-1)!.tokens.length) out.push({ tokens: [], sentence });
    out.at(-1)!.sentence = sentence;
    if (!(t.kind === "punct" && STOPS.has(t.norm)) && !(t.kind === "word" && LINKS.has(t.norm)))
      out.at(-1)!.tokens.push(t);
  });
  const clauses = out.filter((c) => c.tokens.length);
  // "the wd one — how big is it", "is the WD empty": a clause that opens with a question word
  for (const c of clauses) if (ASKING.has(firstWord(c))) asking.add(c.sentence);
  return clauses.map((c) => (asking.has(c.sentence) ? { ...c, sentence: -1 } : c));
}

const SENTENCE_END = new Set([".", "!", "?", ";", "\n"]);

/** The clause's first word past the words of speech ("ok", "now", "so"). */
function firstWord(c: Clause): string {
  const w = words(c);
  let i = 0;
  while (i < w.length - 1 && OPENERS.has(w[i]!)) i++;
  return w[i] ?? "";
}

function words(c: Clause): string[] {
  return c.tokens.filter((t) => t.kind === "word" || t.kind === "number").map((t) => t.norm);
}

/**
 * Closed classes that open a clause about something rather than a command: articles, possessives,
 * pronouns and quantifiers. A clause that opens with one names its subject first.
 */
const SUBJECT_OPENERS = new Set(
  `the a an my our your his her their its this that these those it i we you he she they me us them
  both all every each some any one there here everything everyone somebody someone nobody`.split(/\s+/),
);

/** Questions and auxiliaries at a clause's start ask; they act on nothing. */
const ASKING = new Set(
  `what whats which where why who whose how when is are was were does do did can could would should
  will shall may might has have`.split(/\s+/),
);

/** A condition or a hedge asks for nothing yet. */
const CONDITION = new Set([
  "if",
  "when",
  "unless",
  "whether",
  "maybe",
  "perhaps",
  "later",
  "someday",
  "eventually",
]);

/** Words of speech that open a clause without being its verb ("ok", "now", "please", "just"). */
const OPENERS = new Set(
  `ok okay so now well just please pls alright right hey oh um uh actually instead also yes yeah yep
  then first next finally today tonight`.split(/\s+/),
);

/** The copulas: "is", "are", "'s" (read as "is"). */
const COPULAS = new Set(["is", "are", "was", "were", "be", "being", "been"]);

/** The system being installed, named as a clause's subject: "Levitate goes on the 870". */
const INSTALLED = new Set(["levitate", "levitateos"]);

/** Words that say nothing of their own beside a pointer ("that one it is", "fine, that one then"). */
const CLOSED = new Set(["one", "is", "it", "then", "so", "fine", "ok", "okay", "yes", "yeah", "sure", "now"]);

/** Words that point back at a disk said before ("build on it", "put it there", "that one"). */
const POINTERS = new Set(["it", "there", "that", "this", "thr", "dea", "ibi"]);

/** Words that name a disk by what it is not: "the rest", "the other one". */
const RELATIVE = new Set(["other", "rest", "remaining", "else", "another", "cetera"]);

/** Words that point back at every disk said since the last act ("they don't play", "nobody touches either"). */
const PLURAL_POINTERS = new Set(["they", "them", "those", "these", "both", "either", "neither", "theyre"]);

/** "the other one", "another disk": a disk told apart from the ones said just before. */
const OTHER = new Set(["other", "another"]);

/** The disks a turn's clauses name, each clause naming one. */
function disksNamedIn(text: string, facts: Ctx["facts"]): Set<string> {
  const out = new Set<string>();
  if (!text.trim()) return out;
  const tokens = normalizeTokens(text, facts);
  for (const c of clausesOf(tokens, text)) {
    const named = diskOf(c.tokens, facts);
    if (named && named !== "many") out.add(named.path);
  }
  return out;
}

type Act = "strong" | "weak" | "none";

/**
 * A negator, unless it lets go ("no longer needed", "don't need it": RELEASE_AFTER_NEGATOR) or
 * opens a correction ("no wait, vdb").
 */
const negated = (w: readonly string[]): boolean =>
  w.some(
    (x, i) =>
      // "Nobody touches either": no one as the subject negates the clause too
      (isNegator(x) || x === "nobody" || x === "noone" || (x === "no" && w[i + 1] === "one")) &&
      !w.slice(i + 1, i + 4).some((y) => RELEASE_AFTER_NEGATOR.has(y)) &&
      !(i === 0 && CORRECTION_WORDS.has(w[1] ?? "")),
  );

/** How a clause acts on what it names. */
function actOf(c: Clause, facts: Ctx["facts"]): Act {
  const w = words(c);
  // a clause of a question (sentence -1) asks; it places nothing
  if (c.sentence < 0 || !w.length || negated(w)) return "none";
  // "keep windows": a clause of keeping (the screen's own lexicon) acts on nothing
  if (w.some((x) => isKeepWord(x))) return "none";
  const first = firstWord(c);
  // "let me think about it", "lemme check" (tester 20 D2): the speaker is who acts; the clause
  // tells the installer nothing to do ("let's put it on the WD" still does)
  if (first === "lemme" || (first === "let" && w[w.indexOf("let") + 1] === "me")) return "none";
  // "linux" names the installed system only where no disk holds another system that "linux" could name
  const linuxIsOurs = !facts.disks.some((d) =>
    (d.partitions ?? []).some((p) => p.os && !/windows/i.test(p.os)),
  );
  if (w.some((x) => INSTALLED.has(x) || (linuxIsOurs && x === "linux"))) return "strong";
  // "we play on the crucial", "we descend on the samsung 980", "we're using the Samsung today":
  // the speaker as the subject of an act is a request as plain as an imperative
  // (a disk named in the clause itself: "I'm working through that attachment" places nothing)
  if (speakerActs(w) && namesDisk(c.tokens, facts)) return "strong";
  // "Prod is the WD", "Slab's the Crucial": a clause with a copula says what a disk is; an
  // imperative has none
  if (SUBJECT_OPENERS.has(first) || w.some((x) => COPULAS.has(x)) || namesDisk([c.tokens[0]!], facts))
    return "weak";
  return "strong";
}

/** The speaker, as a subject: "we", "I". */
const SPEAKERS = new Set(["we", "i"]);
/** Auxiliaries between the speaker and the verb: "we are using", "i will go", "we're gonna build". */
const AUXILIARIES = new Set([
  "are",
  "am",
  "will",
  "shall",
  "ll",
  "gonna",
  "going",
  "to",
  "now",
  "then",
  "just",
  "all",
]);
/**
 * Verbs of having, knowing and wanting, and the habitual "use": said by the speaker they describe
 * ("I have my photos on the WD", "we use the seagate for backups"), never act.
 */
const STATIVE = new Set(
  `have has had got keep kept store stored need needs want wants like love hate think know knew believe
  guess hope mean meant use used uses own bought buy watch stream save saved backup
  back run ran dual boot boots booted am is are was were do did dont cant can could would should`.split(
    /\s+/,
  ),
);

/**
 * "we descend on the samsung 980", "we summit on the Crucial", "we are using the Samsung today": the
 * speaker opens the clause and the verb after it (past the auxiliaries) is an act, followed by a
 * place ("on", "onto", "in", "into", "over") or by the disk itself in the progressive ("using").
 *
 * Safety: a strong act on a disk that holds data is erased only where the gates after this read
 * the words as asking for it (see the module's note), else it is a question; a blank disk loses
 * nothing. Verbs of having and the habitual "use", "play" (STATIVE) describe and never act here.
 */
function speakerActs(w: readonly string[]): boolean {
  let i = w.findIndex((x) => !OPENERS.has(x));
  if (!SPEAKERS.has(w[i] ?? "")) return false;
  i++;
  while (AUXILIARIES.has(w[i] ?? "")) i++;
  const verb = w[i] ?? "";
  if (!/^[a-z]{2,}$/.test(verb) || STATIVE.has(verb)) return false;
  const place = ["on", "onto", "in", "into", "over", "upon"].includes(w[i + 1] ?? "");
  return place || (verb.endsWith("ing") && AUXILIARIES.has(w[i - 1] ?? "") && w[i + 1] === "the");
}

function namesDisk(tokens: readonly Token[], facts: Ctx["facts"]): boolean {
  return (
    resolveDisk(tokens, facts.disks, { mentioned: [], offered: [] }).kind !== "absent" ||
    disksNamedBySystem(tokens, facts).length > 0
  );
}

/** The disk a clause names: by path, size, brand or model, else by the system on it. */
function diskOf(tokens: readonly Token[], facts: Ctx["facts"]): Disk | "many" | undefined {
  const r = resolveDisk(tokens, facts.disks, { mentioned: [], offered: [] });
  if (r.kind === "one") return r.disk;
  if (r.kind === "many") return "many";
  const systems = disksNamedBySystem(tokens, facts);
  if (systems.length === 1) return systems[0];
  return systems.length > 1 ? "many" : undefined;
}

/** No partitions at all, as the facts say; a disk whose layout the facts do not give (v1) is not blank. */
function blank(d: Disk): boolean {
  return d.partitions !== undefined && !d.partitions.length && !contentOf(d).length;
}

/** The question for a disk that holds something, read as the place by no sure word: nothing offered. */
function askAbout(disk: Disk): string {
  const short = disk.path.replace(/^\/dev\//, "");
  return `Do you mean ${describeTarget(disk)}? Installing onto the whole disk erases what is on it, so I haven't planned anything. To lose it, say "erase ${short} and install there"; to keep it, name another disk.`;
}

export function generalDisk(d: Decision, typed: string, ctx: Ctx): Decision {
  const { conv, facts, allowed } = ctx;
  const offered = keptAndOffered(d);
  const many = namedMany(d, typed);
  if (
    facts.mode !== "live" ||
    !allowed.includes("partitionDisk") ||
    !(readNothing(d) || offered || many || keptAndAsked(d))
  )
    return d;
  // "kp th smsng, nstll n th wd nvm": read again with the vowels put back (droppedVowels.ts)
  const restored = restoreVowels(typed, facts);
  if (restored && !offered) {
    const again = parseTurn(restored, ctx);
    // the screen read the typed words, so a keep said in the restored ones is checked here
    const keeps = turnProtections(restored, ctx);
    const kept = (c: PlanCall) =>
      c.tool === "partitionDisk" &&
      keeps.some(
        (p) =>
          (p.kind === "disk" || (p.kind === "partitions" && c.args.use !== "free")) && p.disk === c.args.disk,
      );
    if ("calls" in again && again.calls.some((c) => c.tool === "partitionDisk") && !again.calls.some(kept))
      return again;
  }
  const text = restored ?? typed;
  const tokens = normalizeTokens(text, facts);
  // "if the Crucial is free, frame it": a condition governs the clauses beside it, so nothing is read
  if (tokens.some((t) => CONDITION.has(t.norm))) return d;
  // what the screen keeps, and what these words keep once restored ("kp th smsng")
  const protections = [...(conv.protections ?? []), ...(restored ? turnProtections(restored, ctx) : [])];
  const keptWhole = (x: Disk) => protections.some((p) => p.kind === "disk" && p.disk === x.path);
  const keptParts = (x: Disk) => protections.some((p) => p.kind === "partitions" && p.disk === x.path);
  const usable = facts.disks.filter((x) => !x.liveMedium && !x.mounted);
  const isUsable = (x: Disk) => usable.some((u) => u.path === x.path);

  const strong = new Map<string, Disk>();
  const weak = new Map<string, Disk>();
  let unplaced = false;
  let other = false;
  const namedBefore = disksNamedIn(conv.turns.at(-1)?.user ?? "", facts);
  let last: Disk | undefined;
  const refused = new Set<string>();
  // the disks named since the last clause that acted: what "they" and "either" point back at
  let sinceAct: Disk[] = [];
  for (const c of clausesOf(tokens, text)) {
    const act = actOf(c, facts);
    const w = words(c);
    const named = diskOf(c.tokens, facts);
    // "the 870 and the seagate lay out the tune, they don't play a note": a negated clause whose
    // subject points back at several disks refuses each of them (never the one acted on before)
    if (!named && negated(w) && w.some((x) => PLURAL_POINTERS.has(x)))
      for (const x of sinceAct) refused.add(x.path);
    if (act === "strong") sinceAct = [];
    else if (named && named !== "many") sinceAct.push(named);
    // which disk an acting clause means is unclear: so is the answer
    if (named === "many") {
      if (act !== "none") return d;
      continue;
    }
    let target = named;
    // "build on it", "nothing is to happen to it": a pointer reaches the disk said last
    const points = w.some((x) => POINTERS.has(x)) && !w.some((x) => RELATIVE.has(x));
    // a pointer alone ("that one it is", "fine, that one then") answers as plainly as a verb
    const bare = w.every((x) => POINTERS.has(x) || CLOSED.has(x));
    if (!target && points && (act === "strong" || bare || negated(w)))
      target = last ?? facts.disks.find((x) => x.path === diskContext(ctx).mentioned.at(-1));
    if (named) last = named;
    // a disk a negated clause speaks of is no target, whatever the clause's verb
    if (negated(w) && target) refused.add(target.path);
    if (act === "none") continue;
    if (!target) {
      // "build on the rest", "put it there": an act whose place is no disk named
      if (act === "strong" && w.some((x) => RELATIVE.has(x) || POINTERS.has(x))) unplaced = true;
      if (act === "strong" && w.some((x) => OTHER.has(x))) other = true;
      continue;
    }
    if (!isUsable(target) || keptWhole(target)) continue;
    // "Windows is the old town, it stays": a clause about a disk whose content is kept is the keep
    if (act === "weak" && keptParts(target)) continue;
    (act === "strong" ? strong : weak).set(target.path, target);
  }
  for (const p of refused) {
    strong.delete(p);
    weak.delete(p);
  }
  // "Windows remains on the Samsung, LevitateOS goes onto the Seagate": where the reader saw several
  // disks, one is chosen only when one clause acts on it and every other disk named is kept,
  // refused or only asked about; a disk named in a clause of unknown polarity leaves the question
  if (many && (strong.size !== 1 || [...weak.keys()].some((p) => !strong.has(p)))) return d;
  const acted = strong.size ? strong : weak;
  let disk: Disk | undefined;
  if (acted.size === 1) {
    disk = [...acted.values()][0]!;
    // "the Fedora disk can go, but keep /home", "the seagate has my whole life on it": a clause
    // about a disk says nothing sure of its polarity. Nothing is planned, and nothing asked either:
    // a question of mine about the disk would make the next "use the seagate" consent to its erase
    // (safety/eraseAsked.ts), where the statement said it holds a life's data
    if (!strong.size && !blank(disk) && !keptParts(disk)) return d;
  } else if (acted.size > 1) return d;
  else if (unplaced) {
    // "build on the rest": every disk but one is kept (the screen's keeps, said now or before),
    // and the one left is the place
    let left = usable.filter((x) => !keptWhole(x) && !(keptParts(x) && !hasRoom(x)));
    // "the little WD is a keeper" … "cast on the other one": "other" is relative to the disks the
    // turn before named, whatever it said of them (a keep in words no screen reads, a question)
    if (left.length > 1 && other) left = left.filter((x) => !namedBefore.has(x.path));
    if (usable.length < 2 || left.length !== 1) return d;
    disk = left[0]!;
    if (!blank(disk) && !keptParts(disk)) return offered ? d : { reply: askAbout(disk) };
  }
  // the install offered beside a system the turn keeps is already what the words can ask: a "yes" takes it
  if (!disk || (offered && (disk.path !== offered || keptParts(disk)))) return d;
  if (conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === disk.path)) return d;

  const ws = tokens.map((t) => t.norm);
  const saysFree = asksFreeSpace(ws) || asksBeside(ws) || saysFreeRegion(ws);
  let use: "whole" | "free" = "whole";
  if (!blank(disk) && (saysFree || keptParts(disk))) {
    // what is on the disk stays, and there is no room beside it: the other readers' answer stands
    if (!hasRoom(disk) && !saysFree) return d;
    use = "free";
  }
  const args: Record<string, unknown> = { disk: disk.path, use };
  const asked = layoutArgs(args, tokens, attributeSizes(tokens), text, disk.path);
  if (asked) return { reply: asked };
  return finish([{ tool: "partitionDisk", args } as PlanCall], ctx);
}
