import type { Decision } from "../../tools/decision.js";
import type { ToolName } from "../../tools/types.js";
import { isPlanQuestion } from "../safety/question.js";
import type { PlanCall } from "../types.js";
import { SYSTEM_WORDS } from "./alongside.js";
import { BARE_OK, classify, frontedTopics, referredIntent } from "./classify.js";
import { type Ctx, capabilities, finish, lastCallOf, lastEntity, listOr, reply } from "./context.js";
import {
  bareSizeEdit,
  DISK_ATTRIBUTES,
  describesOnly,
  joinClauses,
  partitionCall,
  reasonsBesideErase,
  reasonsBesideKeep,
  toSizeArg,
} from "./diskCalls.js";
import { describeDisk, listDisks } from "./disks.js";
import { readDrop } from "./edits.js";
import { flagsAsWords } from "./flagWords.js";
import { finishedWith, prefers, readReplacement } from "./grammar.js";
import { CHANGE_VERBS, extractHostname, hostnameFollowUp, splitAfterHostname } from "./hostname.js";
import type { Intent } from "./intent.js";
import { excludedNames, namesBeforeException } from "./listExclusions.js";
import { listHeads } from "./listHeads.js";
import { localeDecision } from "./localeCall.js";
import { usernameCandidate } from "./nameCandidates.js";
import { refusesWholeClause, statesDisuse } from "./negatedRecipes.js";
import { objectFallback, plannedAgain } from "./objectFallback.js";
import { extractLocale, placeAt } from "./places.js";
import { continuesKeep, continuesLastKeep, isKeepClause, keepAnswer } from "./protections.js";
import { answerWithOffer, GREETINGS, isQuestion, THANKS } from "./questions.js";
import { referredRecipes } from "./recipeReference.js";
import { findRecipes, kindCandidates, misspelled, nearRecipe, recipeOf, versionOf } from "./recipes.js";
import { safetyReply } from "./refusals.js";
import { keepsTheRest, removeTheRest } from "./removeRest.js";
import { closest, findSizes, type Token, tokenize } from "./text.js";
import {
  ALIASES,
  FILLERS,
  hasPhrase,
  isNegated,
  normalizeTokens,
  OS_WORDS,
  STOP,
  splitClauses,
  words,
} from "./tokens.js";
import { peopleInLists, shareListSettings } from "./userLists.js";
import { readRename } from "./userRename.js";
import { extractUser, type UserDraft, userCalls } from "./users.js";
import { CORRECTION_WORDS, INSTALL_VERBS, NEGATIONS, REMOVE_VERBS, SUDO_WORDS } from "./vocab.js";
import { requestedNames } from "./wordNames.js";

/**
 * The rules backend's parser: one user turn → one Decision, deterministically.
 *
 * 1. Tokenize, expand contractions and abbreviations, correct typos toward the keyword vocabulary.
 * 2. Answer what needs no tool: yes/no, greetings, questions, dangerous requests.
 * 3. Split into clauses ("add ripgrep and fd", "create anna with sudo and set Tokyo time"); each
 *    clause gets a tool from its words, or inherits the previous clause's.
 * 4. Extract each tool's arguments; merge clauses of one tool into one call (one disk, one
 *    setLocale), resolve references ("it", "the other one", "him") from the conversation, and
 *    start a correction from the pending call it changes.
 * 5. Check each call against the facts; a call that cannot stand becomes a reply that says why.
 */

export function parseTurn(text: string, ctx: Ctx): Decision {
  // "--user ops:sudo --user deploy": flags said back in words, one clause a flag
  const flags = flagsAsWords(text);
  if (flags) return parseTurn(flags, ctx);
  const { conv, facts, allowed } = ctx;
  let tokens = normalizeTokens(text, facts);
  const w = words(tokens);
  const ws = new Set(w);

  // "make the swap 16 instead": only a size change, before "dump root" is read as a refusal
  const resize = bareSizeEdit(tokens, ctx);
  if (resize) return "reply" in resize ? reply(resize.reply) : finish([resize.call], ctx);
  // "remove everything except git": the rest goes, what is named stays (before the refusal of "everything")
  const rest = removeTheRest(tokens, ctx);
  if (rest) return "reply" in rest ? reply(rest.reply) : finish(rest.calls, ctx);
  const safety = safetyReply(tokens, text, ctx);
  if (safety) return reply(safety);

  // Leading "no wait", "actually", "hmm": a correction; the rest is parsed as a request.
  let correction = false;
  while (
    tokens.length &&
    // "instead of the hdd use the 980": "instead of" starts an exclusion, not a correction
    ((CORRECTION_WORDS.has(tokens[0]!.norm) &&
      !CHANGE_VERBS.has(tokens[0]!.norm) &&
      !(tokens[0]!.norm === "instead" && tokens[1]?.norm === "of")) ||
      tokens[0]!.kind === "punct" ||
      // "no wait, …" corrects; "no sudo for vince" refuses: "no" before what it quantifies stays
      // "no swap, nvme" refuses the swap: a layout word after "no" is what it quantifies too
      (tokens[0]!.norm === "no" &&
        tokens.length > 2 &&
        !SUDO_WORDS.has(tokens[1]!.norm) &&
        // "no vim pls, just neovim": a program after "no" is refused, not a correction's start
        !recipeOf(tokens[1]!, [...facts.recipes, ...facts.installed]) &&
        !DISK_ATTRIBUTES.has(tokens[1]!.norm)) ||
      tokens[0]!.norm === "ok" ||
      tokens[0]!.norm === "okay")
  ) {
    if (tokens[0]!.norm !== "ok" && tokens[0]!.norm !== "okay") correction = true;
    tokens = tokens.slice(1);
  }
  void correction;

  // "how much free space is there next to windows?" also offers the install into it ("use it")
  if (isQuestion(tokens, text) || isPlanQuestion(text)) return answerWithOffer(tokens, ctx);

  const recipeNames = [...new Set([...facts.recipes, ...facts.installed])];
  // "forget about fd", "don't create vince after all": edits of the pending plan
  const drop = readDrop(normalizeTokens(text, facts), ctx, recipeNames);
  if (drop) return drop;

  const content = w.filter(
    (x) =>
      !FILLERS.has(x) &&
      !GREETINGS.has(x) &&
      !THANKS.has(x) &&
      x !== "you" &&
      x !== "good" &&
      x !== "so" &&
      x !== "much",
  );
  if (content.length === 0) {
    if (w.some((x) => THANKS.has(x))) return reply("You're welcome.");
    return reply(`Hello. ${capabilities(facts, allowed)}`);
  }
  if (w.length === 1 && (ws.has("help") || ws.has("?"))) return reply(capabilities(facts, allowed));
  // "and fzf", "sdb too" after a turn that kept something: more of the same keep
  if (continuesLastKeep(text, ctx)) return keepAnswer(text, ctx);

  // "replace bat with delta", "swap fzf for zoxide", "delta instead of bat": remove one, install
  // the other.
  // (read on the words as typed: "instead of bat i want delta" starts with a correction word)
  const typed = normalizeTokens(text, facts);
  const repl = readReplacement(typed, (t) => recipeOf(t, recipeNames) !== undefined);
  if (repl) {
    const a = recipeOf(typed[repl.out]!, recipeNames)!;
    const b = recipeOf(typed[repl.in]!, recipeNames)!;
    if (a !== b && (facts.installed.includes(a) || !allowed.includes("removeRecipe")))
      return finish(
        [
          ...(allowed.includes("removeRecipe")
            ? [{ tool: "removeRecipe", args: { name: a } } as PlanCall]
            : []),
          { tool: "installRecipe", args: { name: b } },
        ],
        ctx,
      );
  }

  // "same for bob", "bob too", "and fd as well": repeat the last call for someone/something else.
  const same = /\b(?:same|likewise|ditto)\s+(?:for|with)\s+([A-Za-z0-9_.+-]+)/i.exec(text);
  if (same) {
    const target = same[1]!.toLowerCase();
    const recipe = recipeOf({ kind: "word", raw: target, norm: target, start: 0, end: 0 }, recipeNames);
    const prev = lastCallOf(conv, recipe ? ["installRecipe", "removeRecipe"] : ["createUser"]);
    if (prev?.tool === "createUser")
      return finish([{ tool: "createUser", args: { ...prev.args, username: target } }], ctx);
    if (prev && recipe && (prev.tool === "installRecipe" || prev.tool === "removeRecipe"))
      return finish([{ tool: prev.tool, args: { name: recipe } }], ctx);
  }

  const rename = readRename(tokens, ctx);
  if (rename) return reply(rename);

  // "call it box1. nah. box-one", "timezone london. wait no, dublin": the bare value left after a
  // take-back is what the withdrawn request should have said
  const withdrawn = conv.withdrawn ? withdrawnIntents(conv.withdrawn, ctx, recipeNames) : [];
  if (withdrawn.includes("locale")) {
    // "set the helsinki": the take-back hands the value over with the withdrawn verb
    const only = tokens.filter((t) => t.kind !== "punct" && !CHANGE_VERBS.has(t.norm) && t.norm !== "the");
    if (only.length && placeAt(only, 0)?.len === only.length) {
      const was = extractLocale(normalizeTokens(conv.withdrawn!, facts), []);
      const said = text.slice(only[0]!.start, only.at(-1)!.end);
      // the value read as the setting the withdrawn words set: "french" after "german keyboard"
      const as = (word: string) => {
        const t = normalizeTokens(`${said} ${word}`, facts);
        return extractLocale(t, t);
      };
      const args: Record<string, string> = {};
      const tz = was.timezone ? as("time").timezone : undefined;
      const loc = was.locale ? as("language").locale : undefined;
      const km = was.keymap ? as("keyboard").keymap : undefined;
      if (tz) args.timezone = tz;
      if (loc) args.locale = loc;
      if (km) args.keymap = km;
      if (Object.keys(args).length) return finish([{ tool: "setLocale", args } as PlanCall], ctx);
    }
  }
  // "hm no, tower2", "not zeus either. hermes" right after a hostname was set: the new name
  const lastTurn = conv.turns.at(-1)?.decision;
  if (
    withdrawn.includes("host") ||
    // (a turn of only the hostname: after several calls, "make that nano" may mean any of them)
    (lastTurn && "calls" in lastTurn && lastTurn.calls.every((c) => c.tool === "setHostname"))
  ) {
    const h = hostnameFollowUp(text, tokens, withdrawn.includes("host"), (t) => !!recipeOf(t, recipeNames));
    if (h) return finish([{ tool: "setHostname", args: { hostname: h } }], ctx);
  }

  const clauses = frontedTopics(splitAfterHostname(splitClauses(tokens)), ctx, recipeNames);
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
      // "i dont want htop anymore, btop is better": the program preferred is installed
      if (intent === "remove" && prefers(words(c))) intent = "install";
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
  if (intents.includes("keep") && intents.every((i) => i === "keep" || i === undefined))
    return keepAnswer(text, ctx);
  // "I have a samsung and a crucial": a turn that only describes its disks erases none of them.
  // (what a keep clause says about a disk, "fedora stays where it is", describes nothing here)
  if (describesOnly(clauses.filter((_, i) => intents[i] !== "keep").flat()))
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
  if (intents.every((i) => i === undefined)) {
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
      if (name && prevUser.tool === "createUser")
        return finish([{ tool: "createUser", args: { ...prevUser.args, username: name } }], ctx);
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
    // "scrap the jq bit" with jq already planned: the unread verb is about the planned step (objectFallback.ts)
    const again = plannedAgain(text, ctx, recipes, prev?.tool === "removeRecipe");
    if (again) return again;
    if (recipes.length && (ws.has("too") || ws.has("also") || ws.has("and") || prev))
      return finish(
        recipes.map((name) => {
          if (prev?.tool === "removeRecipe") return { tool: "removeRecipe", args: { name } } as PlanCall;
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

  const calls: PlanCall[] = [];
  const problems: string[] = [];
  /** Programs named by an alias or abbreviation ("hx", "lg"): asked about, never assumed. */
  const guessed: { said: string; name: string; tool: "installRecipe" | "removeRecipe" }[] = [];
  const single: PlanCall[] = [];
  /** The one disk, offered rather than assumed ("install levitate" → "Install onto /dev/sda?"). */
  let diskOffer: PlanCall | undefined;

  // --- partition: every partition clause together describes one call.
  const partTokens = joinClauses(clauses.filter((_, i) => intents[i] === "partition"));
  const resized = sizeEdit(partTokens, conv);
  if (resized) calls.push(resized);
  else if (partTokens.length) {
    const r = secondDisk(partitionCall(partTokens, ctx, correction), partTokens, conv);
    if ("reply" in r) {
      problems.push(r.reply === NO_DISK ? noDiskLeft(ctx) : r.reply);
      if (r.offer) diskOffer = r.offer;
    } else if (
      onlyExcludes(partTokens) &&
      r.call.tool === "partitionDisk" &&
      // "not sda, sdb" after a question or a plan: a correction that names its disk
      ((!conv.pending.some((c) => c.tool === "partitionDisk") &&
        !conv.turns.some((t) => "reply" in t.decision && t.decision.reply.includes("/dev/"))) ||
        // "and spare the seagate too" while my offer of that disk is open: a keep answers no offer,
        // so the offer stays open, asked again (tester 15 W6)
        offersDisk(conv.offer, (r.call.args as { disk: string }).disk))
    ) {
      // "anything but the 1tb" with no request said: the disk that is left is asked about, never
      // erased on an exclusion alone
      const d = facts.disks.find((x) => x.path === (r.call.args as { disk: string }).disk);
      problems.push(`Install onto ${d ? describeDisk(d) : r.call.args.disk}? Everything on it is erased.`);
      diskOffer = r.call;
    } else calls.push(r.call);
  }

  // --- users
  const users: UserDraft[] = [];
  const members: { clause: Token[]; draft: UserDraft }[] = [];
  clauses.forEach((c, i) => {
    if (intents[i] !== "user") return;
    users.push(extractUser(c, ctx));
    members.push({ clause: c, draft: users.at(-1)! });
  });
  // "users anna and ben with sudo": the setting after the list is every member's
  shareListSettings(text, members);
  // "I'm sarah, set me up with an account": the name is in a clause of its own
  if (users.length && !users.some((u) => u.username)) {
    const m = /\b(?:i am|i'm|im|my name is|call me)\s+([a-z_][a-z0-9_-]{0,31})\b/i.exec(text);
    const name = m?.[1]?.toLowerCase();
    if (name && !STOP.has(name) && !placeAt(tokenize(name), 0)) users[0]!.username = name;
  }
  // "make me an account, username jonas", "an account for my partner, her name is eva": a clause
  // that asks for a user without naming one, followed by the one that names them, is one user.
  for (let i = users.length - 2; i >= 0; i--) {
    const d = users[i]!;
    const next = users[i + 1]!;
    if (d.username || d.all || users.slice(0, i).some((u) => u.username) || !next.username) continue;
    users.splice(i, 1);
    next.sudo ??= d.sudo;
    next.fullName ??= d.fullName;
    next.shell ??= d.shell;
    if (d.groups) next.groups = [...d.groups, ...(next.groups ?? [])];
    next.pronoun = false;
  }
  if (users.length) {
    const r = userCalls(users, ctx);
    if ("reply" in r) problems.push(r.reply);
    else calls.push(...r.calls);
  }

  // --- recipes
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
    const found = requestedNames(said, c, normalizeTokens(text, facts), names, text);
    // "install ripgrep, I just need it": a clause whose only names were words asks for nothing
    if (said.length && !found.length) return;
    const items: string[] = [];
    for (const name of found) {
      const at = c.findIndex((t) => recipeOf(t, names) === name);
      if (intent === "install" && isNegated(c, at) && !REMOVE_VERBS.has(c[at - 1]?.norm ?? "")) continue;
      if (intent === "install" && (excluded.get(name) ?? -1) >= i) continue;
      // "remove fzf, but not git": a negated name is never removed
      if (intent === "remove" && isNegated(c, at) && !finishedWith(words(c))) continue;
      const tok = c[at];
      const guessedTool = intent === "remove" ? "removeRecipe" : "installRecipe";
      if (tok && tok.norm !== name && ALIASES[tok.norm] === name && !names.includes(tok.norm)) {
        guessed.push({ said: tok.raw, name, tool: guessedTool });
        continue;
      }
      // a misspelled name, installed or removed, is offered ("instal rigrep" → "Do you mean ripgrep?")
      // ("the rust cli stuff: ... dust": a near word beside the name said right is no guess)
      if (tok && misspelled(tok, name) && !c.some((t) => t !== tok && t.norm === name)) {
        guessed.push({ said: tok.raw, name, tool: guessedTool });
        continue;
      }
      items.push(name);
    }
    // "install lg": letters of one program's name, in order ("lg" → lazygit); "add fzff": one edit
    // from a short name (offered, never made)
    if (intent === "install")
      for (const u of unknown) {
        const hit =
          (found.length ? undefined : abbreviationOf(u, facts.recipes)) ?? nearRecipe(u, facts.recipes);
        if (hit && !found.includes(hit)) guessed.push({ said: u, name: hit, tool: "installRecipe" });
      }
    if (guessed.length && !items.length) return;
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
    if (!items.length) {
      const wanted = unknown.filter((u) => !OS_WORDS.has(u));
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
        problems.push(
          pendingInstall
            ? `${name} is only in the plan, not installed: type /undo to take it out.`
            : `${name} is not installed${facts.installed.length ? ` (installed: ${listOr(facts.installed)})` : ""}.`,
        );
        continue;
      }
      // "i dont use tmux anymore": a fact about the user, so the removal is offered
      if (tool === "removeRecipe" && !inherited[i] && statesDisuse(c)) {
        problems.push(`You don't use ${name} any more: shall I remove it?`);
        single.push({ tool, args: { name } });
        continue;
      }
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

  // --- locale: one call carries every setting of the turn
  const locTokens = clauses.filter((_, i) => intents[i] === "locale");
  if (locTokens.length) {
    const r = localeDecision(locTokens, tokens);
    if (r.call) calls.push(r.call);
    else problems.push(r.problem);
  }

  // --- hostname
  const hostClause = clauses.find((_, i) => intents[i] === "host");
  if (hostClause) {
    const h = extractHostname(hostClause);
    if (h) calls.push({ tool: "setHostname", args: { hostname: h } });
    else problems.push(`What should the hostname be? (now: ${facts.hostname})`);
  }

  // Every clause accounted for: what cannot be done is said, and what can is offered with it.
  if (guessed.length) {
    const asks = guessed.map((g) => `${g.name} (for "${g.said}")`).join(" and ");
    const offer = [...calls, ...guessed.map((g) => ({ tool: g.tool, args: { name: g.name } }) as PlanCall)];
    const checked = finish(offer, ctx);
    if ("calls" in checked)
      return {
        reply: `${problems.length ? `${problems.join(" ")} ` : ""}Do you mean ${asks}?`,
        offer: { calls: checked.calls },
      };
  }
  if (single.length && single.length === problems.length) {
    const offered = [...calls, ...single];
    const checked = finish(offered, ctx);
    if ("calls" in checked)
      return {
        reply: `${problems.join(" ")}${calls.length ? ` "yes" adds it with the rest (${calls.map(callText).join(", ")}).` : ""}`,
        offer: { calls: checked.calls },
      };
  }
  if (diskOffer && problems.length === 1) {
    const checked = finish([diskOffer, ...calls], ctx);
    if ("calls" in checked) return { reply: problems[0]!, offer: { calls: checked.calls } };
  }
  if (problems.length && calls.length) {
    const checked = finish(calls, ctx);
    if ("calls" in checked)
      return {
        reply: `${problems.join(" ")} Shall I add the rest (${checked.calls.map(callText).join(", ")})?`,
        offer: { calls: checked.calls },
      };
  }
  if (problems.length) return reply(problems.join(" "));
  if (!calls.length)
    return (
      objectFallback(text, ctx) ??
      reply(`I didn't find anything to do in that. ${capabilities(facts, allowed)}`)
    );
  return finish(calls, ctx);
}

const NO_DISK = "There is no disk here to install onto.";

/** What the words a take-back withdrew asked for ("call it box1": host). */
function withdrawnIntents(text: string, ctx: Ctx, recipeNames: readonly string[]): (Intent | undefined)[] {
  return splitClauses(normalizeTokens(text, ctx.facts)).map((c) => classify(c, ctx, recipeNames));
}

/** "just use any disk" when every disk is kept: say so, and how to let one go. */
function noDiskLeft(ctx: Ctx): string {
  const kept = (ctx.conv.protections ?? []).filter((p) => p.kind === "disk" || p.kind === "partitions");
  const disks = [...new Set(kept.map((p) => (p.kind === "disk" || p.kind === "partitions" ? p.disk : "")))];
  if (!disks.length) return NO_DISK;
  return `Every disk here is one you asked me to keep (${disks.join(", ")}), so there is none left to install onto. To use one anyway, say "erase ${disks[0]}, I don't need what's on it".`;
}

/**
 * "encrypt the samsung too", "also add the samsung as storage" with the install planned on another
 * disk: a second disk, which no tool adds. The plan stays; the install never moves there.
 */
function secondDisk(
  r: ReturnType<typeof partitionCall>,
  tokens: readonly Token[],
  conv: Ctx["conv"],
): ReturnType<typeof partitionCall> {
  const pending = conv.pending.find((c) => c.tool === "partitionDisk");
  if ("reply" in r || pending?.tool !== "partitionDisk" || r.call.tool !== "partitionDisk") return r;
  if (r.call.args.disk === pending.args.disk) return r;
  const w = ` ${words(tokens).join(" ")} `;
  if (
    !/ (too|also|as well|aswell|as storage|for storage|storage|extra|second|additional|in addition|for \/?home|for data) /.test(
      w,
    )
  )
    return r;
  return {
    reply: `I install onto one disk (${pending.args.disk}, as planned) and can't add, format or encrypt a second one; the plan is unchanged. To install onto ${r.call.args.disk} instead, say "use ${r.call.args.disk} instead".`,
  };
}

/**
 * "make it 500gb instead" with root (or swap) sized in the pending install: the size changes, the
 * disk does not. A size is only a disk's name beside a disk word ("the 500gb one", "the 1tb drive").
 */
function sizeEdit(tokens: readonly Token[], conv: Ctx["conv"]): PlanCall | undefined {
  const pending = conv.pending.find((c) => c.tool === "partitionDisk");
  if (pending?.tool !== "partitionDisk" || !tokens.length) return undefined;
  const w = words(tokens);
  if (!w.some((x) => x === "it" || x === "that")) return undefined;
  if (
    w.some((x) => ["disk", "drive", "one", "ssd", "hdd", "nvme", "sda", "sdb", "samsung", "use"].includes(x))
  )
    return undefined;
  const sizes = findSizes(tokens);
  if (sizes.length !== 1) return undefined;
  const args = pending.args as { rootSize?: string; swapSize?: string };
  const key = w.includes("swap")
    ? "swapSize"
    : w.includes("root")
      ? "rootSize"
      : args.rootSize
        ? "rootSize"
        : args.swapSize
          ? "swapSize"
          : undefined;
  if (!key) return undefined;
  return { tool: "partitionDisk", args: { ...pending.args, [key]: toSizeArg(sizes[0]!) } } as PlanCall;
}

/** Words that ask for an install; without one, a clause that only excludes disks asks nothing. */
const DISK_REQUEST = new Set([
  ...INSTALL_VERBS,
  "use",
  "wipe",
  "erase",
  "format",
  "go",
  "choose",
  "pick",
  "take",
  "partition",
  "encrypt",
  "encrypted",
  "btrfs",
  "xfs",
  "ext4",
]);

/** "anything but the 1tb", "not the samsung": an exclusion with no request beside it. */
function onlyExcludes(tokens: readonly Token[]): boolean {
  const w = words(tokens);
  const excludes = w.some(
    (x, i) => x === "except" || x === "not" || (x === "but" && i > 0) || x === "excluding",
  );
  // "any disk except the seagate" chooses a disk; "anything but the 1tb" may only keep one
  const choice = w.some((x) => ["disk", "drive", "one", "ssd", "hdd", "nvme", "device"].includes(x));
  return excludes && !choice && !w.some((x) => DISK_REQUEST.has(x));
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

function callText(c: PlanCall): string {
  switch (c.tool) {
    case "partitionDisk":
      return `install on ${c.args.disk}`;
    case "createUser":
      // an offer says the grant it holds: "yes" takes exactly what is shown (tester 9 D8)
      return `user ${c.args.username}${c.args.sudo ? " with sudo" : ""}`;
    case "installRecipe":
      return `install ${c.args.name}${c.args.version ? ` ${c.args.version}` : ""}`;
    case "removeRecipe":
      return `remove ${c.args.name}`;
    case "setHostname":
      return `hostname ${c.args.hostname}`;
    case "setLocale":
      return "language, keyboard and time zone";
  }
}

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

/** My open offer installs onto `disk`. */
function offersDisk(
  offer: { calls: readonly { tool: string; args: unknown }[] } | undefined,
  disk: string,
): boolean {
  return (offer?.calls ?? []).some(
    (c) => c.tool === "partitionDisk" && (c.args as { disk?: string }).disk === disk,
  );
}
