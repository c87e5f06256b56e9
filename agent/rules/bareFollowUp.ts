import type { Decision } from "../../tools/decision.js";
import { isKeepWord, isNegator } from "../safety/protectLexicon.js";
import type { PlanCall } from "../types.js";
import { BARE_OK } from "./classify.js";
import { type Ctx, capabilities, finish, lastCallOf, reply } from "./context.js";
import { readVerbs } from "./grammar.js";
import { notAName, usernameCandidate } from "./nameCandidates.js";
import { objectFallback, plannedAgain } from "./objectFallback.js";
import { extractLocale, placeAt } from "./places.js";
import { findRecipes, versionOf } from "./recipes.js";
import { slipOf } from "./recipeTypos.js";
import type { Token } from "./text.js";
import { hasPhrase, normalizeTokens } from "./tokens.js";
import { RELATIONS } from "./userNames.js";
import { requestedNames } from "./wordNames.js";

/** My question for the name of a person said by who they are ("my wife too"). */
const RELATION_QUESTION = "What should the new user be called? (the account for";

/**
 * A turn none of whose clauses has a verb: it continues what the last turn did ("and ben too",
 * "actually Paris", "and bat"), or what it names decides by what is harmless (objectFallback.ts).
 */
export function bareFollowUp(
  clauses: readonly Token[][],
  tokens: readonly Token[],
  ws: ReadonlySet<string>,
  text: string,
  ctx: Ctx,
  recipeNames: readonly string[],
): Decision {
  const { conv, facts, allowed } = ctx;
  // A bare follow-up without a verb: continue what the last turn did.
  const prev = lastCallOf(conv, ["installRecipe", "removeRecipe", "createUser"]);
  const only = clauses.flat();
  const recipes = requestedNames(
    findRecipes(only, facts, recipeNames).found,
    only,
    tokens,
    recipeNames,
    text,
  );
  // "and ben too", "ben as well" after a user: the same for ben
  const prevUser = lastCallOf(conv, ["createUser"]);
  const rest = only.filter((t) => t.kind === "word" && !BARE_OK.has(t.norm));
  const lastTool = conv.turns.at(-1)?.decision;
  if (
    !recipes.length &&
    prevUser &&
    lastTool &&
    "calls" in lastTool &&
    lastTool.calls.some((c) => c.tool === "createUser") &&
    rest.length === 1 &&
    (ws.has("too") || ws.has("also") || hasPhrase(only, "as well"))
  ) {
    const name = usernameCandidate(rest[0], facts);
    if (name && prevUser.tool === "createUser") {
      const call: PlanCall = { tool: "createUser", args: { ...prevUser.args, username: name } };
      // "spotify too", "git too" after "user bob sudo" (tester 24 D5): a bare word said "too" may
      // be a program the machine lacks as well as a person, and copying the last user's sudo hands
      // a new admin account to a word. Where the copy would grant sudo it is asked, never made: a
      // "yes" takes it, and the question says what the word was read as.
      if (prevUser.args.sudo === true)
        return {
          reply: `Add a user "${name}" with sudo too, like ${prevUser.args.username}? ("yes" adds it; to add a program, say "install ${name}")`,
          offer: { calls: [call] },
        };
      return finish([call], ctx);
    }
  }
  // "my wife too", "and the kids", "dad too" right after a user was added: more people, whose
  // names the words do not give (tester 24 W30 got "Go ahead with the plan?"). The name is asked;
  // nothing is planned, so nothing is granted.
  const people = rest.filter((t) => !/^(?:my|our|the|his|her|their|and|too|also)$/.test(t.norm));
  const relations = people.filter((t) => RELATIONS.has(t.norm));
  const named = people.filter((t) => !RELATIONS.has(t.norm));
  const afterUser =
    !recipes.length &&
    lastTool !== undefined &&
    (("calls" in lastTool && lastTool.calls.some((c) => c.tool === "createUser")) ||
      ("reply" in lastTool && lastTool.reply.startsWith(RELATION_QUESTION)));
  // "my wife lily too", and "lily" given to my question below ("my wife too" + "lily"): that
  // person's account, without sudo (a relation grants nothing)
  const given = named.length === 1 ? usernameCandidate(named[0], facts) : undefined;
  if (afterUser && relations.length >= 1 && relations.length <= 2 && given && !notAName(given))
    return finish([{ tool: "createUser", args: { username: given, sudo: false } } as PlanCall], ctx);
  if (afterUser && relations.length >= 1 && relations.length <= 2 && !named.length) {
    const who = text
      .replace(/\b(?:and|too|also)\b/gi, " ")
      .replace(/[.!?,]/g, " ")
      .trim()
      .replace(/\s+/g, " ");
    return reply(
      `${RELATION_QUESTION} ${who.replace(/^(?:my|our)\b/i, "your")}: lowercase letters and digits, e.g. anna)`,
    );
  }
  // "no, Vienna", "actually Paris" after a time zone: the place, in the same setting
  const prevLoc = lastCallOf(conv, ["setLocale"]);
  if (
    prevLoc &&
    rest.length &&
    placeAt(
      only.filter((t) => t.kind !== "punct"),
      0,
    )?.len === rest.length
  ) {
    const d = extractLocale(only, only);
    const args: Record<string, string> = {};
    const was = prevLoc.args as { locale?: string; keymap?: string; timezone?: string };
    if (d.timezone && (was.timezone || (!was.locale && !was.keymap))) args.timezone = d.timezone;
    if (d.locale && was.locale) args.locale = d.locale;
    if (Object.keys(args).length) return finish([{ tool: "setLocale", args } as PlanCall], ctx);
  }
  // "remove git, htop and tmux" → (git is kept: a reply) → "Just htop and tmux.": the removal the
  // last turn asked for, narrowed to what it named (narrowedRemoval)
  // "scrap the jq bit" with jq already planned: the unread verb is about the planned step (objectFallback.ts)
  const again = plannedAgain(text, ctx, recipes, prev?.tool === "removeRecipe");
  if (again) return again;
  // "Queue hyperfine and yqq": a slip of one short name beside the names is that name, where they
  // are installed (recipeTypos.ts); a removal is never made from a slip
  if (recipes.length && prev?.tool !== "removeRecipe")
    for (const t of only) {
      const slip =
        t.kind === "word" && !recipeNames.includes(t.norm) ? slipOf(t.norm, facts.recipes) : undefined;
      if (slip && !recipes.includes(slip)) recipes.push(slip);
    }
  // "remove neovim" … "Place helix as the replacement crown.": a turn with a verb of its own on
  // programs none of which is installed cannot continue a removal; the one act left is the
  // install (an install destroys nothing). Bare names ("and helix") still continue the removal,
  // which says they are not installed.
  const ownVerb =
    prev?.tool === "removeRecipe" &&
    !text.includes("?") &&
    recipes.every((r) => !facts.installed.includes(r) && facts.recipes.includes(r)) &&
    !rest.some((t) => isNegator(t.norm) || isKeepWord(t.norm)) &&
    rest.some((t) => !recipes.includes(t.norm));
  if (recipes.length && (ws.has("too") || ws.has("also") || ws.has("and") || prev))
    return finish(
      recipes.map((name) => {
        if (prev?.tool === "removeRecipe" && !ownVerb)
          return { tool: "removeRecipe", args: { name } } as PlanCall;
        // "jq@1.7 and helix@25.01": a bare name keeps its version
        const version = versionOf(tokens, only, name, recipeNames, text);
        return { tool: "installRecipe", args: version ? { name, version } : { name } } as PlanCall;
      }),
      ctx,
    );
  // no reader knew the verb: what the turn names decides, by what is harmless (objectFallback.ts)
  return (
    objectFallback(text, ctx) ??
    reply(`I didn't find anything to do in that. ${capabilities(facts, allowed)}`)
  );
}

/** Words that narrow: "just htop", "only tmux then". */
const NARROW = new Set(["just", "only", "merely", "solely"]);
/** Words a narrowing clause may hold beside its names. */
const NARROW_OK = new Set([
  ...NARROW,
  "and",
  "then",
  "please",
  "pls",
  "those",
  "the",
  "two",
  "both",
  "for",
  "now",
]);

/**
 * "Now remove git, htop and tmux." (answered: git is kept) "Right, my error. Just htop and tmux.":
 * a clause of only "just"/"only" and installed programs, after a turn that asked to remove them
 * (with a removal verb) and got only a reply; the turn's other clauses name no program and hold no
 * verb of installing or removing. The removal is the one asked for then, narrowed: a program the
 * last turn did not name, or one not installed, is no part of it, and the safety screen still checks
 * each against what the user keeps (evidence.ts reads the carried removal the same way).
 */
export function narrowedRemoval(clauses: readonly Token[][], ctx: Ctx): Decision | undefined {
  const { conv, facts } = ctx;
  const last = conv.turns.at(-1);
  if (!last || !("reply" in last.decision) || conv.pending.length) return undefined;
  const names = [...new Set([...facts.recipes, ...facts.installed])];
  const named = clauses.filter((c) => findRecipes(c, facts, names).found.length);
  const w = named.flat().filter((t) => t.kind === "word" || t.kind === "number");
  if (!named.length || !w.some((t) => NARROW.has(t.norm))) return undefined;
  const recipes = findRecipes(named.flat(), facts, names).found;
  if (!w.every((t) => NARROW_OK.has(t.norm) || recipes.includes(t.norm))) return undefined;
  if (clauses.some((c) => readVerbs(c).install || readVerbs(c).remove)) return undefined;
  const before = normalizeTokens(last.user, facts);
  if (!readVerbs(before).remove) return undefined;
  const asked = findRecipes(before, facts, facts.installed).found;
  // "remove the video stuff" (no program named: my reply asked) → "only mpv": the answer says
  // which. Why this is safe: the last turn asked for a removal in so many words, with no negation
  // or keep in it ("don't remove anything" narrows nothing), and only installed programs the
  // answer names are removed; a removal that named programs still narrows to those alone.
  const described =
    !findRecipes(before, facts, names).found.length &&
    !before.some((t) => isNegator(t.norm) || isKeepWord(t.norm));
  if (!recipes.every((r) => (asked.includes(r) || described) && facts.installed.includes(r)))
    return undefined;
  const d = finish(
    recipes.map((name) => ({ tool: "removeRecipe", args: { name } }) as PlanCall),
    ctx,
  );
  return "calls" in d ? d : undefined;
}
