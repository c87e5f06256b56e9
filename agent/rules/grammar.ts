/**
 * The grammar of requests about programs: which verb phrase a clause uses, beyond single verbs.
 * English does much of this with phrasal verbs whose particle may follow the object ("set fd up",
 * "throw eza on", "take lazygit off"), with request frames around a plain verb ("can I have jq",
 * "set me up with starship"), and with negated use ("I no longer use fzf"). Nothing here knows
 * recipe names; the caller decides what the object is.
 */

import type { Token } from "./text.js";
import { INSTALL_VERBS, REMOVE_VERBS } from "./vocab.js";

export type VerbIntent = "install" | "remove";

/** A verb whose particle turns it into a request about a program; the particle may come later. */
const PHRASAL: { verb: string; particles: readonly string[]; intent: VerbIntent }[] = [
  { verb: "set", particles: ["up"], intent: "install" },
  { verb: "hook", particles: ["up"], intent: "install" },
  { verb: "pull", particles: ["in", "down"], intent: "install" },
  { verb: "bring", particles: ["in", "over"], intent: "install" },
  { verb: "throw", particles: ["on", "in", "onto"], intent: "install" },
  { verb: "toss", particles: ["on", "in", "onto"], intent: "install" },
  { verb: "pop", particles: ["on", "in", "onto"], intent: "install" },
  { verb: "slap", particles: ["on", "onto"], intent: "install" },
  { verb: "stick", particles: ["on", "in", "onto"], intent: "install" },
  { verb: "load", particles: ["up", "on", "onto"], intent: "install" },
  { verb: "take", particles: ["off", "out", "away"], intent: "remove" },
  { verb: "throw", particles: ["out", "away"], intent: "remove" },
  { verb: "toss", particles: ["out", "away"], intent: "remove" },
  { verb: "clear", particles: ["out", "away", "off"], intent: "remove" },
  { verb: "get", particles: ["rid", "out", "off"], intent: "remove" },
];

/** Verbs that ask for a program by themselves only inside a request frame: "can I have jq". */
const FRAMED = new Set(["have", "try"]);
const FRAMES = new Set(["can", "could", "may", "might", "will", "would", "let", "should"]);

/** Words that stop a verb's reach: a new clause, a question word. */
const REACH = 5;

function norms(tokens: readonly Token[]): string[] {
  return tokens.map((t) => t.norm);
}

/** The phrasal verbs of the clause: [verb index, intent] for each whose particle follows it. */
function phrasal(w: readonly string[]): { at: number; intent: VerbIntent }[] {
  const out: { at: number; intent: VerbIntent }[] = [];
  for (let i = 0; i < w.length; i++) {
    for (const p of PHRASAL) {
      if (w[i] !== p.verb) continue;
      const reach = w.slice(i + 1, i + 1 + REACH);
      if (reach.some((x) => p.particles.includes(x))) out.push({ at: i, intent: p.intent });
    }
  }
  return out;
}

/**
 * "I no longer use fzf", "I don't need helix anymore", "I'm done with bat", "stop using eza": the
 * speaker is finished with a program.
 */
export function finishedWith(w: readonly string[]): boolean {
  const s = ` ${w.join(" ")} `;
  if (/ no longer (use|uses|using|need|needs|want|wants|like) /.test(s)) return true;
  if (/ not (use|need|want|like|using) .*\b(anymore|any more|any longer)\b/.test(s)) return true;
  // "i dont need jq anymore": the contraction typed without its apostrophe, one program named
  // ("i dont need whats on it anymore" is about a disk)
  const bare =
    / (dont|doesnt) (?:really |even |actually )?(use|need|want|like|using) (\S+) (anymore|any more|any longer) /.exec(
      s,
    );
  if (bare && !["what", "whats", "it", "that", "this", "them", "anything", "everything"].includes(bare[3]!))
    return true;
  if (/ (done|finished) with /.test(s)) return true;
  // "fzf is not needed anymore", "bat isn't used any more", "tmux is no longer required"
  if (/ (is|are|isnt|arent|s) (not|no longer) (needed|used|wanted|required|necessary) /.test(s)) return true;
  if (/ stop (using|needing) /.test(s)) return true;
  // "Gary would like it gone", "I want htop gone": a wish whose object is to be GONE (the one
  // participle of going away that says nothing else; "removed" is read as "remove" already)
  if (/ (want|wants|wanted|like|likes|need|needs|needed) (?:\S+ ){1,3}gone /.test(s)) return true;
  if (/ not (need|want) (it|that|this|them) /.test(s)) return true;
  // "helix can go", "bat has to go"
  const m = / (\S+) (can|must|should|has to|have to|needs to|gotta) go( away)? $/.exec(s);
  if (m && !["we", "i", "you", "they", "it", "that", "this", "us", "so"].includes(m[1]!)) return true;
  return false;
}

/** A modal request frame before a framed verb: "can I have", "could we try", "let me have". */
function framed(w: readonly string[]): boolean {
  for (let i = 0; i < w.length; i++) {
    if (!FRAMED.has(w[i]!)) continue;
    const before = w.slice(Math.max(0, i - 3), i);
    if (before.some((x) => FRAMES.has(x)) && !before.includes("not")) return true;
  }
  return false;
}

/** A verb that asks for a removal by itself ("remove", "get rid of", "take off"), not a statement of disuse. */
export function removalVerb(tokens: readonly Token[]): boolean {
  const w = norms(tokens);
  return w.some((x) => REMOVE_VERBS.has(x) && x !== "erase") || phrasal(w).some((p) => p.intent === "remove");
}

/** The -ing forms of the request verbs, with the verb they are ("installing" → install). */
const GERUNDS: Readonly<Record<string, VerbIntent>> = {
  installing: "install",
  adding: "install",
  getting: "install",
  grabbing: "install",
  including: "install",
  downloading: "install",
  putting: "install",
  removing: "remove",
  uninstalling: "remove",
  deleting: "remove",
  purging: "remove",
};

/**
 * "would you mind installing yt-dlp", "do you mind adding jq", "mind removing htop": the polite
 * request said as a question about the listener's mind, its verb in the -ing form (fresh set 26).
 * Why this is safe: the frame is read only with "you" right before "mind" or "mind" first in the
 * clause, and never after a negation or "never" ("never mind removing htop" takes a request back,
 * "I wouldn't mind removing bat" is the speaker's, not a request to me); a removal read here still
 * names its program as a removal's object and passes the destructive gate like "remove htop".
 */
export function mindFrame(w: readonly string[]): VerbIntent | undefined {
  for (let i = 1; i < w.length; i++) {
    const intent = GERUNDS[w[i]!];
    if (!intent || w[i - 1] !== "mind") continue;
    const lead = w.slice(0, i - 1);
    const addressed = lead.at(-1) === "you" || lead.every((x) => x === "please" || x === "pls" || x === "so");
    if (!addressed || lead.some((x) => /^(?:never|not|no|dont|wouldnt|doesnt|didnt|n't)$/.test(x))) continue;
    return intent;
  }
  return undefined;
}

export interface VerbReading {
  install: boolean;
  remove: boolean;
}

/** Which program verbs the clause uses. "erase" is a disk verb unless the clause names a program. */
export function readVerbs(tokens: readonly Token[]): VerbReading {
  const w = norms(tokens);
  const ph = phrasal(w);
  const remove =
    w.some((x) => REMOVE_VERBS.has(x) && x !== "erase") ||
    ph.some((p) => p.intent === "remove") ||
    finishedWith(w);
  const mind = mindFrame(w);
  const install =
    w.some((x) => INSTALL_VERBS.has(x)) ||
    ph.some((p) => p.intent === "install") ||
    framed(w) ||
    mind === "install";
  return { install, remove: remove || mind === "remove" };
}

/** Words that introduce the replacement in "replace A with B", "swap A for B", "switch from A to B". */
const REPLACE_VERBS = new Set(["replace", "swap", "switch", "trade", "exchange", "substitute", "change"]);
const REPLACE_LINKS = new Set(["with", "for", "to", "by", "into"]);

/**
 * "replace bat with delta", "swap fzf for zoxide", "switch from fzf to skim", "trade X out for Y",
 * "X instead of Y" (install X, remove Y): the index of the program to remove and of the one to
 * install, or undefined. `isProgram` says whether a token is a recipe name.
 */
export function readReplacement(
  tokens: readonly Token[],
  isProgram: (t: Token) => boolean,
): { out: number; in: number } | undefined {
  const w = norms(tokens);
  const programs = tokens.map((t, i) => (isProgram(t) ? i : -1)).filter((i) => i >= 0);
  if (programs.length !== 2) return undefined;
  const [a, b] = programs as [number, number];
  const between = w.slice(a + 1, b);
  const verbAt = w.findIndex((x, i) => REPLACE_VERBS.has(x) && i < a);
  if (verbAt >= 0 && between.some((x) => REPLACE_LINKS.has(x)) && between.length <= 3)
    return { out: a, in: b };
  // "delta instead of bat", "use zoxide instead of fzf"
  const s = ` ${between.join(" ")} `;
  if (/ (instead of|in place of|rather than) /.test(s)) return { out: b, in: a };
  // "instead of bat i want delta", "rather than vim, give me neovim"
  const lead = ` ${w.slice(Math.max(0, a - 3), a).join(" ")} `;
  if (/ (instead of|in place of|rather than) $/.test(lead)) return { out: a, in: b };
  return undefined;
}

/** "btop is better", "eza is nicer", "delta is the way to go": a program preferred over another. */
export function prefers(w: readonly string[]): boolean {
  return / (is|s|seems|looks) (better|nicer|superior|preferred|faster|the way to go|my favorite|what i want) /.test(
    ` ${w.join(" ")} `,
  );
}
