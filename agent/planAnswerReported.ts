/**
 * An answer to a pending plan REPORTED rather than said: the person at the keyboard relays the
 * decision of the one they act for, or states their own assent as a fact ("Gary says yes.", "Gary
 * says go ahead.", "my wife says no", "Gary confirms.", "Gary is ready.", "I assent.", "I withhold
 * assent, for now."), or hedges a plain yes ("Basically yes."). Read by agent/planAnswerShape.ts
 * where every reader before found nothing in the turn.
 *
 * Each shape is a SUBJECT and a closed predicate; the subject is a person (a name that is nothing
 * of this machine or plan, a personal pronoun, or "my|the|our ..." and a word for a person), never
 * a thing ("the log says go" is no one's decision: "log" is no person word, and one open word
 * alone is read as a name only where nothing else of the turn names anything here).
 *
 * Why a go read here is safe: the predicate of a go is either a complete yes in the words yesNo
 * already trusts ("says yes|go|go ahead|proceed"), a verb of assent itself (confirm, approve,
 * agree, assent, consent, accept, concur, authorize), or readiness ("is ready", "is happy with
 * that"); any other word in the piece makes it no shape at all, and the caller still needs every
 * other piece of the turn to be a go or a plain remark, and still finds the stop class (wait, later,
 * doubt, negation, "but", a reason of the speaker's own) anywhere else in the turn. "Gary says no",
 * "Gary refuses", "I withhold assent" are refusals by the same shapes: confirm:false runs nothing.
 * "I'm fine" and "we're good" are left out: said to a question they decline as often as agree.
 */
import { yesNo } from "./yesno.js";

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Personal pronouns that may report a decision: "he says go", "everyone agrees". */
const PERSON_PRONOUNS = words("he she they we i everyone everybody all");

/** Words for a person, after "my|the|our|your|his|her": "my wife says yes", "the boss approves". */
const PERSON_NOUNS = words(`
  wife husband partner spouse son daughter kid kids child children dad mom mum mother father
  brother sister grandson granddaughter grandpa grandma grandad granddad grandmother grandfather
  uncle aunt nephew niece cousin family boss manager owner client customer colleague team lead
  supervisor chief captain doctor teacher friend roommate flatmate landlord tenant admin sysadmin
  patient user buyer sponsor committee council board
`);

/** What opens a person's noun phrase: "my wife", "the boss", "our client". */
const POSSESSIVES = words("my the our your his her their");

/** Verbs that relay an answer: "says yes", "said go", "say no". */
const SAY = words("says said say");

/** Verbs of assent, third person and base form: "Gary confirms", "I assent", "we agree". */
const ASSENT_VERBS = words(`
  confirms confirm approves approve agrees agree assents assent consents consent accepts accept
  concurs concur authorizes authorize authorises authorise okays okay endorses endorse
`);

/** Verbs that withhold the answer: "Gary refuses", "I withhold assent", "the board rejects it". */
const REFUSE_VERBS = words(`
  refuses refuse declines decline rejects reject vetoes veto objects object disagrees disagree
  disapproves disapprove withholds withhold denies deny
`);

/** What an assent or a refusal may take as its object: the assent itself, or the plan. */
const ANSWER_OBJECTS = words("assent consent approval it this that plan everything all");

/** Readiness said of a person: "Gary is ready", "she's happy with that", "we're all set". */
const READY = words("ready happy satisfied content set");

/** The plan as the object of "with": "happy with that", "ready with the plan". */
const PLAN_WORDS = words("it this that plan everything all");

/** Hedges that keep a yes a yes: "Basically yes.", "honestly, go". Never doubt (that is a stop). */
const HEDGES = words("basically essentially honestly frankly really truly so well");

/** A check said done by a person: "Gary has looked at the plan.", "she read it", "we've seen it". */
const CHECKED = words("looked read seen checked reviewed viewed studied");

/** "has|have|'s|'ve" before a participle. */
const HAVE = words("has have had");

/**
 * The subject of a report: how many words it takes at the start of `ws` (0: none). `open` is the
 * caller's test of an open word (plain letters, nothing of this machine, no stop word, no tool word).
 */
function subject(ws: readonly string[], open: (w: string) => boolean): number {
  const [a, b] = ws;
  if (!a) return 0;
  if (PERSON_PRONOUNS.has(a)) return 1;
  if (POSSESSIVES.has(a) && b !== undefined && PERSON_NOUNS.has(b)) return 2;
  // a name: one open word that is no pronoun of the plan ("it says go" is no person's word)
  return open(a) && !PLAN_WORDS.has(a) && !POSSESSIVES.has(a) ? 1 : 0;
}

/** "gary's ready", "she's happy", "we're set": the contraction parted into subject and "is". */
function uncontracted(ws: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of ws) {
    const m = /^([a-z]+)'(s|re|m|ve)$/.exec(w);
    if (m) out.push(m[1]!, m[2] === "ve" ? "have" : "is");
    else out.push(w);
  }
  return out;
}

/**
 * true: the piece reports a go ("Gary says go ahead", "Gary confirms", "I assent", "Gary is ready",
 * "Gary is happy with that"); false: it reports a refusal ("Gary says no to this", "I withhold
 * assent"); undefined: it is no report of an answer.
 */
export function reportedAnswer(said: readonly string[], open: (w: string) => boolean): boolean | undefined {
  const ws = uncontracted(said);
  const n = subject(ws, open);
  if (!n) return undefined;
  const rest = ws.slice(n);
  const [verb, ...tail] = rest;
  if (!verb) return undefined;
  // "Gary says yes", "my wife said go ahead", "he says to proceed", "Gary says no to this"
  if (SAY.has(verb)) {
    const answer = tail[0] === "to" || tail[0] === "that" ? tail.slice(1) : tail;
    // "yes to this", "no to the plan": the answer and what it answers
    const to = answer.indexOf("to");
    const own = to > 0 && isPlanObject(answer.slice(to + 1)) ? answer.slice(0, to) : answer;
    const said = own.length ? yesNo(own.join(" ")) : undefined;
    // "Gary says wait", "she says not yet": a pause relayed keeps the plan, as the speaker's own does
    return said === false && own.some((w) => /^(?:wait|hold|hang|pause|yet|later|sec|moment|minute)$/.test(w))
      ? undefined
      : said;
  }
  // "Gary confirms", "I assent", "the board approves it"
  if (ASSENT_VERBS.has(verb)) return !tail.length || isPlanObject(tail) ? true : undefined;
  // "Gary refuses", "I withhold assent", "she declines it"
  if (REFUSE_VERBS.has(verb)) return !tail.length || isPlanObject(tail) ? false : undefined;
  // "Gary is ready", "Gary is happy with that", "they are all set"
  if (verb === "is" || verb === "are" || verb === "am") {
    const pred = tail[0] === "all" ? tail.slice(1) : tail;
    if (!pred.length || !READY.has(pred[0]!)) return undefined;
    const after = pred.slice(1);
    // "happy", "satisfied", "content" need what they are happy with; "ready" and "set" stand alone
    if (!after.length) return pred[0] === "ready" || pred[0] === "set" ? true : undefined;
    return after[0] === "with" && isPlanObject(after.slice(1)) ? true : undefined;
  }
  return undefined;
}

/** "it", "this", "the plan", "that plan", "everything", "assent": the answer's object. */
function isPlanObject(ws: readonly string[]): boolean {
  const rest = ws[0] === "the" || ws[0] === "this" || ws[0] === "that" ? ws.slice(ws.length > 1 ? 1 : 0) : ws;
  return rest.length === 1 && (ANSWER_OBJECTS.has(rest[0]!) || PLAN_WORDS.has(rest[0]!));
}

/**
 * "Gary has looked at the plan.", "she's read it", "we have seen it": a person's check said done.
 * A remark, no answer by itself: it may stand beside a go as "Good." does, never alone.
 */
export function reportedCheck(said: readonly string[], open: (w: string) => boolean): boolean {
  const ws = uncontracted(said);
  const n = subject(ws, open);
  if (!n || !HAVE.has(ws[n] ?? "")) return false;
  const rest = ws.slice(n + 1);
  const verb = rest[0];
  if (!verb || !CHECKED.has(verb)) return false;
  const obj = rest[1] === "at" || rest[1] === "over" || rest[1] === "through" ? rest.slice(2) : rest.slice(1);
  return !obj.length || isPlanObject(obj);
}

/** "Basically yes.", "honestly, go": a plain yes under a hedge that takes nothing from it. */
export function hedgedAnswer(ws: readonly string[]): boolean | undefined {
  const plain = ws.filter((w) => !HEDGES.has(w));
  if (!plain.length || plain.length === ws.length) return undefined;
  return yesNo(plain.join(" ")) === true ? true : undefined;
}

/**
 * "what's left", "what remains", "the rest", "whatever is left", "everything else": the plan's
 * remainder as the object of a start verb ("Proceed with what's left.").
 */
export function remainder(ws: readonly string[]): boolean {
  const t = ws.join(" ");
  return /^(?:what's|whats|what is|whatever's|whatever is|everything that's|everything that is) (?:left|remaining)$|^(?:what|whatever) remains$|^(?:the|all the) (?:rest|remainder)(?: of it| of the plan)?$|^(?:everything|all) else$|^the remaining (?:steps?|changes?|plan|bits?|parts?)$/.test(
    t,
  );
}

/** What a declaration points at: the words just said, or the answer itself ("my answer is yes"). */
const DECLARED_SUBJECTS =
  /^(?:that|this|it|which|so|all (?:that|this)|all of (?:that|this)|(?:the|my|our) (?:answer|verdict|decision|reply|response|vote))$/;

/** The answer a declaration names: a yes or a go, with its article. */
const DECLARED_ANSWERS = /^(?:a |an )?(?:yes|go|go ahead|green light|thumbs up)(?: from me| from us| then)?$/;

/**
 * "that means yes", "(that means yes)", "that's a yes", "this is a go", "my answer is yes",
 * "consider that a yes", "take that as a yes", "call it a yes", "i.e. yes": the person says in so
 * many words that what they just said is a yes. A register's sentences before it ("Up, up and
 * away!", "The End.", "Operators are standing by:") need no reading of their own: the
 * declaration says what they meant. Closed: the subject is the words said or the answer, the verb
 * one of meaning or being, the complement a bare yes or go; a negation anywhere in the piece
 * ("that doesn't mean yes", "that's not a yes") or any other word makes it no declaration. A
 * declared no ("that means no") is a refusal, which runs nothing.
 */
export function declaredAnswer(said: readonly string[]): boolean | undefined {
  const ws = uncontracted(said);
  if (
    ws.some((w) => /^(?:not|never|no|isn't|isnt|doesn't|doesnt|didn't|wasn't|n't)$/.test(w)) &&
    ws.at(-1) !== "no"
  )
    return undefined;
  const t = ws.join(" ");
  const m =
    /^(?:(.+?) (?:means|meant|mean|is|was|equals|counts as|=)|(?:consider|take|call|count) (?:that|this|it)(?: as)?|i e|ie) (.+)$/.exec(
      t,
    );
  if (!m) return undefined;
  if (m[1] !== undefined && !DECLARED_SUBJECTS.test(m[1])) return undefined;
  const answer = m[2]!;
  if (DECLARED_ANSWERS.test(answer)) return true;
  return /^(?:a )?no(?: from me| from us| then)?$/.test(answer) ? false : undefined;
}
