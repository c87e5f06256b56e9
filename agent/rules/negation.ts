/**
 * The one reader of a clause's polarity: whether the action a clause names is asked for, or
 * negated, refused, counterfactual or judged bad. The readers downstream (the parser, the
 * protections of agent/safety/read.ts, every backend) know the plain negations ("don't wipe sda",
 * "do not give lena sudo", "i would not remove curl"); people also say
 *
 * - a modal and a negation without the apostrophe: "i wouldnt wipe sda", "couldnt erase sda",
 *   "wont be erasing sda";
 * - a wish against it: "i would hate to erase sda", "id hate for sda to get wiped", "i would hate
 *   for her to have sudo";
 * - a judgement after it: "erasing sda would be bad", "wiping sda = bad idea", "erasing sda is a
 *   no go", "giving lena sudo would be a mistake";
 * - a consequence: "wipe sda and im dead", "uninstall git and i'm toast";
 * - a refusal after it: "wipe sda? no way", "erase sda lol no", "remove git? absolutely not",
 *   "create user lena with sudo? nope" (the refusal binds to the privilege, not to the user).
 *
 * `restatePolarity` says each such clause the plain way ("do not wipe sda", "create user lena
 * without sudo"), so every reader after it, whichever backend, reads the protection instead of the
 * action. A destructive misread is a bug, so this runs on the words before anything reads them
 * (agent/conversation.ts), and `negatedTargets` is the last check before a destructive call is
 * added (agent/rules/negatedCalls.ts, in agent/conversation.ts).
 */

import { closest } from "./text.js";

/** Destructive (or privilege-granting) verbs by their base form, with the forms people use. */
const VERB_FORMS: Record<string, readonly string[]> = {
  wipe: ["wipe", "wipes", "wiping", "wiped", "wipeing"],
  erase: ["erase", "erases", "erasing", "erased"],
  format: ["format", "formats", "formatting", "formating", "formatted", "formated"],
  reformat: ["reformat", "reformatting", "reformatted"],
  delete: ["delete", "deletes", "deleting", "deleted"],
  remove: ["remove", "removes", "removing", "removed"],
  uninstall: ["uninstall", "uninstalls", "uninstalling", "uninstalled"],
  purge: ["purge", "purges", "purging", "purged"],
  nuke: ["nuke", "nukes", "nuking", "nuked"],
  lose: ["lose", "loses", "losing", "lost"],
  destroy: ["destroy", "destroys", "destroying", "destroyed"],
  overwrite: ["overwrite", "overwrites", "overwriting", "overwritten", "overwrote"],
  touch: ["touch", "touches", "touching", "touched"],
  trash: ["trash", "trashing", "trashed"],
  kill: ["kill", "killing", "killed"],
  clear: ["clear", "clearing", "cleared"],
  give: ["give", "gives", "giving", "given", "gave"],
  grant: ["grant", "grants", "granting", "granted"],
};

const BASE = new Map<string, string>();
for (const [base, forms] of Object.entries(VERB_FORMS)) for (const f of forms) BASE.set(f, base);
const ANY_FORM = [...BASE.keys()].sort((a, b) => b.length - a.length).join("|");
const GERUND = [...BASE.keys()].filter((f) => f.endsWith("ing")).join("|");
const PARTICIPLE = [...BASE.keys()].filter((f) => /(?:ed|en|st)$/.test(f)).join("|");

const SUDO = "(?:sudo|admin|admin rights|administrator|root|root access|super ?user(?: rights)?|wheel)";

/** A judgement that the action is bad: "would be bad", "= bad idea", "is a no go". */
const JUDGEMENT =
  "(?:(?:would|will|could|might)\\s+be|would|'d\\s+be|is|are|was|=+|->|sounds|seems|feels|'s)\\s+(?:like\\s+)?(?:(?:a|an|so|really|very|super|pretty|totally|such\\s+a|kind\\s+of|kinda|the|a\\s+really|an\\s+absolute|a\\s+total|a\\s+very)\\s+)*(?:bad|terrible|awful|horrible|horrific|dumb|stupid|insane|crazy|dangerous|unwise|wrong|worst|fatal|tragic|tragedy|disaster|disastrous|catastrophe|catastrophic|nightmare|mistake|no\\s*-?\\s*go|nogo|no\\s*-?\\s*no|not\\s+ok(?:ay)?|not\\s+cool|not\\s+an\\s+option|not\\s+happening|unacceptable|out\\s+of\\s+the\\s+question|deal\\s*-?\\s*breaker|bad\\s+news|a\\s+problem|problematic)\\b";

/**
 * A consequence the speaker fears: "and im dead", "and i'll cry". ("n" is "and" only as a word of
 * its own: "wipe the sandisk whe|n you're done" was read as "and you're done", a fear, and became
 * "do not wipe the sandisk whe", dev17-keep h16k-028.)
 */
const CONSEQUENCE =
  "(?:\\band|&|\\bn|\\bor)\\s+(?:(?:i'?m|i\\s+am|im|i'?ll\\s+be|ill\\s+be|i\\s+will\\s+be|i'?d\\s+be|id\\s+be|you'?re|youre|you\\s+are|ur|u\\s+r|we'?re|we\\s+are|thats?|that'?s|its|it'?s)\\s+(?:so\\s+|totally\\s+|literally\\s+|completely\\s+|absolutely\\s+)?(?:dead|toast|done|done\\s+for|screwed|fired|finished|dead\\s+meat|in\\s+trouble|ruined|doomed)|(?:i|i'?ll|ill|i\\s+will|you'?ll|youll)\\s+(?:die|cry|quit|scream|kill\\s+you|lose\\s+it|be\\s+dead|be\\s+fired))\\b";

/** A refusal said after the action: "? no way", "lol no", "nope". Bare "no" only after a laugh. */
const REFUSAL =
  "(?:(?:lol|lmao|haha+|ha|uh|um|hmm|ehh?|god|oh)\\s*,?\\s*)?(?:no\\s+way(?:\\s+(?:jose|man|dude|in\\s+hell))?|absolutely\\s+not|definitely\\s+not|certainly\\s+not|of\\s+course\\s+not|hell\\s+no|heck\\s+no|hell\\s+nah|god\\s+no|nope|nah+|no\\s+thanks|no\\s+thank\\s+you|not\\s+a\\s+chance|no\\s+chance|never\\s+ever|never|no\\s+no(?:\\s+no)*|not\\s+happening|dont\\s+you\\s+dare|don't\\s+you\\s+dare)";
const LAUGH_NO = "(?:lol|lmao|haha+|jk|rofl)\\s*,?\\s*no";

const REFUSAL_ONLY = new RegExp(`^\\s*(?:${REFUSAL}|${LAUGH_NO})\\s*[.!]*\\s*(?:[,;)]\\s*|$)`, "i");
const TRAILING_REFUSAL = new RegExp(
  `^(.*?\\b(?:${ANY_FORM})\\b.*?)[\\s,]+(?:${LAUGH_NO}|(?:${REFUSAL}))\\s*[.!]*\\s*$`,
  "i",
);

/** A word for the piece of text a rewrite starts with, kept as said ("but", "ok", "honestly"). */
const OPENER =
  "(?:(?:but|and|also|so|ok(?:ay)?|honestly|tbh|well|like|um+|uh+|oh|just|and\\s+also|plus)\\s*,?\\s+)*";

/** A word without which no rule below can match: the cheap test before the reading. */
const CUE =
  /\b(?:wouldn?t|wudnt|woudnt|wouldent|couldn?t|cudnt|wont|won't|would|will|no|nope|nah+|never|not|hate|loathe|dread|detest|dislike|bad|terrible|awful|horrible|horrific|dumb|stupid|insane|crazy|dangerous|unwise|wrong|worst|fatal|tragic|tragedy|disaster|disastrous|catastrophe|catastrophic|nightmare|mistake|nogo|unacceptable|question|deal\s*-?\s*breaker|problem|problematic|dead|toast|done|screwed|fired|finished|trouble|ruined|doomed|die|cry|quit|scream|kill|lol|lmao|haha+|rofl|jk|chance|thanks|thank|way|dont|don't|dare|lose)\b|=|->|'s\b/i;

export interface Polarity {
  /** "negated": the action is refused, counterfactual or judged bad; "affirmed" otherwise. */
  readonly polarity: "negated" | "affirmed";
  /** The plain words of the clause: "do not wipe sda" for "wipe sda? no way". */
  readonly plain: string;
  /** Only a contraction spelled out ("wouldnt" → "would not"): no action found to refuse. */
  readonly spelledOnly?: boolean;
}

/** "erasing" → "erase", "wiped" → "wipe". */
export function verbBase(word: string): string | undefined {
  return BASE.get(word.toLowerCase());
}

function tidy(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** The action of a clause said plainly and negated: "give lena sudo" → "do not give lena sudo". */
function refuse(action: string): string | undefined {
  const a = tidy(action.replace(/[?!.,]+\s*$/, ""));
  // "create user lena with sudo? nope": the refusal is of the privilege, not of the user
  const withSudo = new RegExp(
    `\\b(?:with|w/|plus|and|\\+)\\s+(?:full\\s+)?${SUDO}(?:\\s+(?:rights|access|privileges|powers))?\\b`,
    "i",
  );
  if (withSudo.test(a) && !/\b(?:give|gives|giving|grant)\b/i.test(a))
    return a.replace(withSudo, "without sudo");
  // "add user pia, sudo?": a bare privilege refused
  if (new RegExp(`^${SUDO}(?:\\s+(?:for\\s+\\w+|too|as\\s+well))?$`, "i").test(a))
    return `no sudo${a.replace(new RegExp(`^${SUDO}`, "i"), "")}`;
  const m = new RegExp(`^(.*?)\\b(${ANY_FORM})\\b(.*)$`, "i").exec(a);
  if (!m) return undefined;
  const base = verbBase(m[2]!)!;
  const before = m[1]!;
  // "you can wipe sda? no way", "pls wipe sda lol no": what comes before the verb asks, it names nothing
  if (
    /\b(?:sda|sdb|nvme|disk|drive|user)\b/i.test(before) &&
    !/\b(?:you|u|pls|please|then|just|go|and|ahead)\b/i.test(before)
  )
    return undefined;
  return `do not ${base}${m[3]}`;
}

/**
 * A gerund or passive clause judged bad or feared: "erasing sda", "sda getting wiped", "if you
 * wiped sda", "giving her sudo". The plain action, or undefined when there is none.
 */
function actionOf(subject: string): string | undefined {
  const s = tidy(subject);
  let m = new RegExp(`^(?:${OPENER})(?:me\\s+|you\\s+|u\\s+|us\\s+)?(${GERUND})\\b(.*)$`, "i").exec(s);
  if (m) return `${verbBase(m[1]!)}${m[2]}`;
  m = new RegExp(
    `^(?:${OPENER})(?:if|when)\\s+(?:you|u|i|we|it)\\s+(?:(?:were\\s+to|did|do|would|ever|accidentally|just)\\s+)*(${ANY_FORM})\\b(.*?)(?:,?\\s*(?:that|it|thatd|itd|that'd|it'd))?$`,
    "i",
  ).exec(s);
  if (m) return `${verbBase(m[1]!)}${m[2]}`;
  m = new RegExp(
    `^(?:${OPENER})(.+?)\\s+(?:getting|being|to\\s+get|to\\s+be|get|gets|got|is|was)\\s+(${PARTICIPLE})\\b(.*)$`,
    "i",
  ).exec(s);
  if (m) return `${verbBase(m[2]!)} ${m[1]}${m[3]}`;
  m = new RegExp(
    `^(?:${OPENER})(\\w+)\\s+(?:having|getting|with|to\\s+have|to\\s+get)\\s+${SUDO}\\b(.*)$`,
    "i",
  ).exec(s);
  if (m) return `give ${m[1]} sudo${m[2]}`;
  return undefined;
}

/**
 * "i would hate to lose zsh", "id hate for sda to get wiped", "i'd hate for her to have sudo"; and
 * the same wish said as a feeling: "I'd be gutted to lose them", "i'd be lost if sda got wiped"
 * (dev17-keep h16k-062: "bat has my custom themes set up, I'd be gutted to lose them" removed bat).
 */
function readHate(piece: string): string | undefined {
  const m =
    /^(.*?)(?:\b(?:i|we)\s+)?(?:(?:would|'d|d|will|really|truly|absolutely|so|just)\s+)*(?:i'd\s+|id\s+|i\s+d\s+)?(?:really\s+|truly\s+|absolutely\s+)?(?:hate|loathe|dread|detest|not\s+like|dislike|(?:be|feel|am|'m|m|get)\s+(?:so\s+|really\s+|very\s+|absolutely\s+|properly\s+)?(?:gutted|sad|devastated|upset|heartbroken|crushed|miserable|unhappy|annoyed|livid|furious|mad|sick|sorry|lost|screwed|gone))\s+(?:it\s+)?(to|for|if|it\s+if|when)\s+(.+)$/i.exec(
      tidy(piece),
    );
  if (!m) return undefined;
  const [, opener, link, rest] = m;
  let action: string | undefined;
  if (link!.toLowerCase() === "to") {
    const v = new RegExp(`^(?:see\\s+|have\\s+to\\s+|need\\s+to\\s+)?(${ANY_FORM})\\b(.*)$`, "i").exec(rest!);
    action = v ? `${verbBase(v[1]!)}${v[2]}` : undefined;
  } else if (link!.toLowerCase() === "for") {
    const v = new RegExp(`^(.+?)\\s+to\\s+(?:get|be|end\\s+up)\\s+(${PARTICIPLE})\\b(.*)$`, "i").exec(rest!);
    const s = new RegExp(`^(\\w+)\\s+to\\s+(?:have|get|receive)\\s+${SUDO}\\b(.*)$`, "i").exec(rest!);
    const l = new RegExp(`^(.+?)\\s+to\\s+(${ANY_FORM})\\b(.*)$`, "i").exec(rest!);
    action = v
      ? `${verbBase(v[2]!)} ${v[1]}${v[3]}`
      : s
        ? `give ${s[1]} sudo${s[2]}`
        : l && verbBase(l[2]!) === "lose"
          ? `lose${l[3]}`
          : undefined;
  } else action = actionOf(`if ${rest}`);
  return action ? tidy(`${opener}do not ${action}`) : undefined;
}

/**
 * The polarity of one clause (no sentence marks inside) and its plain words. `next` is the text
 * that follows it, for a refusal said after a question mark ("wipe sda? no way").
 */
export function readPolarity(clause: string): Polarity {
  // most words carry no cue at all: nothing to read (the reader runs on every turn)
  if (!CUE.test(clause)) return { polarity: "affirmed", plain: clause };
  const said = readPolarityAsSaid(clause);
  if (said.polarity === "negated" && !said.spelledOnly) return said;
  // "i wouldnt uninstal git", "erasng sda would be bad": a verb typo is read only beside a cue
  const fixed = clause.replace(/[a-z]{5,}/gi, (w) =>
    BASE.has(w.toLowerCase()) ? w : (closest(w.toLowerCase(), BASE.keys()) ?? w),
  );
  const again = fixed === clause ? undefined : readPolarityAsSaid(fixed);
  return again && again.polarity === "negated" && !again.spelledOnly ? again : said;
}

function readPolarityAsSaid(clause: string): Polarity {
  const piece = clause;
  const affirmed = { polarity: "affirmed" as const, plain: clause };
  // "i wouldnt mind removing bat", "dont mind if you wipe it": said as fine, nothing refused
  if (
    /\b(?:wouldnt|wouldn't|would\s+not|dont|don't|do\s+not|wont|won't|couldnt|couldn't)\s+mind\b/i.test(piece)
  )
    return affirmed;
  const hate = readHate(piece);
  if (hate) return { polarity: "negated", plain: hate };
  // "erasing sda would be bad", "wiping sda = bad idea", "giving lena sudo would be a mistake"
  const judged = new RegExp(`^(.*?)\\s*${JUDGEMENT}.*$`, "i").exec(piece);
  if (judged?.[1]) {
    const action = actionOf(judged[1]);
    if (action) return { polarity: "negated", plain: `do not ${tidy(action)}` };
    // "create user pia giving her sudo would be bad": a request run on before the judged action
    const run = new RegExp(`^(.*?\\s)((?:${GERUND})\\b.*)$`, "i").exec(judged[1]);
    const later = run ? actionOf(run[2]!) : undefined;
    if (run && later) return { polarity: "negated", plain: tidy(`${run[1]}do not ${later}`) };
    // "wipe sda would be bad" said as an imperative
    const r = refuse(judged[1]);
    if (r && new RegExp(`^(?:${OPENER})(?:${ANY_FORM})\\b`, "i").test(tidy(judged[1])))
      return { polarity: "negated", plain: r };
  }
  // "wipe sda and im dead", "uninstall git and i'll cry"
  const feared = new RegExp(`^(.*?\\b(?:${ANY_FORM})\\b.*?)\\s*,?\\s*${CONSEQUENCE}.*$`, "i").exec(piece);
  if (feared) {
    const r = refuse(feared[1]!);
    if (r) return { polarity: "negated", plain: r };
  }
  // "erase sda lol no", "remove git nope"
  const trailing = TRAILING_REFUSAL.exec(piece);
  if (trailing) {
    const r = refuse(trailing[1]!);
    if (r) return { polarity: "negated", plain: r };
  }
  // "i wouldnt wipe sda", "couldnt erase sda", "wont be erasing sda", "no way you wipe sda"
  const modal = new RegExp(
    `^(.*?)\\b(?:wouldnt|wudnt|woudnt|wouldn|wouldent|couldnt|cudnt|couldn|wont|won't|would\\s+not|will\\s+not|no\\s+way(?:\\s+(?:you|u|should\\s+you|will\\s+you|are\\s+you|i\\s+want\\s+you\\s+to|do\\s+i\\s+want\\s+you\\s+to|im\\s+letting\\s+you|i'm\\s+letting\\s+you))?)\\s+((?:(?:be|ever|really|even|go|want\\s+to|wanna|like\\s+to|plan\\s+to|need\\s+to|dare|you|u|ever|just)\\s+)*)(${ANY_FORM})\\b(.*)$`,
    "i",
  ).exec(piece);
  if (modal) {
    const base = verbBase(modal[3]!)!;
    const before = modal[1]!.replace(/\b(?:i|we|you|u|id|i'd|ill|i'll)\s*$/i, "");
    return { polarity: "negated", plain: tidy(`${before}do not ${base}${modal[4]}`) };
  }
  // "wouldnt want sda wiped", "i wouldnt install on the samsung": the readers know "would not"
  const spelled = piece.replace(CONTRACTED, (w) => (/^c/i.test(w) ? "could not" : "would not"));
  return spelled === piece ? affirmed : { polarity: "negated", plain: spelled, spelledOnly: true };
}

const CONTRACTED = /\b(?:wouldnt|wudnt|woudnt|wouldent|couldnt|cudnt)\b/gi;

/** Sentence pieces: split after . ! ? ; and newlines, the marks kept with the piece before. */
function sentences(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    cur += ch;
    const next = text[i + 1];
    const endsSentence =
      ch === "\n" ||
      ch === ";" ||
      ch === "?" ||
      ch === "!" ||
      (ch === "." && (next === undefined || /\s/.test(next)));
    if (endsSentence && !(next && /[?!.]/.test(next))) {
      out.push(cur);
      cur = "";
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** A piece split at its commas, each part with the comma it ended at. */
function commaParts(piece: string): string[] {
  return piece.split(/(?<=[,(])/);
}

function restatePiece(piece: string): string {
  const lead = /^\s*/.exec(piece)![0];
  const end = /[\s?!.;,]*$/.exec(piece)![0];
  const body = piece.slice(lead.length, piece.length - end.length);
  if (!body) return piece;
  const p = readPolarity(body);
  return p.polarity === "negated" ? `${lead}${p.plain}${end.replace("?", ".")}` : piece;
}

/**
 * The user's words with every negated, refused, counterfactual or judged-bad action said plainly
 * ("do not wipe sda", "create user lena without sudo"); words that negate nothing come back as
 * they were, character for character.
 */
export function restatePolarity(text: string): string {
  if (!text.trim()) return text;
  const pieces = sentences(text);
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    // "wipe sda? no way", "create user lena with sudo? nope, normal account": the refusal after a
    // question binds to the clause before it, and what follows the refusal stays
    const refusal = REFUSAL_ONLY.exec(piece);
    const prev = out.at(-1);
    if (refusal && prev !== undefined && /[?,]\s*$/.test(prev)) {
      const parts = commaParts(prev);
      const last = parts.pop()!;
      const body = last.replace(/[\s?,]+$/, "");
      const closes = /\)/.test(refusal[0]) ? ")" : "";
      const lead = /^\s*/.exec(body)![0];
      const plain = refuse(body.trim());
      if (plain) {
        out[out.length - 1] = `${parts.join("")}${lead}${plain}${closes}. `;
        const rest = piece.slice(refusal[0].length);
        if (rest.trim()) out.push(rest);
        continue;
      }
    }
    out.push(commaParts(piece).map(restatePiece).join(""));
  }
  const said = out.join("");
  return said === text ? text : said.replace(/[ \t]+$/, "");
}

/** Whether `restatePolarity` changes these words: a clause in them refuses what it names. */
export function saysNegated(text: string): boolean {
  return restatePolarity(text) !== text;
}
