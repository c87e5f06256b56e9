import { SYSTEM_WORDS } from "./alongside.js";
import { classify, referredIntent } from "./classify.js";
import { type Ctx, lastCallOf } from "./context.js";
import { describesOnly, reasonsBesideErase, reasonsBesideKeep } from "./diskCalls.js";
import { prefers } from "./grammar.js";
import type { Intent } from "./intent.js";
import { asksLayoutSomewhere } from "./layoutSentence.js";
import { namesBeforeException } from "./listExclusions.js";
import { listHeads } from "./listHeads.js";
import { usernameCandidate } from "./nameCandidates.js";
import { refusesWholeClause } from "./negatedRecipes.js";
import { continuesKeep, isKeepClause, keptBeforeKeep } from "./protections.js";
import { findRecipes, recipeOf } from "./recipes.js";
import { removalStopsAt } from "./removalReach.js";
import { type Token, tokenize } from "./text.js";
import { OS_WORDS, words } from "./tokens.js";
import { peopleInLists } from "./userLists.js";

/**
 * What each clause of a turn asks for (agent/rules/parse.ts): its own verb's intent, or the one
 * it inherits from the clause before; `inherited` says which.
 */
export function clauseIntents(
  clauses: readonly Token[][],
  text: string,
  ctx: Ctx,
  recipeNames: readonly string[],
): { intents: (Intent | undefined)[]; inherited: boolean[] } {
  const { conv, facts } = ctx;
  const intents: (Intent | undefined)[] = [];
  let prevIntent: Intent | undefined;
  const inherited: boolean[] = [];
  for (const c of clauses) {
    // "keep the samsung", "don't touch git", "not the wd": kept, so no call comes from it
    if (isKeepClause(c, text, ctx) || (intents.at(-1) === "keep" && continuesKeep(c, text, ctx))) {
      intents.push("keep");
      inherited.push(false);
      continue;
    }
    let intent = classify(c, ctx, recipeNames) ?? referredIntent(c, conv);
    let inh = false;
    if ((!intent || intent === "bare") && prevIntent) {
      intent = prevIntent;
      inh = true;
      // "user vince w/ sudo, neovim + helix": a clause that inherits "user" but names programs
      // installs them; a program's name is never a username by inheritance
      if (intent === "user" && findRecipes(c, facts, recipeNames).found.length) intent = "install";
      // "the computer is called pebble, and also delta and glow", "german keyboard, and jq": a
      // clause of program names alone after a setting installs them; inherited, the setting's
      // reader found no value in them and they vanished without a word (dev25 h24-140). Installing
      // is the harmless reading, and the word-named programs still pass requestedNames.
      if ((intent === "host" || intent === "locale") && namesOnlyPrograms(c, facts, recipeNames))
        intent = "install";
      // "install on the nvme, plus bat", "use the nvme. fish too": a clause of program names
      // alone after the disk clause names no disk; inherited, the disk reader found none in it
      // and the programs vanished without a word (dev29-keep h28k-057, h28k-014). Why this is
      // safe: it only installs (never erases, never removes), and only when every word-named
      // thing in the clause is a program, so a disk named there still stays with the disk.
      if (intent === "partition" && namesOnlyPrograms(c, facts, recipeNames)) intent = "install";
      // "a little computer named pebble, and it wished for git and ripgrep", "hostname 'drizzle',
      // with a high chance of helix": after the clause that names the host, a clause that names
      // programs is about them (one host is named once; its reader takes no second value). Why
      // this is safe: it only installs, and word-named programs still pass requestedNames.
      if (intent === "host" && findRecipes(c, facts, recipeNames).found.length) intent = "install";
      // "i dont want htop anymore, btop is better": the program preferred is installed
      if (intent === "remove" && prefers(words(c))) intent = "install";
      // "banish htop, but let neovim abide": a contrast or a negation turns away from the removal
      if (intent === "remove" && removalStopsAt(c, text)) intent = undefined;
    }
    if (intent === "bare") {
      // "and bat too" on its own turn: the recipe verb the last turn used
      const prev = lastCallOf(conv, ["installRecipe", "removeRecipe"]);
      intent = prev?.tool === "removeRecipe" && conv.turns.length ? "remove" : "install";
    }
    intents.push(intent);
    inherited.push(inh);
    if (intent) prevIntent = intent;
  }
  // "the seagate, toshiba and samsung stay": the list before a keep said after it is kept
  keptBeforeKeep(clauses, intents, text, ctx);
  // "deploy ripgrep, fd, bat": the first item of a list installs as its bare items do
  listHeads(
    clauses,
    intents,
    (t) => recipeOf(t, recipeNames) !== undefined,
    (c) => classify(c, ctx, recipeNames) === "bare",
  );
  // "add btop, jq, fzf except jq": the names before the exception are still asked for
  namesBeforeException(clauses, intents, (t) => recipeOf(t, recipeNames));
  reasonsBesideKeep(clauses, intents, ctx, recipeNames);
  // "dont uninstall anything, just install bat", "dont change the hostname, just add jq": a clause
  // that refuses as a whole asks for nothing beside the requests of the turn
  if (intents.some((x, i) => x && x !== "keep" && !refusesWholeClause(clauses[i]!)))
    clauses.forEach((c, i) => {
      if (
        (intents[i] === undefined || ["install", "remove", "host"].includes(intents[i]!)) &&
        refusesWholeClause(c)
      )
        intents[i] = "keep";
    });
  return { intents, inherited };
}

/**
 * The intents read together, once no clause only keeps: a turn that only describes its disks
 * erases none, a bare install beside a disk clause is the install onto it, and "add" with a
 * name that is no program beside a clause about a person adds that person. Changes `intents`.
 */
export function settleIntents(
  clauses: readonly Token[][],
  intents: (Intent | undefined)[],
  inherited: readonly boolean[],
  text: string,
  ctx: Ctx,
  recipeNames: readonly string[],
): void {
  const { facts, allowed } = ctx;
  // "I have a samsung and a crucial": a turn that only describes its disks erases none of them.
  // (what a keep clause says about a disk, "fedora stays where it is", describes nothing here)
  // "LevitateOS on the 870, whole disk, btrfs. The WD is in special collections": a sentence of
  // layout words asks, whatever another sentence describes (layoutSentence.ts)
  if (
    describesOnly(clauses.filter((_, i) => intents[i] !== "keep").flat()) &&
    !asksLayoutSomewhere(tokenize(text))
  )
    for (let i = 0; i < intents.length; i++) if (intents[i] === "partition") intents[i] = undefined;
  // "wipe the nvme and install", "use the ssd, install linux there": an install with no program
  // beside a disk clause is the install onto that disk.
  // "install levitate" in the live installer is the install onto a disk too.
  if (intents.includes("partition") || allowed.includes("partitionDisk")) {
    clauses.forEach((c, i) => {
      if (intents[i] !== "install") return;
      const { found, unknown } = findRecipes(c, facts, recipeNames);
      const os = unknown.some((u) => OS_WORDS.has(u));
      if (
        !found.length &&
        (unknown.every((u) => OS_WORDS.has(u) || SYSTEM_WORDS.has(u)) || os) &&
        // "install but no samsung": a bare install beside a keep is the install onto what is left
        (os || intents.includes("partition") || (intents.includes("keep") && !unknown.length))
      )
        intents[i] = "partition";
    });
  }
  reasonsBesideErase(clauses, intents, ctx, recipeNames);
  // "add noah, he needs admin": "add" with a name that is no program, beside a clause about a
  // person, adds that person.
  if (intents.includes("user")) {
    clauses.forEach((c, i) => {
      if (intents[i] !== "install") return;
      // only a clause with its own "add"/"create": "… install neovim and steam" names no person
      if (inherited[i] || !c.some((t) => ["add", "create", "make"].includes(t.norm))) return;
      const { found, unknown } = findRecipes(c, facts, recipeNames);
      if (
        !found.length &&
        unknown.length === 1 &&
        usernameCandidate(
          c.find((t) => t.norm === unknown[0]),
          facts,
        )
      )
        intents[i] = "user";
    });
    // "anna and ben as admins", "add kai, lou and max with sudo": the names of a list of people
    peopleInLists(text, clauses, intents, facts, (t) => recipeOf(t, recipeNames) !== undefined);
  }
}

/** The clause names programs and nothing else a reader would take (no unknown word). */
function namesOnlyPrograms(
  c: readonly Token[],
  facts: Ctx["facts"],
  recipeNames: readonly string[],
): boolean {
  const { found, unknown } = findRecipes(c, facts, recipeNames);
  return found.length > 0 && unknown.length === 0;
}
