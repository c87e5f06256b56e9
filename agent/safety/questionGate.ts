import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { stillAsking } from "../rules/stillAsking.js";
import { isVerdict } from "../rules/verdict.js";
import type { ConversationView, PlanCall } from "../types.js";
import { questionIn } from "./openQuestion.js";
import { ASKING } from "./question.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * Questions never act, in two places of agent/turn.ts: before a backend decides (readQuestions,
 * asksMayI: what a turn asks is held back from what it requests) and after (screenAskedBack: a
 * turn that asks back "erase it anyway?" takes no destructive call I offered). Both close the same
 * door, an erase taken on words that only asked about it, so they live in one module.
 */

/**
 * A question never acts. "does ripgrep get removed", "helix gets removed?", "does sda get erased",
 * "ok but does the samsung get wiped yes or no": the person asks what the plan or the machine does;
 * whatever a backend reads in the words, nothing is added, changed or dropped. Read here, for every
 * backend, before and after it decides (agent/turn.ts): the question sentences of a turn are held
 * back from the request sentences ("add eza. does that remove bat?" acts on "add eza" only), and a
 * turn of questions only is handed on as a question (ending in "?", so the backends answer it).
 *
 * A request addressed to the installer is not a question: "can you install fd?", "could you add
 * lena with sudo", "would you put it on the nvme?", "can i have fd?".
 */

/** Words that open a yes/no question when a subject follows that is not the installer. */
const AUX = new Set([
  ...ASKING,
  "doe",
  "dose",
  "can",
  "could",
  "may",
  "am",
  "isnt",
  "doesnt",
  "wont",
  "arent",
]);
const WH = new Set(["what", "whats", "which", "how", "why", "where", "when", "who", "whose"]);
/** The installer as the subject: "can you add fd", "would u use the nvme", "could ya". */
const ADDRESSED = new Set(["you", "u", "ya", "yu", "yo"]);
/** "can i have fd?", "could we add bat": asking for something. */
const ASKING_FOR = new Set(["i", "we"]);
const FILLER = new Set([
  "so",
  "ok",
  "okay",
  "k",
  "and",
  "but",
  "wait",
  "hmm",
  "hm",
  "um",
  "uh",
  "actually",
  "oh",
  "also",
  "then",
  "just",
  "quick",
  "question",
  "btw",
  "sorry",
  "hey",
  "well",
  "right",
]);
/** The step's effect said of its object: "sda gets erased?", "is ripgrep being removed". */
const EFFECT =
  /\b(?:get|gets|getting|got|be|being|been|is|are|was|stay|stays|remain|remains)\s+(?:\w+\s+)?(?:erased|wiped|formatted|removed|deleted|uninstalled|touched|kept|lost|replaced|overwritten|installed|created|added|changed|destroyed|reformatted|repartitioned|resized|shrunk|nuked|gone|safe|encrypted|admin|sudo)\b/;

function words(s: string): string[] {
  return s
    .toLowerCase()
    .replace(/[’']/g, "")
    .split(/[^a-z0-9/_.-]+/)
    .map((w) => w.replace(/[.-]+$/, ""))
    .filter((w) => w.length > 0);
}

/** Whether one sentence (or comma clause) asks rather than requests. */
export function asksSentence(sentence: string): boolean {
  const w = words(sentence);
  while (w.length > 1 && FILLER.has(w[0]!)) w.shift();
  const first = w[0];
  if (!first) return false;
  const mark = /\?\s*$/.test(sentence);
  if (WH.has(first)) {
    // "how about fd", "what about adding bat": a suggestion, not a question about the plan
    if (w[1] === "about") return false;
    return mark || ["is", "are", "does", "do", "will", "gets", "get", "happens", "s"].includes(w[1] ?? "");
  }
  if (AUX.has(first)) {
    const subject = w[1] ?? "";
    // "ok is fine, please go now", "is good": a verdict said without its "it", not a question
    if (isVerdict(w, sentence)) return false;
    if (ADDRESSED.has(subject)) return false;
    if (ASKING_FOR.has(subject) && ["can", "could", "may"].includes(first)) return false;
    // "do the same for ines", "do encryption", "have fd too": a request unless it is marked or says
    // what happens to something
    if (["do", "have", "has", "should", "would", "will"].includes(first) && !mark) {
      const effect = EFFECT.test(w.join(" ")) || /\b(?:i|we|my|me|it|this|that)\b/.test(w.slice(1).join(" "));
      if (!effect || (first === "do" && ["the", "it", "that", "this", "a", "an"].includes(subject)))
        return false;
    }
    // "is it possible to add fd", "would it be possible": a request said politely
    if (/\bpossible\b/.test(w.join(" "))) return false;
    return true;
  }
  // "sda gets erased?", "so the samsung is safe?", "lena gets sudo or not"
  if (EFFECT.test(w.join(" ")) && (mark || /\b(?:or not|yes or no)\s*[?!.]*$/.test(sentence.toLowerCase())))
    return true;
  // "erase it anyway?", "erase it??", "Shall I erase it anyway?", "you'd wipe it?": an erase said
  // back with a question mark (my own question quoted, or doubted) asks; only "yes" or an erase
  // said plainly takes it (tester 7 D16)
  if (mark && w.some((x) => ERASE_ASKED.test(x))) return true;
  return false;
}

const ERASE_ASKED = /^(?:erase|wipe|format|reformat|nuke|overwrite|destroy|erased|wiped|formatted)$/;

/** The sentences of a turn: split after ".", "?" or "!" (a "/dev/sda." ends one too). */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[?!]|\.(?=\s|$))\s*/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && /[a-z0-9]/i.test(s));
}

export interface QuestionReading {
  /** The sentences that ask (none: the turn is only requests). */
  questions: string[];
  /** What is left to act on; empty when the turn only asks. */
  requests: string;
}

/**
 * The turn's question sentences apart from its requests. A sentence that ends in "?" and has a
 * question clause after a comma ("i want to keep ripgrep, does it get removed if i add fd?") asks.
 */
export function readQuestions(text: string): QuestionReading {
  const questions: string[] = [];
  const requests: string[] = [];
  for (const s of sentences(text)) {
    // "is the samsung going to be wiped? yes or no": the tag only insists on the question before it
    if (questions.length && QUESTION_TAG.test(s)) continue;
    const clauses = s.split(/,\s*/);
    const asks =
      asksSentence(s) ||
      (/\?\s*$/.test(s) && clauses.length > 1 && asksSentence(clauses.at(-1)!)) ||
      (clauses.length > 1 && asksSentence(clauses.at(-1)!) && /\b(?:or not|yes or no)\s*[?!.]*$/i.test(s));
    (asks ? questions : requests).push(s);
  }
  // "the crucial. is it empty?": a bare name before a question is what the question is about
  if (questions.length && requests.length && requests.every(bareName))
    return { questions: [text.trim()], requests: "" };
  return { questions, requests: requests.join(" ") };
}

// "does lena need sudo? no": a bare yes or no after a question answers that question, never the
// plan (it had dropped the whole plan)
const QUESTION_TAG =
  /^(?:yes or no|yes\/no|y\/n|or not|right|true|correct|or what|yes|yeah|yep|no|nope|nah|no\?|yes\?)\s*[?!.]*$/i;

const VERB =
  /^(?:add|install|use|remove|uninstall|erase|wipe|format|put|give|create|make|drop|cancel|keep|leave|go|yes|yeah|no|nope|ok|okay|set|call|encrypt|delete|forget|scrap|never|dont|do|please|pls)$/;

function bareName(sentence: string): boolean {
  const w = words(sentence);
  return w.length > 0 && w.length <= 3 && !w.some((x) => VERB.test(x));
}

/**
 * "Can I install on the other disk?", "could we put it next to windows instead?", "can i use it
 * for home?": asked with a question mark, "can I" + a verb of placing + where is a question about
 * what is possible, not the request itself. The backend reads it as the request; what it proposes
 * is only offered (agent/turn.ts), so nothing is erased before a "yes". Without a place ("can i
 * have fd?") or the mark it stays a request.
 */
export function asksMayI(text: string): boolean {
  return sentences(text).some((s) => {
    if (!/\?\s*$/.test(s)) return false;
    const w = words(s);
    while (w.length > 1 && FILLER.has(w[0]!)) w.shift();
    if (!["can", "could", "may"].includes(w[0] ?? "") || !ASKING_FOR.has(w[1] ?? "")) return false;
    const rest = w.slice(2);
    const verb = rest.findIndex((x) => /^(?:install|instal|put|use|have|keep|go|do|dual|boot)$/.test(x));
    if (verb < 0 || verb > 2) return false;
    return /\b(?:on|onto|in|into|next|alongside|beside|for|there)\b/.test(rest.slice(verb + 1).join(" "));
  });
}

/** A question handed on as one: "does sda get erased" → "does sda get erased?". */
export function asQuestion(questions: readonly string[]): string {
  return questions
    .map((q) => {
      const s = q.replace(/[.!]+$/, "").replace(/,?\s*(?:yes or no|or not)\s*\??$/i, "");
      return /\?$/.test(s) ? s : `${s}?`;
    })
    .join(" ");
}

/** "sda gets erased?" asked the way the backends answer it: "does sda get erased?". */
export function inverted(question: string): string {
  const m = /^(?:(?:so|ok|and|but|wait|hmm)\s+)*(.+?)\s+(gets|stays)\s+(.+)$/i.exec(question.trim());
  if (!m || AUX.has(words(m[1]!)[0] ?? "")) return question;
  return `does ${m[1]} ${m[2]!.toLowerCase().slice(0, -1)} ${m[3]}`;
}

export const QUESTION_REPLY =
  'That reads as a question, so I changed nothing. To change the plan, say it as a request ("remove bat", "use the nvme").';

// --- a question said back to a destructive offer ---

/**
 * A question is never the yes to an offer that destroys something. After "Shall I erase it
 * anyway?", the turns "erase it anyway?", "you'd erase it anyway?", "erase it??" and the question
 * said back word for word ("Shall I erase it anyway?") hold the request's verb, so a reader takes
 * them for the request; what they say is the person checking what they heard. Taking that as
 * consent erased a disk full of photos (tester 7, DANGEROUS D16). The rule is about the form of the
 * turn, not its words: a turn that ends in a question mark, or that repeats the question I asked,
 * takes none of the destructive calls I offered, whatever a backend read in it ("can you erase
 * it?" is a request put politely, as asksSentence reads it, and is not held back). The question is answered with what "yes" would do and what is lost
 * (agent/rules/stillAsking.ts), the offer stays open, and a plain "yes" (or "erase it") still
 * takes it. Calls that destroy nothing are not held
 * back: "use btrfs?" after an offer of an empty disk is left to the other readers.
 */

/** A call that takes something away: an erase of a whole disk, a removal, a sudo grant. */
export function destroys(c: PlanCall): boolean {
  if (c.tool === "partitionDisk") return erasesWholeDisk(c);
  if (c.tool === "removeRecipe") return true;
  if (c.tool === "createUser") return c.args.sudo === true;
  return false;
}

function plain(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^a-z0-9/]+/g, " ")
    .trim();
}

/** The turn asks (ends in "?") or says my question back to me. */
export function asksBack(user: string, myQuestion: string | undefined): boolean {
  // "can you erase it?", "could you wipe it please?": a request put to me politely, as
  // asksSentence reads it
  if (POLITE.test(user)) return false;
  if (/\?[\s?!.]*$/.test(user.trim())) return true;
  return myQuestion !== undefined && plain(myQuestion).length > 0 && plain(user) === plain(myQuestion);
}

const POLITE = /^\s*(?:(?:ok(?:ay)?|so|then|well|alright)[\s,]+)?(?:can|could|would|will)\s+(?:you|u|ya)\b/i;

const SAME = (a: PlanCall, b: PlanCall) => JSON.stringify(a) === JSON.stringify(b);

export function screenAskedBack(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  const offered = conv.offer?.calls.filter(destroys) ?? [];
  if (!offered.length) return decision;
  const last = conv.turns.at(-1)?.decision;
  const asked = last && "reply" in last ? questionIn(last.reply) : undefined;
  if (!asksBack(conv.user, asked)) return decision;
  const takes =
    ("confirm" in decision && decision.confirm) ||
    ("calls" in decision && decision.calls.some((c) => offered.some((o) => SAME(o, c)) || destroys(c)));
  if (!takes) return decision;
  return stillAsking(
    {
      reply:
        'That reads as a question, so I changed nothing: a question is no yes to this. Answer a plain "yes" to go ahead.',
    },
    conv,
    facts,
  );
}
