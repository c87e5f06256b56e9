import type { Facts } from "../../facts/schema.js";
import { isBaseRecipe } from "../../tools/baseSystem.js";
import { isKeepWord, isNegator } from "../safety/protectLexicon.js";
import type { ConversationView } from "../types.js";
import { ownPredicate } from "./removalReach.js";
import type { Token } from "./text.js";
import { ALIASES, normalizeTokens, STOP } from "./tokens.js";
import { INSTALL_VERBS } from "./vocab.js";

/**
 * Removals read from the SHAPE of a turn, not its verb (issue 14, twenty-first round): an installed
 * program, not kept and not of the base system, in a clause of its own, is removed where the clause
 * has a word of going away ("tear out yq", "htop goes", "take wget out"), or where the same turn
 * keeps other installed programs and the clause is an imperative on it ("Keep git and curl. Sell
 * wget.") or its subject has a modal and a verb ("btop may deplane"). Used by the general reading
 * (generalEntities.ts) and by the safety screen's removal evidence (safety/evidence.ts), so the two
 * agree. Kept with few imports: the safety screen imports it.
 */

/**
 * Particles and verbs of going away, said of the program or right after its verb: "tear OUT yq",
 * "htop GOES", "btop and dust must LEAVE", "wget is OFF the list", "throw it AWAY". A closed class
 * of English direction words, not verbs of a register: the register's verb is left unread.
 */
const GOING = new Set([
  "out",
  "off",
  "away",
  "overboard",
  "gone",
  "go",
  "goes",
  "going",
  "leave",
  "leaves",
  "leaving",
]);

/** Modal verbs: "btop may deplane", "dust must leave", "wget can go": the subject acts. */
const MODALS = new Set(["may", "must", "can", "should", "shall", "will", "needs", "has", "have", "gotta"]);

/**
 * Verbs of acts that are no removal and no install: upgrading, configuring, checking, using. Said of
 * an installed program they ask for something this tool set does not do, so they are never read
 * as a removal here (the readers' reply stands).
 */
const NOT_REMOVAL = new Set([
  "update",
  "updates",
  "upgrade",
  "upgrades",
  "reinstall",
  "configure",
  "config",
  "set",
  "check",
  "show",
  "list",
  "pin",
  "hold",
  "freeze",
  "lock",
  "fix",
  "repair",
  "test",
  "try",
  "use",
  "uses",
  "using",
  "run",
  "runs",
  "open",
  "launch",
  "start",
  "restart",
  "patch",
  "refresh",
  "tweak",
  "look",
  "tell",
  "explain",
  "describe",
  "help",
  "learn",
  "read",
  "work",
  "works",
  "compare",
  "replace",
  "swap",
  "switch",
  "move",
  "copy",
  "backup",
  "save",
  "protect",
  "love",
  "like",
  "loves",
  "likes",
  "prefer",
  "prefers",
]);

/** Conditions and hedges: nothing is asked for yet. */
const HEDGES = new Set(["if", "unless", "when", "whether", "maybe", "perhaps", "might", "later", "someday"]);

/** Words that join a clause to the one before as more of the same ("curl too", "also curl"). */
const MORE_OF_THE_SAME = new Set(["too", "also", "as", "either", "neither", "nor"]);

/** Pronouns that stand for the programs named earlier in the same clause ("rehome them"). */
const PRONOUNS = new Set(["it", "them", "em", "um", "those", "these", "both"]);

function installedAt(t: Token, installed: readonly string[]): string | undefined {
  if (t.kind !== "word" && t.kind !== "number") return undefined;
  for (const n of [t.norm, t.raw.toLowerCase()]) {
    if (installed.includes(n)) return n;
    const a = ALIASES[n];
    if (a && installed.includes(a)) return a;
  }
  return undefined;
}

/** Sentences, and the clauses a "but", ";" or ":" opens: each act of a turn in its own piece. */
function pieces(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const [i, t] of tokens.entries()) {
    if (t.kind === "punct" && /^[.;:!?]$/.test(t.norm)) {
      out.push([]);
      continue;
    }
    // "htop goes home, we've got btop": a comma before a subject pronoun opens a clause of its own
    // (no item of a list has a subject), so the going-away word before it reaches no name after it
    // "clear out all the programs, git is non-negotiable though": so does a comma before a name
    // with a finite verb of its own (removalReach.ts), which says something of that program
    if (
      t.norm === "," &&
      (SUBJECTS.has(tokens[i + 1]?.norm ?? "") ||
        ownPredicate(
          tokens
            .slice(i + 1, i + 4)
            .filter((x) => x.kind === "word")
            .map((x) => x.norm),
        ))
    ) {
      out.push([]);
      continue;
    }
    if (t.kind === "word" && (t.norm === "but" || t.norm === "while" || t.norm === "whereas")) out.push([]);
    out.at(-1)!.push(t);
  }
  return out.filter((p) => p.some((t) => t.kind === "word"));
}

/** Personal pronouns that open a clause as its subject. */
const SUBJECTS = new Set([
  "i",
  "we",
  "you",
  "he",
  "she",
  "they",
  "ive",
  "weve",
  "youve",
  "theyve",
  "im",
  "were",
]);

/** A word that stands against acting: a negator, a keep word, a hedge, an already-read verb. */
function against(w: string): boolean {
  return isNegator(w) || isKeepWord(w) || HEDGES.has(w) || MORE_OF_THE_SAME.has(w) || NOT_REMOVAL.has(w);
}

/** A content word that can be a verb here: no stop word, no program, no number. */
function verbLike(t: Token | undefined, installed: readonly string[]): boolean {
  return (
    t !== undefined &&
    t.kind === "word" &&
    !STOP.has(t.norm) &&
    !installedAt(t, installed) &&
    !INSTALL_VERBS.has(t.norm) &&
    /^[a-z][a-z'-]*$/.test(t.norm)
  );
}

const DETERMINERS = new Set(["the", "my", "that", "this", "those", "these", "our", "all", "a", "an", "of"]);

/**
 * The installed programs one piece removes by its shape, or undefined when the piece is no removal.
 * `contrast`: the same turn keeps other installed programs.
 */
function removedIn(
  piece: readonly Token[],
  installed: readonly string[],
  contrast: boolean,
  before: readonly string[] = [],
): string[] {
  const ws = piece.filter((t) => t.kind === "word");
  if (ws.some((t) => against(t.norm) || against(t.raw.toLowerCase()))) return [];
  const own = [...new Set(piece.map((t) => installedAt(t, installed)).filter((n) => n !== undefined))];
  const pronoun = ws.some((t) => PRONOUNS.has(t.norm));
  // "Infestation report: wget and htop. Exterminate those two.": a piece that names nothing acts on
  // what the piece before it named, through its pronoun, and only as the object of its opening
  // verb beside a keep of others (below); a going-away word alone does not reach back
  const referred = !own.length && pronoun && before.length > 0;
  const named = referred ? [...before] : own;
  if (!named.length) return [];
  if (referred) {
    if (!contrast) return [];
    const at = piece.findIndex((t) => PRONOUNS.has(t.norm));
    let v = at - 1;
    while (v >= 0 && piece[v]!.kind === "word" && DETERMINERS.has(piece[v]!.norm)) v--;
    const opener = piece.findIndex((t) => t.kind === "word");
    return v >= 0 && v === opener && verbLike(piece[v], installed) ? named : [];
  }
  const first = piece.findIndex((t) => installedAt(t, installed) !== undefined);
  const last = piece.findLastIndex((t) => installedAt(t, installed) !== undefined);
  // a going-away word of the piece: "tear out yq", "yq goes", "take wget out"
  if (ws.some((t) => GOING.has(t.norm) || GOING.has(t.raw.toLowerCase()))) return named;
  if (!contrast) return [];
  // the object of an imperative: "Sell wget", "Tear down the yq", "rehome btop and dust"
  let v = first - 1;
  while (v >= 0 && piece[v]!.kind === "word" && DETERMINERS.has(piece[v]!.norm)) v--;
  const opener = piece.findIndex((t) => t.kind === "word");
  if (v >= 0 && v === opener && verbLike(piece[v], installed)) return named;
  // "btop and dust are surplus, rehome them": a verb after the names whose object they are
  const after = piece.slice(last + 1).filter((t) => t.kind === "word");
  if (pronoun && after.some((t, i) => PRONOUNS.has(t.norm) && i > 0 && verbLike(after[i - 1], installed)))
    return named;
  // the subject of a modal and its verb: "btop may deplane"
  if (first === opener && after[0] && MODALS.has(after[0].norm) && verbLike(after[1], installed))
    return named;
  return [];
}

/**
 * The installed programs the shape of the turn removes (none where the turn asks a question). Also
 * the safety screen's evidence for such a removal (agent/safety/evidence.ts), so the two agree.
 */
export function shapedRemovals(
  text: string,
  facts: Facts,
  conv: Pick<ConversationView, "protections">,
): string[] {
  if (facts.mode !== "installed" || text.includes("?")) return [];
  const tokens = normalizeTokens(text, facts);
  // what this turn keeps: the conversation's protections already hold this turn's words (the view
  // a backend sees), each with the words that said it
  const lower = text.toLowerCase();
  const kept = new Set(
    (conv.protections ?? []).flatMap((p) =>
      p.kind === "recipe" && (!p.said || lower.includes(p.said.toLowerCase())) ? [p.name] : [],
    ),
  );
  const installed = facts.installed;
  const contrast = [...kept].some((k) => installed.includes(k));
  const out: string[] = [];
  let before: string[] = [];
  for (const piece of pieces(tokens)) {
    const named = removedIn(piece, installed, contrast, before);
    before = [...new Set(piece.map((t) => installedAt(t, installed)).filter((n) => n !== undefined))];
    // a piece that names a kept program is about keeping, whatever else it says
    if (named.some((n) => kept.has(n))) continue;
    // sudo, tar, less came with the system: taking one from an unread verb is asked, never done
    for (const n of named) if (!kept.has(n) && !isBaseRecipe(n) && !out.includes(n)) out.push(n);
  }
  return out;
}
