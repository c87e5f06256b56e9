/**
 * An answer to a pending plan read by its STRUCTURE, where every reader before found nothing in the
 * turn (no request, edit, question or answer: the rules backend's "Go ahead with the plan?" or "I
 * didn't find anything to do in that."). A register's go verb is whatever the trade says ("Pour
 * it.", "Demo away.", "Let's dance.", "Execute the trade.", "Expedition approved."): no list of
 * go words carries to the next voice, so the go is read from the shape of a short English
 * imperative whose object is the plan or nothing.
 *
 * A confirm runs the plan, which may erase a disk, so the reading is lopsided:
 * - a go needs EVERY piece of the turn to have a go shape or be a plain assent ("Good.", "The
 *   rest is good."); anything else in the turn (a reason, a person, a time, a word of a language
 *   this reading does not know) leaves it asked;
 * - the stop side is a closed class read everywhere in the turn (agent/planAnswerWords.ts: stop,
 *   wait, later, conditions, doubt, thinking it over, calling someone, leaving, negation in any
 *   form): one such word and the turn is never a go;
 * - the open slot of a go shape takes only plain English letters, never a thing of this machine
 *   or plan, a tool word, a place, or another task ("run the tests");
 * - a question, a number, a joke taken back, or a letter outside plain English leaves it asked.
 * The one refusal read here is as narrow: a verb that throws the plan away, with the plan or
 * nothing as its object ("Park it.", "Cancel the order.", "Call the whole thing off.", "Hard
 * pass"), in a turn with no go piece: confirm:false, which runs nothing. A wait or hold is no
 * refusal here; it stays the question it was.
 */
import type { Facts } from "../facts/schema.js";
import type { Decision } from "../tools/decision.js";
import { namedThings, names, PLAN_NOUNS } from "./goStop.js";
import { yesTakenBack } from "./jokedYes.js";
import {
  conjuncts,
  haltShape,
  literalConfirm,
  negatedObstacle,
  participlesGo,
  phrasalGo,
  withoutObstacle,
} from "./planAnswerClauses.js";
import {
  declaredAnswer,
  hedgedAnswer,
  remainder,
  reportedAnswer,
  reportedCheck,
} from "./planAnswerReported.js";
import {
  ASSENT_PARTICIPLES,
  ASSENT_WORDS,
  AWAY_VERBS,
  DETERMINERS,
  leavesAlone,
  NOT_GO_VERBS,
  OTHER_TASKS,
  PLAN_PRONOUNS,
  REMARK_GRAMMAR,
  START_VERBS,
  stopWord,
} from "./planAnswerWords.js";
import { GO_AHEAD_QUESTION } from "./rules/objectFallback.js";
import { openQuestion } from "./safety/openQuestion.js";
import type { ConversationView } from "./types.js";
import { folded, yesNo } from "./yesno.js";

/** The replies by which the readers before said they found nothing in the turn. */
function foundNothing(d: Decision): boolean {
  return (
    "reply" in d &&
    !d.offer &&
    (d.reply === GO_AHEAD_QUESTION ||
      d.reply.startsWith("I didn't find anything to do in that.") ||
      // "My wife says yes.": the name gate set aside "says" as no account's name, and the rest of
      // the turn was found to hold nothing (agent/turn.ts joins the two replies)
      NO_NAME_NOTHING_ELSE.test(d.reply) ||
      // a question reader that found no subject ("Have at it" opens like "Have you ...")
      d.reply.startsWith("I can't answer that from here."))
  );
}

/** The name gate's notice followed by my question: nothing but a word that is no name was found. */
const NO_NAME_NOTHING_ELSE =
  /^"[^"]+"(?:, "[^"]+")* (?:is|are) not a name I would create an account for, so I added no user\. Go ahead with the plan\? \(yes\/no\)$/;

/** Words that may lead or close a go piece and say nothing of their own ("ok just pour it now"). */
const LEAD = new Set(
  "ok okay alright right so now then just please kindly and well good great fine yes yeah yep sure go ahead".split(
    " ",
  ),
);
const TRAIL = new Set("now please then already pls plz".split(" "));

/** Verbs that throw the plan away; only these make a refusal here ("Park it.", "Cancel the order."). */
const DISCARD = new Set(
  `cancel abort scrap scrub nix axe ditch bin trash junk shelve park table drop dump toss scratch
  kill can withdraw retract rescind revoke annul`.split(/\s+/),
);

/** Start verbs that also start programs ("launch firefox"): their object needs its determiner. */
const LAUNCHERS = new Set("launch run start open execute trigger".split(" "));

/** The verbs of starting or finishing work, one of which a pair of bare words needs to be a go. */
const PAIR_GO_VERBS = new Set(
  `deliver finish complete roll go ship send proceed start begin launch fire execute run commit apply
  build release finalize finalise wrap seal close deploy publish submit serve land play ride rock
  move march sail fly drive push print bake cook pour brew`.split(/\s+/),
);

/**
 * "and firefox and vlc", "spotify too", "also obs": words that add to what was said are no answer
 * to the plan, whatever follows them (tester 24 D1: "and firefox and vlc" confirmed the plan).
 */
function adds(text: string): boolean {
  const ws = folded(text).split(" ");
  return (
    /^(?:and|also|plus|n)$/.test(ws[0] ?? "") ||
    /^(?:too|also|aswell)$/.test(ws.at(-1) ?? "") ||
    / as well$/.test(ws.join(" "))
  );
}

/** A plain English word of letters (an open slot takes nothing else). */
const PLAIN = /^[a-z]{2,}$/;

interface Slots {
  readonly things: ReadonlySet<string>;
  readonly recipes: readonly string[];
  /** The people of this machine and plan (its users, the accounts planned): a report's subject may be one. */
  readonly people?: ReadonlySet<string>;
}

/** A word that names something here, a tool word, a place: never an open slot's filler. */
function named(w: string, s: Slots): boolean {
  return names(w, "other", s.things as Set<string>, s.recipes);
}

/** The open verb of a go shape: an English base form that is no stop, no report, no name. */
function openVerb(w: string | undefined, s: Slots): boolean {
  return (
    w !== undefined &&
    PLAIN.test(w) &&
    // "swing", "bring", "shed": an -ing or -ed with no vowel before it is the base form itself;
    // "proceed" is a start verb's base form ("Rinse and proceed.")
    (!/[aeiouy][a-z]*(?:ed|ing)$|ly$/.test(w) || START_VERBS.has(w)) &&
    // undo, disable, defer, rethink, override: a verb under a prefix that reverses or repeats is
    // no plain go (asked; "deploy it", "resume it" are read before this, by their words)
    !/^(?:un|dis|de|re|mis|over|under|counter|anti|non)[a-z]{3,}/.test(w) &&
    !stopWord(w) &&
    !NOT_GO_VERBS.has(w) &&
    !ASSENT_WORDS.has(w) &&
    !REMARK_GRAMMAR.has(w) &&
    !PLAN_PRONOUNS.has(w) &&
    !DETERMINERS.has(w) &&
    !named(w, s)
  );
}

/** The open noun of "start the X" or "X approved": the register's name for the plan. */
function openNoun(w: string | undefined, s: Slots): boolean {
  return (
    w !== undefined &&
    PLAIN.test(w) &&
    !stopWord(w) &&
    !OTHER_TASKS.has(w) &&
    !NOT_GO_VERBS.has(w) &&
    !/^(?:him|her|he|she|they|them|us|you|me|away|off|out|up|down|back|in|on|over|around|about|along|aside)$/.test(
      w,
    ) &&
    !named(w, s)
  );
}

/** "the trade", "quest", "the whole pour": a determiner at most, then one or two open nouns. */
function planObject(ws: readonly string[], s: Slots): boolean {
  // "what's left", "the rest", "everything else" (agent/planAnswerReported.ts)
  if (remainder(ws)) return true;
  const rest = DETERMINERS.has(ws[0] ?? "") ? ws.slice(1) : ws;
  if (rest.length === 1 && PLAN_PRONOUNS.has(rest[0]!)) return true;
  return rest.length >= 1 && rest.length <= 2 && rest.every((w) => openNoun(w, s));
}

/** The words of a piece without the fillers that lead or close it. */
function core(ws: readonly string[]): string[] {
  let a = 0;
  let b = ws.length;
  while (a < b && LEAD.has(ws[a]!) && !(ws[a] === "go" && ws[a + 1] !== "ahead")) a++;
  while (b > a && TRAIL.has(ws[b - 1]!)) b--;
  return ws.slice(a, b);
}

/** The piece has a go shape. */
function goShape(ws: readonly string[], s: Slots): boolean {
  const n = ws.length;
  const [a, b, c] = ws;
  if (!n) return false;
  // "Pour it.", "Smoke 'em.", "ink that"
  if (n === 2 && PLAN_PRONOUNS.has(b!) && openVerb(a, s)) return true;
  // "Wrap it up.", "Dial it in.", "Bring it on." (agent/planAnswerClauses.ts says why no refusal fits)
  if (phrasalGo(ws, (w) => openVerb(w, s))) return true;
  // "Grip it and rip it", "Press and deliver", "Signed and witnessed."
  const parts = conjuncts(ws);
  if (parts) {
    if (participlesGo(parts, ASSENT_PARTICIPLES)) return true;
    // "Press and deliver", "Rock and roll", "save and start": two bare words are a go only where one
    // of them is a verb of starting or finishing the work. Two open words alone read any pair of
    // nouns as a go: "firefox and vlc", "chrome and spotify" (programs this machine has no recipe
    // for) confirmed the plan (tester 24 D1)
    if (parts.every((p) => p.length === 1))
      return parts.every((p) => openVerb(p[0], s)) && parts.some((p) => PAIR_GO_VERBS.has(p[0]!));
    return parts.every((p) => goShape(p, s) || goShape(core(p), s));
  }
  // "Accepted without revisions."
  const bare = withoutObstacle(ws);
  if (bare.length < n) return goShape(bare, s);
  // "Demo away.", "Fire away!"
  if (n === 2 && b === "away" && openVerb(a, s) && !AWAY_VERBS.has(a!)) return true;
  // "Let's dance.", "let us ride"
  if ((n === 2 && (a === "let's" || a === "lets")) || (n === 3 && a === "let" && b === "us"))
    return openVerb(ws[n - 1], s);
  // "We move."
  if (n === 2 && a === "we" && openVerb(b, s)) return true;
  // "Now showing."
  if (n === 2 && a === "now" && b!.endsWith("ing") && !stopWord(b!) && !named(b!, s)) return true;
  // "Execute the trade.", "begin quest", "Proceed with the dig."
  if (START_VERBS.has(a!)) {
    const rest = ws.slice(b === "with" ? 2 : 1);
    // "Launch firefox.", "run htop": a verb that starts programs takes a bare word as a program;
    // the plan's noun comes with its determiner ("Launch the regatta.")
    const bareName = LAUNCHERS.has(a!) && rest.length && !DETERMINERS.has(rest[0]!);
    if (rest.length && !bareName && planObject(rest, s)) return true;
  }
  // "Hoist the sails.": an open verb with the register's own noun for the plan
  if (n === 3 && DETERMINERS.has(b!) && PLAN_NOUNS.has(c!) && openVerb(a, s)) return true;
  // "Let the ritual begin."
  if (a === "let" && n >= 3 && n <= 4 && START_VERBS.has(ws[n - 1]!) && planObject(ws.slice(1, -1), s))
    return true;
  // "Expedition approved.", "Sighting confirmed.", "Inspector signed off.", "Reviewed."
  const end = ws[n - 1] === "off" ? n - 2 : n - 1;
  if (end >= 0 && ASSENT_PARTICIPLES.has(ws[end]!) && (ws[n - 1] !== "off" || ws[end] === "signed")) {
    const subject = ws.slice(0, end);
    return !subject.length || planObject(subject, s);
  }
  return false;
}

/** "Good.", "Clean.", "The rest is good.", "enclosure's ready", "looks good to me": assent, no request. */
function assentShape(ws: readonly string[], s: Slots): boolean {
  if (!ws.length || ws.length > 6 || !ws.some((w) => ASSENT_WORDS.has(w))) return false;
  let open = 0;
  for (const w of ws) {
    if (ASSENT_WORDS.has(w) || REMARK_GRAMMAR.has(w) || LEAD.has(w)) continue;
    // one noun of the register the assent is about: "enclosure's ready", "rest is good"
    const noun = w.endsWith("'s") ? w.slice(0, -2) : w;
    if (open++ || !openNoun(noun, s)) return false;
  }
  return true;
}

/** "Park it.", "Cancel the order.", "Call the whole thing off.", "parking this", "Hard pass". */
function discardShape(said: readonly string[], open?: (w: string) => boolean): boolean {
  // "Hard pass for now", "Park it for today": the time says how long, the verb still throws it away
  const ws = said
    .join(" ")
    .replace(/ (?:for (?:now|today|tonight|the moment)|today|tonight|this time)$/, "")
    .split(" ");
  const n = ws.length;
  if (n === 2 && ws[0] === "hard" && ws[1] === "pass") return true;
  if (ws[0] === "call" && ws[n - 1] === "off")
    return n === 3 ? PLAN_PRONOUNS.has(ws[1]!) : planNounPhrase(ws.slice(1, -1));
  const verb = discardVerb(ws[0] ?? "");
  // "killing it" praises
  if (!verb || (verb === "kill" && ws[0] !== "kill")) return false;
  return (
    n === 1 ||
    (n === 2 && PLAN_PRONOUNS.has(ws[1]!)) ||
    planNounPhrase(ws.slice(1)) ||
    // "Cancel the appointment.", "Withdraw the proclamation": the register's own noun for the plan,
    // with its determiner; a word of this machine, a tool word or another task ("cancel the
    // backup") is no such noun, and the caller asks only where the turn names nothing here
    (open !== undefined && DETERMINERS.has(ws[1]!) && n >= 3 && n <= 4 && ws.slice(2).every(open))
  );
}

/** The discard verb of a word, also under "-ing" ("parking", "scrapping", "shelving"). */
function discardVerb(w: string): string | undefined {
  if (DISCARD.has(w)) return w;
  if (!w.endsWith("ing")) return undefined;
  const stem = w.slice(0, -3);
  return [stem, `${stem}e`, stem.replace(/(.)\1$/, "$1")].find((v) => DISCARD.has(v));
}

/** "the order", "the whole thing", "this": the plan, in a word the register uses for it. */
function planNounPhrase(ws: readonly string[]): boolean {
  const rest = ws.filter((w) => !DETERMINERS.has(w));
  return (
    rest.length === 1 && (PLAN_NOUNS.has(rest[0]!) || PLAN_PRONOUNS.has(rest[0]!) || rest[0] === "thing")
  );
}

/** The turn's pieces: sentences, clauses after a comma or colon, asides, each as folded words. */
function pieces(text: string): string[][] {
  return text
    .split(/[.!;:,…\n()[\]]+|\s[-–—]+\s/)
    .map((p) => folded(p))
    .filter(Boolean)
    .map((p) => p.split(" "));
}

/**
 * true: the turn is a go by its shape; false: it throws the plan away by its shape; undefined:
 * neither (asked, as before). Only the words: the caller checks that a plan is pending.
 */
export function readAnswerShape(text: string, slots: Slots): boolean | undefined {
  // "=CONFIRM(TRUE)": the decision itself, written out
  const literal = literalConfirm(text);
  if (literal !== undefined) return literal;
  // a question, a number, a joke taken back: never read here
  if (/[?\d]/.test(text) || yesTakenBack(text) || adds(text)) return undefined;
  // "Let it simmer.": the plan left alone is never a go; beside a refusal ("Let it sit, not brewing
  // yet.") the refusal still answers
  const alone = leavesAlone(text);
  // a letter outside plain English is never read as a go (below), though its refusal may be
  const foreign = /[^\x20-\x7E\n\t’‘“”…—–]/.test(text.replace(/[\u{1F300}-\u{1FAFF}\u2600-\u27BF]/gu, ""));
  const ps = pieces(text);
  if (!ps.length) return undefined;
  // "No worries, go.", "don't wait, do it": a negated obstacle is assent, not a stop
  // "Gary says go ahead", "I assent", "Gary is ready": an answer reported of a person; "Gary has
  // looked at the plan": a check reported done (agent/planAnswerReported.ts). Their own words are
  // the shape's ("I", "read"), so the stop scan skips them; the rest of the turn it still reads.
  // "Gary approves." with an account gary planned: the person the plan is for reports the answer;
  // the predicate is closed (a yes, a verb of assent, readiness), so no request about the account
  // can hide in it, and a refusal naming them is still never read (thingNamed below)
  const open = (w: string) => openNoun(w, slots) || slots.people?.has(w) === true;
  const reported = ps.map((ws) => reportedAnswer(ws, open));
  const checked = ps.filter((ws) => reportedCheck(ws, open));
  // "that means yes", "my answer is yes": a declaration's own words ("my", "consider") are no stop
  const declared = declaredAnswer(ps.at(-1)!);
  const cleared = ps.filter(
    (ws, i) =>
      negatedObstacle(ws) ||
      negatedObstacle(core(ws)) ||
      reported[i] === true ||
      checked.includes(ws) ||
      (declared === true && i === ps.length - 1),
  );
  // "Reviewed.", "checked": the participle of a check says it is done, no check still to come
  const stops = ps.some(
    (ws) =>
      !cleared.includes(ws) && withoutObstacle(ws).some((w) => stopWord(w) && !ASSENT_PARTICIPLES.has(w)),
  );
  const thingNamed = ps.some((ws) => ws.some((w) => slots.things.has(w)));
  const gos = ps.filter(
    (ws, i) =>
      reported[i] === true ||
      yesNo(ws.join(" ")) === true ||
      hedgedAnswer(ws) === true ||
      goShape(ws, slots) ||
      goShape(core(ws), slots),
  );
  // "Gary says no to this.", "I withhold assent, for now.": a refusal reported, no go beside it
  if (!gos.length && !thingNamed && reported.includes(false)) return false;
  if (stops) {
    // a refusal in the plan's own words, with nothing of this machine named and no go beside it
    if (!gos.length && !thingNamed && ps.some((ws) => discardShape(ws, open) || discardShape(core(ws), open)))
      return false;
    // "Hold the saw.", "Lens cap on, don't shoot yet.", "Non, espera, ainda non."
    if (!gos.length && !thingNamed && haltShape(ps)) return false;
    return undefined;
  }
  // "Up, up and away! That means yes.", "Operators are standing by: that's a yes!": the last piece
  // says what the words before it meant (agent/planAnswerReported.ts declaredAnswer); the stop
  // scan above has read them all, and nothing of this machine is named
  if (declared !== undefined && !thingNamed && !alone) return declared;
  if (!gos.length || foreign || alone) return undefined;
  // "Stamp and signature: approved": bare open words joined by "and" name what the go beside them
  // (there is one: gos is not empty here) is about; on their own they are no go (goShape)
  const topic = (ws: readonly string[]) => {
    const parts = conjuncts(core(ws));
    return parts?.every((p) => p.length === 1 && openVerb(p[0], slots)) === true;
  };
  return ps.every((ws) => gos.includes(ws) || cleared.includes(ws) || assentShape(ws, slots) || topic(ws))
    ? true
    : undefined;
}

/**
 * The backend's decision, or the answer the turn's structure gives where the readers before found
 * nothing, a plan is pending, no offer is open and no question of mine waits for its answer.
 */
export function answerByShape(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!foundNothing(decision) || !conv.pending.length || conv.offer || openQuestion(conv)) return decision;
  const answer = readAnswerShape(conv.user, {
    things: namedThings(conv, facts),
    recipes: [...facts.recipes, ...facts.installed],
    people: new Set([
      ...facts.users.map((u) => u.toLowerCase()),
      ...conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username.toLowerCase()] : [])),
    ]),
  });
  return answer === undefined ? decision : { confirm: answer };
}
