import type { Decision } from "../../tools/decision.js";
import { type Ctx, listOr } from "./context.js";
import { finishedWith, removalVerb } from "./grammar.js";
import { recipeOf } from "./recipes.js";
import type { Token } from "./text.js";
import { FILLERS, normalizeTokens } from "./tokens.js";

/**
 * A turn that only says no to programs: "bat no", "no ripgrep please", "nope, not htop",
 * "fd - no way". Nothing in it asks for anything, so it installs nothing: a program the plan
 * installs leaves the plan; one that is not planned is answered. (Before this, the "no" was read
 * as the start of a correction and dropped, and the name alone read as "install it".)
 */

const NO = new Set(["no", "not", "nope", "nah", "none", "never", "without"]);
/** Words that may stand beside the names and the no without asking for anything. */
const SOFT = new Set([
  ...FILLERS,
  "way",
  "to",
  "the",
  "and",
  "or",
  "nor",
  "either",
  "thanks",
  "for",
  "me",
  "at",
  "all",
  "just",
  "actually",
  "wait",
  "hmm",
  "ok",
  "okay",
  "also",
  "too",
  "then",
  "ever",
]);

/** Punctuation that ends what a "no" applies to ("and not vim. micro": micro is asked for). */
const SEPARATORS = new Set([".", ",", ";", "!", "?"]);

export function negatedRecipesOnly(text: string, ctx: Ctx): Decision | undefined {
  const { conv, facts } = ctx;
  const pool = [...new Set([...facts.recipes, ...facts.installed])];
  // segments between separators: each is all no's, or names each said no to (in it or beside it)
  const segments: { names: string[]; no: boolean }[] = [{ names: [], no: false }];
  const tokens = normalizeTokens(text, facts);
  // "nah just jq", "no, only bat": the name after "just" is the one wanted, the rest is refused
  if (tokens.some((t, i) => (t.norm === "just" || t.norm === "only") && recipeOf(tokens[i + 1] ?? t, pool)))
    return undefined;
  for (const t of tokens) {
    const seg = segments.at(-1)!;
    if (t.kind === "punct") {
      if (SEPARATORS.has(t.norm) && (seg.names.length || seg.no)) segments.push({ names: [], no: false });
      continue;
    }
    if (NO.has(t.norm)) seg.no = true;
    else if (!SOFT.has(t.norm)) {
      const r = recipeOf(t, pool);
      // any other word may be a request ("no wait, add bat"): left to the parser
      if (!r) return undefined;
      if (!seg.names.includes(r)) seg.names.push(r);
    }
  }
  const names: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (!seg.names.length) continue;
    const beside = [segments[i - 1], segments[i + 1]].some((x) => x?.no && !x.names.length);
    if (!seg.no && !beside) return undefined;
    for (const n of seg.names) if (!names.includes(n)) names.push(n);
  }
  if (!names.length) return undefined;
  // "actually no sudo" right after "user bob with sudo" (tester 24 D6): with no install of the sudo
  // program planned, the "no" is to the privilege just given, not to the program. The reply "I won't
  // install sudo" had left bob an administrator while saying OK. Taking a privilege away is never
  // destructive; with several users holding it, which one is asked.
  if (
    names.length === 1 &&
    names[0] === "sudo" &&
    !conv.pending.some((c) => c.tool === "installRecipe" && c.args.name === "sudo")
  ) {
    const admins = conv.pending.flatMap((c) =>
      c.tool === "createUser" && c.args.sudo === true ? [c.args] : [],
    );
    if (admins.length === 1) return { calls: [{ tool: "createUser", args: { ...admins[0]!, sudo: false } }] };
    if (admins.length > 1)
      return {
        reply: `Which user should not get sudo: ${listOr(admins.map((a) => a.username))}? (e.g. "no sudo for ${admins[0]!.username}")`,
      };
  }
  const planned = names.filter((n) =>
    conv.pending.some((c) => c.tool === "installRecipe" && c.args.name === n),
  );
  if (planned.length) return { drop: planned.map((name) => ({ tool: "installRecipe", args: { name } })) };
  const installed = names.filter((n) => facts.installed.includes(n));
  const rest = names.filter((n) => !installed.includes(n));
  const bits: string[] = [];
  if (rest.length) bits.push(`I won't install ${listOr(rest)}.`);
  if (installed.length)
    bits.push(
      installed.length === 1
        ? `${installed[0]} is installed and stays as it is.`
        : `${listOr(installed)} are installed and stay as they are.`,
    );
  return { reply: `OK, ${bits.join(" ")}${conv.pending.length ? " The plan is as it was." : ""}` };
}

/** Words that may open a clause before its negation: "and no i dont want any", "but never". */
const LEAD = new Set([
  "and",
  "but",
  "so",
  "just",
  "also",
  "please",
  "pls",
  "oh",
  "no",
  "i",
  "we",
  "you",
  "plus",
]);
const NEGATORS = new Set(["dont", "never", "not", "nothing"]);

/**
 * A clause that refuses an action as a whole ("dont uninstall anything", "dont change the
 * hostname", "and no i dont want any extra programs", "DONT touch my git setup") asks for nothing:
 * beside requests it is set aside (what it keeps, the safety screen reads), never read as a
 * request for its object ("There is no recipe named anything").
 */
export function refusesWholeClause(clause: readonly Token[]): boolean {
  const w = clause.filter((t) => t.kind === "word").map((t) => t.norm);
  // "i dont want htop anymore": being finished with a program asks for its removal
  if (finishedWith(w)) return false;
  let i = 0;
  while (i < w.length && LEAD.has(w[i]!)) i++;
  if (w[i] === "do" || w[i] === "does" || w[i] === "please") i++;
  return i <= 3 && NEGATORS.has(w[i] ?? "") && i + 1 < w.length;
}

/**
 * "i dont use tmux anymore", "I no longer need git", "fd is not needed any more", "im done with
 * neovim": a fact about the user, which asks for nothing by itself. With no removal verb of its own
 * the removal is offered, never made (issue 14 round 9, the lead's decision: dev7 h6-130). A wish
 * ("i dont want htop anymore") or a permission ("htop can go") still asks for it.
 */
export function statesDisuse(clause: readonly Token[]): boolean {
  if (removalVerb(clause)) return false;
  const s = ` ${clause
    .filter((t) => t.kind === "word")
    .map((t) => t.norm)
    .join(" ")} `;
  return (
    / no longer (use|uses|using|need|needs) /.test(s) ||
    / (dont|doesnt|do not|does not|not) (\S+ )?(use|need|using) .*\b(anymore|any more|any longer)\b/.test(
      s,
    ) ||
    / (is|are|isnt|arent|s) (not|no longer) (needed|used|required|necessary) /.test(s) ||
    / (done|finished) with /.test(s)
  );
}
