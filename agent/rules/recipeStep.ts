import type { ToolName } from "../../tools/types.js";
import { namesOtherSystem } from "./alongside.js";
import { type Ctx, lastEntity, listOr } from "./context.js";
import { listDisks } from "./disks.js";
import { finishedWith } from "./grammar.js";
import type { Intent } from "./intent.js";
import { isOnlyCourtesy, isPredicate } from "./leftoverRemark.js";
import { excludedNames } from "./listExclusions.js";
import { statesDisuse } from "./negatedRecipes.js";
import { referredRecipes } from "./recipeReference.js";
import { findRecipes, kindCandidates, misspelled, nearRecipe, recipeOf, versionOf } from "./recipes.js";
import { slipOf, soleNearest } from "./recipeTypos.js";
import { keepsTheRest } from "./removeRest.js";
import { isSetWord } from "./setWords.js";
import { closest, type Token } from "./text.js";
import { ALIASES, isNegated, normalizeTokens, OS_WORDS, STOP, words } from "./tokens.js";
import type { Outcome } from "./turnOutcome.js";
import { beforeUsedReason } from "./usedReason.js";
import { INSTALL_VERBS, NEGATIONS, REMOVE_VERBS } from "./vocab.js";
import { requestedNames } from "./wordNames.js";

/**
 * The programs of a turn (agent/rules/parse.ts): each install or remove clause's names, a name
 * said by an alias, a misspelling or an abbreviation offered as a guess, a kind ("the editor")
 * asked about, a name that is no recipe said. Adds to `out`.
 */
export function recipeStep(
  clauses: readonly Token[][],
  intents: readonly (Intent | undefined)[],
  inherited: readonly boolean[],
  tokens: readonly Token[],
  text: string,
  ctx: Ctx,
  recipeNames: readonly string[],
  out: Outcome,
): void {
  const { conv, facts, allowed } = ctx;
  const { calls, problems, guessed, single } = out;
  // "add bat, btop and jq but not jq": what an exclusion names is installed by no clause of the turn
  const excluded = excludedNames(clauses, (t) => recipeOf(t, recipeNames));
  clauses.forEach((c, i) => {
    const intent = intents[i];
    if (intent !== "install" && intent !== "remove") return;
    // "remove fd, leave everything else alone": the kept rest asks for nothing
    if (inherited[i] && keepsTheRest(c)) return;
    const names = intent === "remove" ? recipeNames : recipeNames;
    const { found: said, unknown } = findRecipes(c, facts, names);
    // "remove fd and just keep the rest": a recipe named like a word counts only as an object
    const requested = requestedNames(said, c, normalizeTokens(text, facts), names, text);
    // "I don't need docker since I have podman": what the speaker says they have is no removal's
    // object where the clause names another (usedReason.ts)
    const found = intent === "remove" ? beforeUsedReason(requested, c, (t) => recipeOf(t, names)) : requested;
    // "install ripgrep, I just need it": a clause whose only names were words asks for nothing
    if (said.length && !found.length) return;
    const items: string[] = [];
    let excludedHere = false;
    for (const name of found) {
      const at = c.findIndex((t) => recipeOf(t, names) === name);
      if (intent === "install" && isNegated(c, at) && !REMOVE_VERBS.has(c[at - 1]?.norm ?? "")) continue;
      if (intent === "install" && (excluded.get(name) ?? -1) >= i) continue;
      // "remove vim nano htop but not vim": the exclusion takes vim out of the removal it follows,
      // so the rest is removed as asked and vim is kept (only ever fewer removals)
      if (intent === "remove" && (excluded.get(name) ?? -1) > i) {
        excludedHere = true;
        continue;
      }
      // "remove fzf, but not git": a negated name is never removed
      if (intent === "remove" && isNegated(c, at) && !finishedWith(words(c))) continue;
      const tok = c[at];
      const guessedTool = intent === "remove" ? "removeRecipe" : "installRecipe";
      if (tok && tok.norm !== name && ALIASES[tok.norm] === name && !names.includes(tok.norm)) {
        guessed.push({ said: tok.raw, name, tool: guessedTool });
        continue;
      }
      // a misspelled name is offered where it would be removed ("uninstal rigrep" → "Do you mean
      // ripgrep?"), or where another name is as near; installed where it is the one name that close
      // ("instal zoxdie": recipeTypos.ts)
      // ("the rust cli stuff: ... dust": a near word beside the name said right is no guess)
      if (tok && misspelled(tok, name) && !c.some((t) => t !== tok && t.norm === name)) {
        const said = tok.raw.toLowerCase();
        if (intent !== "install" || !soleNearest(said, name, facts.recipes)) {
          guessed.push({ said: tok.raw, name, tool: guessedTool });
          continue;
        }
      }
      items.push(name);
    }
    // "install lg": letters of one program's name, in order ("lg" → lazygit); "add fzff": one edit
    // from a short name (offered, never made)
    if (intent === "install")
      for (const u of unknown) {
        // "fdd", "bta", "ezza": a slip of one short name is that name (recipeTypos.ts)
        const slip = slipOf(u, facts.recipes);
        if (
          slip &&
          !isNegated(
            c,
            c.findIndex((t) => t.norm === u),
          )
        ) {
          if (!items.includes(slip) && !found.includes(slip)) items.push(slip);
          continue;
        }
        const hit =
          (found.length ? undefined : abbreviationOf(u, facts.recipes)) ?? nearRecipe(u, facts.recipes);
        if (hit && !found.includes(hit)) guessed.push({ said: u, name: hit, tool: "installRecipe" });
      }
    if (guessed.length && !items.length) return;
    // "remove vim, nano and htop but not vim": the clause's one name is excluded, nothing asked
    if (excludedHere && !items.length) return;
    const cw = new Set(words(c));
    if (!found.length && (cw.has("it") || cw.has("that") || cw.has("them"))) {
      // "leave zoxide, i use it": a clause with no removal verb of its own refers to nothing to remove
      if (intent === "remove") {
        if (!inherited[i])
          items.push(...referredRecipes(conv, facts, clauses.slice(0, i), names, cw.has("them")));
      } else {
        const r = lastEntity(conv, "recipe");
        if (r) items.push(r);
      }
    }
    if (!items.length && inherited[i]) {
      // "install neovim and a good text editor and steam": say what was not acted on, and why
      const said = text.slice(c[0]!.start, c.at(-1)!.end);
      // "uninstall starship, I hate the prompt": a clause with its own subject gives a reason
      if (SUBJECT_START.has(c[0]!.norm)) return;
      // "ripgrep, is on the left", "helix and fish, also needed they are", "tmux then, at least":
      // a predicate or a courtesy after an install names nothing more (leftoverRemark.ts)
      if (intent === "install" && (isPredicate(words(c)) || isOnlyCourtesy(words(c)))) return;
      const kinds = kindCandidates(c, intent === "remove" ? facts.installed : facts.recipes).filter(
        (k) =>
          !calls.some((x) => (x.tool === "installRecipe" || x.tool === "removeRecipe") && x.args.name === k),
      );
      const wanted = unknown.filter((u) => !OS_WORDS.has(u));
      if (kinds.length)
        problems.push(`"${said}" is not a recipe name; the ones of that kind here: ${kinds.join(", ")}.`);
      else if (wanted.length) problems.push(`"${said}" is not a recipe here.`);
      return;
    }
    // "Windows stays put", "windows-a delete pannadheenga": another system is no program (its disk
    // is the partition step's business)
    if (!items.length && !found.length && unknown.some(namesOtherSystem)) return;
    if (!items.length) {
      // "everything else can go": a set word names no program (setWords.ts)
      const wanted = unknown.filter((u) => !OS_WORDS.has(u) && !isSetWord(u));
      if (unknown.some((u) => OS_WORDS.has(u)) || cw.has("system")) {
        const disks = facts.disks.filter((d) => !d.liveMedium);
        problems.push(
          allowed.includes("partitionDisk")
            ? `Let's install. Which disk should I erase and install onto: ${listDisks(disks)}?`
            : "This system is already installed; I can install programs, create users and change settings here.",
        );
      } else if (kindCandidates(c, intent === "remove" ? facts.installed : facts.recipes).length) {
        const pool = intent === "remove" ? facts.installed : facts.recipes;
        const cands = kindCandidates(c, pool);
        // "add the editor" → "Do you mean helix?": one candidate is an offer, so "yes" takes it
        if (cands.length === 1)
          single.push({
            tool: intent === "remove" ? "removeRecipe" : "installRecipe",
            args: { name: cands[0]! },
          });
        problems.push(
          `${cands.length === 1 ? `Do you mean ${cands[0]}?` : `Which one: ${cands.join(" or ")}?`}${intent === "remove" ? ` Installed: ${listOr(facts.installed)}.` : ""}`,
        );
      } else if (
        wanted.length &&
        variantOf(wanted[0]!, intent === "remove" ? facts.installed : facts.recipes)
      ) {
        // "remove vim" with vim-minimal installed: the one variant of that name is asked about
        const name = variantOf(wanted[0]!, intent === "remove" ? facts.installed : facts.recipes)!;
        guessed.push({
          said: wanted[0]!,
          name,
          tool: intent === "remove" ? "removeRecipe" : "installRecipe",
        });
      } else if (wanted.length) {
        const sugg = closest(wanted[0]!, facts.recipes);
        problems.push(
          `There is no recipe named ${wanted[0]}${sugg ? ` (did you mean ${sugg}?)` : ""}. Available: ${listOr(facts.recipes, 20)}.${words(c).includes("add") && allowed.includes("createUser") ? ` To add a person, say "create user ${wanted[0]}".` : ""}`,
        );
      } else if (words(c).every((x) => STOP.has(x) || INSTALL_VERBS.has(x) || REMOVE_VERBS.has(x))) {
        problems.push(
          intent === "remove"
            ? `Remove what? Installed: ${listOr(facts.installed)}.`
            : `Install what? Available: ${listOr(facts.recipes, 20)}.`,
        );
      } else if (intent === "install" && words(c).some((x) => NEGATIONS.has(x))) {
        // "don't install bat": nothing to do
      } else {
        problems.push(`Which program? Available: ${listOr(facts.recipes, 20)}.`);
      }
      return;
    }
    for (const name of items) {
      const version =
        items.length === 1 || intent === "install" ? versionOf(tokens, c, name, names, text) : undefined;
      const tool: ToolName = intent === "remove" ? "removeRecipe" : "installRecipe";
      if (tool === "removeRecipe" && !facts.installed.includes(name)) {
        const pendingInstall = conv.pending.some((p) => p.tool === "installRecipe" && p.args.name === name);
        if (pendingInstall) (out.drops ??= []).push(name);
        problems.push(
          pendingInstall
            ? `${name} is only in the plan, not installed: type /undo to take it out.`
            : facts.mode === "live"
              ? // the live installer installs a new system: nothing of it is installed yet, and a
                // program the plan does not hold is simply not added (tester 24 W12)
                `${name} is not in the plan, so there is nothing to remove: it will not be installed.`
              : `${name} is not installed${facts.installed.length ? ` (installed: ${listOr(facts.installed)})` : ""}.`,
        );
        continue;
      }
      // "i dont use tmux anymore": a fact about the user, so the removal is offered
      // "Gary no longer uses htop. Gary would like it gone.": a later clause asks for it by pronoun,
      // so the fact is the reason beside a request (evidence.ts checks the request again)
      const askedAfter = clauses.some(
        (d, j) =>
          j > i &&
          intents[j] === "remove" &&
          !inherited[j] &&
          !findRecipes(d, facts, names).found.length &&
          words(d).some((x) => x === "it" || x === "them"),
      );
      if (tool === "removeRecipe" && !inherited[i] && statesDisuse(c) && !askedAfter) {
        problems.push(`You don't use ${name} any more: shall I remove it?`);
        single.push({ tool, args: { name } });
        continue;
      }
      // "no longer uses htop. would like it gone": one program asked for twice is one call
      if (calls.some((x) => x.tool === tool && x.args.name === name)) continue;
      calls.push(
        tool === "installRecipe"
          ? {
              tool,
              args: version ? { name, version } : { name },
            }
          : { tool, args: { name } },
      );
    }
  });
}

const SUBJECT_START = new Set([
  "i",
  "we",
  "you",
  "he",
  "she",
  "they",
  "it",
  "its",
  "that",
  "thats",
  "this",
  "there",
  "because",
  "since",
  "so",
  "as",
  "cause",
  "cuz",
  "coz",
]);
/**
 * "lg" → lazygit, "rg" → ripgrep: a two- or three-letter word whose first letter starts exactly one
 * program's name and whose other letters follow in it in order. Only ever offered as a question.
 */
function abbreviationOf(word: string, names: readonly string[]): string | undefined {
  if (word.length < 2 || word.length > 3 || !/^[a-z]+$/.test(word)) return undefined;
  const hits = names.filter((n) => {
    if (n[0] !== word[0] || n.length <= word.length) return false;
    let k = 1;
    for (let j = 1; j < n.length && k < word.length; j++) if (n[j] === word[k]) k++;
    return k === word.length;
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * The one program of `pool` that is `word` with a variant's suffix or prefix ("vim" → vim-minimal,
 * "langpack" never matches "glibc-langpack-de" and "-en" at once), or undefined. Tester 24 W20:
 * "remove vim" answered "no recipe named vim" beside an installed vim-minimal. Why this is safe:
 * it is only offered ("Do you mean vim-minimal?"), so a removal still needs the person's yes.
 */
function variantOf(word: string, pool: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (w.length < 2) return undefined;
  const hits = pool.filter((n) => n.startsWith(`${w}-`) || n.endsWith(`-${w}`));
  return hits.length === 1 ? hits[0] : undefined;
}
