import type { Decision } from "../../tools/decision.js";
import { isPlanQuestion } from "../safety/question.js";
import type { PlanCall } from "../types.js";
import { bareFollowUp, narrowedRemoval } from "./bareFollowUp.js";
import { frontedTopics } from "./classify.js";
import { clauseIntents, settleIntents } from "./clauseIntents.js";
import { type Ctx, capabilities, finish, reply } from "./context.js";
import { bareSizeEdit } from "./diskCalls.js";
import { readDrop } from "./edits.js";
import { flagsAsWords } from "./flagWords.js";
import { joinGroupLists } from "./groupMembership.js";
import { extractHostname, splitAfterHostname } from "./hostname.js";
import { spacedHostname } from "./hostnameSpaces.js";
import type { Intent } from "./intent.js";
import { removeKind } from "./kindRemovals.js";
import { withoutLeadingCorrection } from "./leadingCorrection.js";
import { keyboardCorrected, localeDecision } from "./localeCall.js";
import { partitionStep } from "./partitionStep.js";
import { extractLocale } from "./places.js";
import { continuesLastKeep, keepAnswer } from "./protections.js";
import { answerWithOffer, GREETINGS, isQuestion, THANKS } from "./questions.js";
import { recipeStep } from "./recipeStep.js";
import { safetyReply } from "./refusals.js";
import { removeTheRest } from "./removeRest.js";
import { namesKeptAfter, requestsBeforeKeep } from "./requestBeforeKeep.js";
import type { Token } from "./text.js";
import { FILLERS, normalizeTokens, splitClauses, words } from "./tokens.js";
import { followUpDecision } from "./turnFollowUps.js";
import { emptyOutcome, type Outcome, outcomeDecision } from "./turnOutcome.js";
import { userStep } from "./userStep.js";

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
  const { facts } = ctx;
  let tokens = normalizeTokens(text, facts);
  const w = words(tokens);
  const ws = new Set(w);

  // "make the swap 16 instead": only a size change, before "dump root" is read as a refusal
  const resize = bareSizeEdit(tokens, ctx);
  if (resize) return "reply" in resize ? reply(resize.reply) : finish([resize.call], ctx);
  // "remove everything except git": the rest goes, what is named stays (before the refusal of "everything")
  const rest = removeTheRest(tokens, ctx);
  if (rest) return "calls" in rest ? finish(rest.calls, ctx) : rest;
  // "get rid of all the text editors except neovim": the installed programs of a kind (kindRemovals.ts)
  const kind = removeKind(tokens, text, ctx);
  if (kind) return "calls" in kind ? finish(kind.calls as PlanCall[], ctx) : kind;
  const safety = safetyReply(tokens, text, ctx);
  if (typeof safety === "string") return reply(safety);
  if (safety) return { reply: safety.reply, offer: { calls: [safety.offer] } };
  // Leading "no wait", "actually", "hmm": a correction; the rest is parsed as a request.
  const lead = withoutLeadingCorrection(tokens, facts);
  tokens = lead.tokens;
  const correction = lead.correction;

  // "how much free space is there next to windows?" also offers the install into it ("use it")
  if (isQuestion(tokens, text) || isPlanQuestion(text)) return answerWithOffer(tokens, ctx);

  const recipeNames = [...new Set([...facts.recipes, ...facts.installed])];
  // "forget about fd", "don't create vince after all": edits of the pending plan
  const drop = readDrop(normalizeTokens(text, facts), ctx, recipeNames);
  if (drop) return drop;
  const greeted = greetingOnly(w, ws, ctx);
  if (greeted) return greeted;
  // "and fzf", "sdb too" after a turn that kept something: more of the same keep
  if (continuesLastKeep(text, ctx)) return keepAnswer(text, ctx);
  const followUp = followUpDecision(text, tokens, ctx, recipeNames);
  if (followUp) return followUp;

  const clauses = frontedTopics(joinGroupLists(splitAfterHostname(splitClauses(tokens))), ctx, recipeNames);
  const { intents, inherited } = clauseIntents(clauses, text, ctx, recipeNames);
  namesKeptAfter(clauses, intents, text, ctx, recipeNames);
  requestsBeforeKeep(clauses, intents, text, ctx, recipeNames);
  if (intents.includes("keep") && intents.every((i) => i === "keep" || i === undefined))
    return keepAnswer(text, ctx);
  settleIntents(clauses, intents, inherited, text, ctx, recipeNames);
  // A bare follow-up without a verb: continue what the last turn did.
  if (intents.every((i) => i === undefined)) return bareFollowUp(clauses, tokens, ws, text, ctx, recipeNames);

  // "Just htop and tmux." after a removal I answered with a reply: that removal, narrowed
  const narrowed = narrowedRemoval(clauses, ctx);
  if (narrowed) return narrowed;
  const out = emptyOutcome();
  partitionStep(clauses, intents, correction, ctx, out);
  userStep(clauses, intents, text, ctx, out);
  recipeStep(clauses, intents, inherited, tokens, text, ctx, recipeNames, out);
  settingsStep(clauses, intents, tokens, text, ctx, out);
  return outcomeDecision(out, text, ctx);
}

/** A turn of only greetings, thanks or fillers, or a bare "help": answered, no tool. */
function greetingOnly(w: readonly string[], ws: ReadonlySet<string>, ctx: Ctx): Decision | undefined {
  const { facts, allowed } = ctx;
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
  return undefined;
}

/** The settings of a turn: one setLocale carries every locale clause, one setHostname the host. */
function settingsStep(
  clauses: readonly Token[][],
  intents: readonly (Intent | undefined)[],
  tokens: readonly Token[],
  text: string,
  ctx: Ctx,
  out: Outcome,
): void {
  const { facts } = ctx;
  const { calls, problems } = out;
  // --- locale: one call carries every setting of the turn
  const locTokens = clauses.filter((_, i) => intents[i] === "locale");
  if (locTokens.length) {
    const last = ctx.conv.turns.at(-1)?.decision;
    const lastLocale = last && "calls" in last ? last.calls.find((c) => c.tool === "setLocale") : undefined;
    const corrected = keyboardCorrected(
      locTokens,
      ctx.conv.user,
      lastLocale?.args as { keymap?: string } | undefined,
    );
    const r = corrected ? { call: corrected } : localeDecision(locTokens, tokens);
    if (r.call) calls.push(keptLanguage(r.call, locTokens, tokens, ctx));
    else problems.push(r.problem);
  }

  // --- hostname
  // "no hostname that identifies me. call it box": a clause that refuses a kind of name gives none;
  // the host clause that names one is read
  const hostClauses = clauses.filter((_, i) => intents[i] === "host");
  const refusing = (c: readonly Token[]) => {
    const at = c.findIndex((t) => t.norm === "hostname" || t.norm === "name");
    // (a leading "no" is taken off the words before they reach here: read it in the text)
    return at >= 0 && /\b(?:no|not)\s+$/i.test(text.slice(0, c[at]!.start));
  };
  const hostClause = hostClauses.find((c) => !refusing(c)) ?? hostClauses[0];
  if (hostClause) {
    const h = extractHostname(hostClause, facts.hostname);
    // "hostname Johns Laptop", "hostname Ed's PC": offered as a hostname may write it (hostnameSpaces.ts)
    // only where the reader found no name or cut the name short ("johns" of "Johns Laptop"): a name
    // it read whole ("nome del computer su pizzeria": pizzeria) stands
    const found = spacedHostname(hostClause, text);
    const spaced = found && (!h || found.value.startsWith(`${h}-`)) ? found : undefined;
    if (spaced) {
      out.single.push({ tool: "setHostname", args: { hostname: spaced.value } });
      problems.push(
        `A hostname can't hold spaces, apostrophes or underscores ("${spaced.said}"): shall I use ${spaced.value}?`,
      );
    } else if (h) calls.push({ tool: "setHostname", args: { hostname: h } });
    else problems.push(`What should the hostname be? (now: ${facts.hostname})`);
  }
}

/**
 * "french locale" … "sorry i meant french keyboard, language stays english": a language kept as it
 * is changes nothing, unless the plan already changes it; then keeping it is setting it back.
 */
function keptLanguage(
  call: PlanCall,
  locTokens: readonly Token[][],
  tokens: readonly Token[],
  ctx: Ctx,
): PlanCall {
  if (call.tool !== "setLocale" || call.args.locale) return call;
  const kept = locTokens.map((c) => extractLocale(c, tokens).kept).find((k) => k);
  const planned = ctx.conv.pending.find((c) => c.tool === "setLocale" && c.args.locale);
  if (!kept || !planned || planned.tool !== "setLocale" || planned.args.locale === kept) return call;
  return { ...call, args: { ...call.args, locale: kept } };
}
