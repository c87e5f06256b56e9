/**
 * More shapes of an answer to a pending plan (agent/planAnswerShape.ts reads them where every
 * reader before found nothing). Each is a sentence STRUCTURE, not a register's word, and each says
 * below why a refusal cannot take it: a go here runs a plan that may erase a disk, so a shape is
 * admitted only where every refusal of that shape already holds a word of the closed stop class
 * (agent/planAnswerWords.ts), which wins wherever it stands in the turn.
 *
 * Go side:
 * - a phrasal verb on the plan toward its end: "VERB it up|in|on" ("Wrap it up.", "Dial it in.",
 *   "Bring it on.");
 * - go shapes joined by "and" ("Grip it and rip it", "Hem it and send it"), and two bare verbs
 *   joined ("Press and deliver");
 * - an assent participle joined to another past participle ("Signed and witnessed.");
 * - a go followed by "without" and an obstacle ("Accepted without revisions.");
 * - a negated obstacle beside a go ("No worries, go.", "Don't wait, do it.", "Nothing else,
 *   ship it."): the negation's scope is the obstacle, so it is assent, not a stop.
 * Stop side (confirm:false, which runs nothing): a clause headed by a halt ("Hold the saw.",
 * "halt the change"), a negated command on the plan ("don't shoot yet"), or a bare negation in
 * any of the languages near English ("Non, espera, ainda non.").
 * The plan's own syntax, "=CONFIRM(TRUE)" / "confirm(false)", is read as what it says.
 */
import { PLAN_PRONOUNS, stopWord } from "./planAnswerWords.js";

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

/**
 * Particles that carry the plan toward its end: up (to completion), in (to its place), on (into
 * action). Refusals of the shape "VERB it up|in|on" hold back, store, put off or quit: "pack it
 * in", "rein it in", "keep it in", "box it up", "lock it up", "hang it up", "hold it up", "give it
 * up", "save it up", "pass it on", "keep it on": each verb is a word of the stop fields or of
 * NOT_GO_VERBS; the few that are not are PARTICLE_NOT_GO below. Left out on purpose: "down"
 * ("turn it down", "tone it down", "put it down", "set it down", "stand down" refuse), "off" ("call
 * it off", "turn it off", "knock it off", "put it off"), "out" ("take it out", "throw it out",
 * "cut it out", "figure it out", "hash it out"), "back", "over", "aside", "away".
 */
const TOWARD = words("up in on");

/**
 * Verbs whose "VERB it up|in|on" holds back, hides, delays, restrains or discusses, and are no word
 * of the stop fields: "tie it up" (delays), "cover it up", "bring it up" (raise it later), "put it
 * up" (for review), "look it up", "draw it up" (draft), "pull it in|up", "turn it in" (give up,
 * go to bed), "fill it in" (explain), "factor it in", "fence|wall|pen it in", "break it up",
 * "mess it up", "button it up" (be quiet), "clam up", "wind it up" (end, tease), "dry up".
 */
const PARTICLE_NOT_GO = words(`
  tie cover bring put look draw pull turn fill factor fence wall pen rope hem break mess button clam
  wind dry bottle sum tally add total round chalk mark write jot type key punch sign log
`);

/** Nouns of an obstacle: "no X" / "without X" says the obstacle is absent (assent). */
const OBSTACLES = words(`
  worries worry worrys problem problems prob probs issue issues concern concerns objection objections
  doubt doubts complaint complaints hesitation fuss drama sweat bother biggie probz dramas
  revisions revision amendments amendment edits notes comments reservations reservation caveats
`);

/** Verbs of delay: "don't X" / "no X-ing" / "never X" says go now ("don't wait", "no stalling"). */
const DELAYS = words("wait waiting hesitate hesitating stall stalling dawdle dawdling delay delaying");

/** Negation words of the languages near English, as a bare answer ("non", "nein", "nej", "jo"). */
const NEGATIONS = words(`
  no nope nah nay naw non nao nein nie ne nej nee nei ei ez jo niet nem nu ohi ochi nada
`);

/** Halts that head a refusal clause: "Hold the saw.", "halt the change", "whoa there". */
const HALTS = words("hold halt stop wait pause freeze hang belay cease hush espera");

/** The speaker in a reason of their own: "I must back up first", "my wife decides". */
const FIRST_PERSON = words("i i'm im i'll ill i'd i've ive me my mine we we'll we're us our");

/** Determiners that open the object of a halt: "Hold the saw.", "halt our launch". */
const OBJECT_DETERMINERS = words("the this that these those our my your whole entire");

/** Words that may open a clause and say nothing of their own ("Whoa there", "now hold on"). */
const OPENERS = words("oh hey now well ok okay right so um uh hmm there whoa woah");

/** Words that open a question ("what", "is it", "does that"), in either of a clause's first two places. */
const QUESTION_OPENERS = words(`
  what whats what's why how who where which when whose is isn't are aren't does doesn't did
  can could will would should shall am was were have has
`);

/** A negated command: "don't", "do not", "never". */
const NEGATED = /^(?:don't|dont|do not|never|no need to)$/;

/**
 * "Wrap it up.", "Dial it in.", "Bring it on.": a verb of the register, the plan as object, a
 * particle toward the end. `openVerb` is the caller's test of the register's verb.
 */
export function phrasalGo(ws: readonly string[], openVerb: (w: string) => boolean): boolean {
  return (
    ws.length === 3 &&
    PLAN_PRONOUNS.has(ws[1]!) &&
    TOWARD.has(ws[2]!) &&
    !PARTICLE_NOT_GO.has(ws[0]!) &&
    openVerb(ws[0]!)
  );
}

/**
 * The conjuncts of a clause joined by "and" ("grip it and rip it", "press and deliver"), or
 * undefined where it has none. A refusal joined the same way ("wait and see", "stop and think",
 * "sit and wait", "pause and reflect") holds a word of the stop fields in a conjunct, and the stop
 * class wins over the whole turn; every conjunct must itself be a go for the clause to be one.
 */
export function conjuncts(ws: readonly string[]): string[][] | undefined {
  const parts: string[][] = [[]];
  for (const w of ws) {
    if (w === "and" || w === "&" || w === "n" || w === "'n'" || w === "'n") parts.push([]);
    else parts[parts.length - 1]!.push(w);
  }
  return parts.length > 1 && parts.every((p) => p.length) ? parts : undefined;
}

/**
 * "Signed and witnessed.", "Approved and sealed.": a known assent participle joined to other past
 * participles. A refusal in participles ("Reviewed and rejected", "Signed and shelved", "checked
 * and parked") names its refusal in a participle of the stop fields, which wins.
 */
export function participlesGo(parts: readonly string[][], assent: ReadonlySet<string>): boolean {
  if (!parts.every((p) => p.length === 1)) return false;
  const ws = parts.map((p) => p[0]!);
  return (
    ws.some((w) => assent.has(w)) &&
    ws.every((w) => assent.has(w) || (/^[a-z]{3,}(?:ed|en)$/.test(w) && !stopWord(w)))
  );
}

/** "accepted without revisions" -> "accepted": a go whose only modifier says nothing is missing. */
export function withoutObstacle(ws: readonly string[]): string[] {
  const i = ws.indexOf("without");
  if (i < 1) return [...ws];
  const rest = ws.slice(i + 1).filter((w) => !/^(?:any|further|more|a|an|the|real)$/.test(w));
  return rest.length === 1 && OBSTACLES.has(rest[0]!) ? ws.slice(0, i) : [...ws];
}

/**
 * "no worries", "no problem", "not a concern", "don't wait", "no stalling", "nothing else",
 * "nothing more to add": a negation whose scope is an obstacle or a delay, which says go. It only
 * stands beside a go (the turn still needs a go clause), it is read only as a whole clause (so "no,
 * wait" and "no. problems." stay stops: their comma or full stop parts them), and a time or a
 * condition in it ("not until", "not yet", "no rush") is no obstacle word, so stays a stop.
 */
export function negatedObstacle(ws: readonly string[]): boolean {
  const [a, b, c] = ws;
  if (!a || ws.length > 4) return false;
  if ((a === "no" || a === "without" || a === "zero") && ws.length === 2) return OBSTACLES.has(b!);
  if (a === "not" && b === "a" && ws.length === 3) return OBSTACLES.has(c!);
  if (a === "no" && ws.length === 3 && (b === "more" || b === "further" || b === "real"))
    return OBSTACLES.has(c!) || DELAYS.has(c!);
  if ((a === "dont" || a === "don't" || a === "never") && ws.length === 2) return DELAYS.has(b!);
  if (a === "do" && b === "not" && ws.length === 3) return DELAYS.has(c!);
  if (a === "no" && ws.length === 2) return DELAYS.has(b!);
  if (a === "nothing" && (b === "else" || b === "more" || b === "further"))
    return ws.length === 2 || (ws.length === 4 && c === "to" && ws[3] === "add");
  return false;
}

/**
 * "=CONFIRM(TRUE)", "confirm(false)", "confirm: yes": the plan's own decision written out, which
 * says exactly one value. undefined where the turn is anything more.
 */
export function literalConfirm(text: string): boolean | undefined {
  const m = /^\s*=?\s*confirm\s*(?:\(\s*|:\s*|=\s*)(true|false|yes|no)\s*\)?\s*;?\s*$/i.exec(text);
  return m ? /^(?:true|yes)$/i.test(m[1]!) : undefined;
}

/**
 * The turn refuses by its shape: a clause headed (after openers) by a halt ("Hold the saw.",
 * "Whoa there, don't turn it yet."), a negated command on the plan or on nothing ("don't shoot
 * yet", "do not run it"), or a bare negation answer ("Non, espera, ainda non.", "Nogat, wet").
 * Only where the caller found no go clause and no thing of this machine named; confirm:false runs
 * nothing, so a misread here costs the plan, never a disk.
 */
export function haltShape(pieces: readonly (readonly string[])[]): boolean {
  // "no what does it do", "hold on is it safe": a question typed without its mark is answered
  if (pieces.some((p) => QUESTION_OPENERS.has(p[0]!) || QUESTION_OPENERS.has(p[1] ?? ""))) return false;
  return pieces.some((p, at) => {
    let i = 0;
    while (i < p.length - 1 && OPENERS.has(p[i]!) && !HALTS.has(p[i]!)) i++;
    const ws = p.slice(i);
    const [a, b] = ws;
    if (!a) return false;
    // a halt on the plan ("Hold the saw.", "halt the change", "Hold it there."); a bare "wait" or
    // "hold on" is a pause, and the plan stays (asked, as before)
    if (HALTS.has(a)) return ws.length > 1 && (PLAN_PRONOUNS.has(b!) || OBJECT_DETERMINERS.has(b!));
    // a bare negation answers the plan only as the turn's first word: later in the turn it answers
    // what was said before it ("reddit says give everyone sudo... nah, I don't trust reddit")
    if (NEGATIONS.has(a) && (ws.length === 1 || HALTS.has(b!) || /^(?:yet|now|today|tonight)$/.test(b!)))
      // and a reason of the speaker's own beside it ("no, I must back up first") is a pause: the
      // plan stays, asked
      return at === 0 && i === 0 && !pieces.some((q) => q.some((w) => FIRST_PERSON.has(w)));
    // "not checking out yet", "not descending today", "not brewing yet": the work named in its
    // progressive, refused for now. A refusal of a thing has its object after the verb ("not
    // installing htop yet"), which the caller never reads here (the turn names nothing); a time
    // that is now or later-in-a-moment ("not yet" alone) is a pause and stays asked
    if (a === "not" && notDoingYet(ws.slice(1))) return true;
    const neg = NEGATED.test(a) ? 1 : a === "do" && b === "not" ? 2 : 0;
    if (!neg) return false;
    // the negated verb's object is the plan or nothing: "don't shoot yet", "don't run it now"
    const rest = ws.slice(neg + 1).filter((w) => !/^(?:yet|now|just|please|pls)$/.test(w));
    return ws.length > neg && (!rest.length || (rest.length === 1 && PLAN_PRONOUNS.has(rest[0]!)));
  });
}

/** Particles a progressive may carry: "checking out", "setting off", "going ahead". */
const PARTICLES = words("out off on up in ahead through forward down");

/** Times that put the work off past this session: "yet", "today", "tonight". */
const NOT_NOW = words("yet today tonight");

/** "checking out yet", "descending today": a progressive, a particle at most, then a time not now. */
function notDoingYet(ws: readonly string[]): boolean {
  const [verb, ...rest] = ws;
  if (!verb || !/^[a-z]{3,}ing$/.test(verb) || rest.length < 1 || rest.length > 2) return false;
  const time = rest[rest.length - 1]!;
  return NOT_NOW.has(time) && (rest.length === 1 || PARTICLES.has(rest[0]!));
}
