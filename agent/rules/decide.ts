import type { Facts } from "../../facts/schema.js";
import { type Decision, ToolCallSchema } from "../../tools/decision.js";
import type { ToolName } from "../../tools/types.js";
import { addsProgram } from "../addedProgram.js";
import { leavesAlone } from "../planAnswerWords.js";
import { answerOpenQuestion, openQuestion } from "../safety/openQuestion.js";
import type { ConversationView } from "../types.js";
import { yesNo } from "../yesno.js";
import { readAnswer } from "./answer.js";
import { type Ctx, capabilities, reply } from "./context.js";
import { deliberatedInstall } from "./diskStatement.js";
import { resolveDisk } from "./disks.js";
import { generalDisk } from "./generalDisk.js";
import { generalEntities } from "./generalEntities.js";
import { informedErase } from "./informedErase.js";
import { widened } from "./joinedReading.js";
import { sayListJoiners } from "./listJoiners.js";
import { negatedRecipesOnly } from "./negatedRecipes.js";
import { oneNamedLeft } from "./oneNamedLeft.js";
import { parseTurn } from "./parse.js";
import { isQuestion } from "./questions.js";
import { PASSWORD_ANSWER, passwordAnswer, withoutPasswordClauses } from "./secrets.js";
import { stepNamedAgain } from "./stepNouns.js";
import { strayProgramWord } from "./strayProgramWord.js";
import { tokenize } from "./text.js";
import { normalizeTokens, words } from "./tokens.js";
import { readUserCommands } from "./userCommands.js";

export const SUGGESTION =
  /^\s*(how about|what about|maybe|perhaps|let'?s say|say|let'?s go with|go with|something like)\s+/i;

export function decideRules(conv: ConversationView, facts: Facts, allowed: readonly ToolName[]): Decision {
  const ctx: Ctx = { conv, facts, allowed };
  const text = conv.user.trim();
  if (!text) return reply(capabilities(facts, allowed));

  // "install" with nothing planned nor offered asks for the install (agent/turn.ts)
  // "and go" with a recipe named go: a program added, never a go (agent/addedProgram.ts)
  const added = addsProgram(text, [...facts.recipes, ...facts.installed]);
  const yn =
    !added && (conv.pending.length || conv.offer || !/^install\W*$/i.test(text)) ? yesNo(text) : undefined;
  // "Which one: fzf or fd?" "yes": the question stays open; the plan is not what was asked about
  const asked = openQuestion(conv);
  if (yn !== undefined && asked) return answerOpenQuestion(yn, asked, conv);
  if (yn !== undefined) {
    if (conv.pending.length || conv.offer) return { confirm: yn };
    return reply(yn ? "There is nothing to confirm yet." : "OK, nothing is planned.");
  }
  // "yes, install it", "looks good to me", "no, keep it": an answer in more words. A question is
  // never one ("wait, what's on it now?").
  // "Let it go.", "Go away." leave the plan alone in go words (agent/planAnswerWords.ts)
  if ((conv.pending.length || conv.offer) && !asked && !added && !text.includes("?") && !leavesAlone(text)) {
    const answer = readAnswer(normalizeTokens(text, facts));
    if (answer !== undefined) return { confirm: answer };
  }

  // "useradd -m -G wheel sam", "userdel lena": the plan step each command stands for (userCommands.ts)
  const commands = readUserCommands(text, ctx);
  if (commands) return commands;

  // "user bob with sudo, his password is ***": the password refused, the rest still read
  const rest = withoutPasswordClauses(text);
  if (rest) {
    const answer = passwordAnswer(parseTurn(rest, ctx));
    if (answer) return answer;
  }

  // "bat no", "no ripgrep please": a turn that only says no to programs asks for none of them
  const negated = negatedRecipesOnly(text, ctx);
  if (negated) return negated;

  // A short answer to my own question ("Which disk?" "the nvme one"; "What name?" "vince"): read
  // it together with the request that raised the question.
  // a password typed at "What name?" was no answer: the question before it is still the one open
  const last = conv.turns.findLast((t) => t.user !== PASSWORD_ANSWER);
  // "how about atlas?", "maybe Rome": a suggestion answers the question as well as a plain word.
  const answer = text.replace(SUGGESTION, "").replace(/\?\s*$/, "");
  if (
    last &&
    "reply" in last.decision &&
    last.decision.reply.includes("?") &&
    words(tokenize(answer)).length <= 6 &&
    // "whats on it?" asks even without its mark; "the nvme?", "how about atlas?" answer
    (SUGGESTION.test(text) || !isQuestion(tokenize(answer), answer))
  ) {
    // "install on the nvme" after a question: a request that stands alone is read alone. Any
    // disk it names counts ("install on the WD, erase it"): glued to "don't erase anything" the
    // request became a keep of the WD and its "it" another disk (attack4 C1)
    const namesDisk =
      DISK_IN_ANSWER.test(answer) ||
      resolveDisk(normalizeTokens(answer, facts), facts.disks, { mentioned: [], offered: [] }).kind === "one";
    if (namesDisk && /\b(install|put|use|erase|wipe)\b/i.test(answer)) {
      const alone = restated(parseTurn(text, ctx), text, conv);
      if ("calls" in alone) return alone;
    }
    // "Shall I add the rest (install ripgrep)?" "user ann": a request of another kind beside my
    // yes/no offer is read alone, never glued to the request that raised the offer (tester 24 W7,
    // W12: the old request was planned again, an erase refused again, maria lost); the offer
    // stays open for the next yes (agent/conversation.ts)
    const apart = last.decision.offer
      ? besideOffer(parseTurn(text, ctx), last.decision.offer.calls)
      : undefined;
    if (apart) return restated(apart, text, conv);
    // "oh sorry, nvme": a disk in the answer takes the place of the one the request named
    const before = DISK_IN_ANSWER.test(answer) ? last.user.replace(DISK_NAME, " ") : last.user;
    const combined = parseTurn(`${before.replace(/[?.!]+\s*$/, "")} ${answer}`, ctx);
    if ("calls" in combined) {
      // "keyboard de", "timezone Europe/Berlin" after "What should the new user be called?": a
      // request for another setting answers another question, and is read alone
      const alone = parseTurn(text, ctx);
      const setting = (t: string) => t === "setLocale" || t === "setHostname";
      const other =
        "calls" in alone &&
        alone.calls.every((a) => setting(a.tool)) &&
        !combined.calls.some((c) => alone.calls.some((a) => a.tool === c.tool));
      return restated(other ? alone : combined, text, conv);
    }
  }
  // a disk turn in words no reader knows: read by its structure (generalDisk.ts)
  // programs, people and hostnames read by their shape first (generalEntities.ts)
  // a word read as an unknown program beside a placed install (strayProgramWord.ts)
  // "scrap the starship removal": a step named as a thing is never planned a second time (stepNouns.ts)
  // one disk left of several named, none chosen: offered, not asked about alone (oneNamedLeft.ts)
  // "the Crucial, let me think about it": a disk beside the speaker's deliberation is offered (diskStatement.ts)
  // "fedora can die", "replace fedora": the disk whose content the words let go (informedErase.ts)
  const decide = (t: string) => {
    const read = restated(generalEntities(parseTurn(t, ctx), t, ctx, parseTurn), t, conv);
    return informedErase(
      deliberatedInstall(
        stepNamedAgain(oneNamedLeft(generalDisk(strayProgramWord(read, t, ctx), t, ctx), ctx), t, conv),
        t,
      ),
      t,
      ctx,
      parseTurn,
    );
  };
  const plain = decide(text);
  // "nvme + user ali sudo", lines, "fzf/bat/eza": the typed joiners as stops, a reading that may
  // only add to this one (listJoiners.ts)
  const joined = sayListJoiners(text, new Set([...facts.recipes, ...facts.installed]));
  return joined === text ? plain : (widened(plain, decide(joined)) ?? plain);
}

const DISK_NAME = /\b(?:on|onto)?\s*(?:\/dev\/)?(?:sd[a-z]+|nvme\d+n\d+|vd[a-z]+|mmcblk\d+)\b/gi;
const DISK_IN_ANSWER =
  /\b(?:\/dev\/)?(?:sd[a-z]+|nvme\d*(?:n\d+)?|vd[a-z]+|mmcblk\d+|ssd|hdd|samsung|crucial|usb)\b/i;
const YES_WORD = /\b(yes|yep|yeah|ok|okay|go|go ahead|do it|confirm|proceed)\b/i;

/**
 * "ok just the small one then, yes": a request that only restates the pending plan, said with a
 * yes, is the yes (never a second erase of the same disk).
 */
function restated(d: Decision, text: string, conv: ConversationView): Decision {
  if (!("calls" in d) || !conv.pending.length || !YES_WORD.test(text)) return d;
  const same = d.calls.every((c) => {
    const n = ToolCallSchema.safeParse(c);
    return n.success && conv.pending.some((p) => JSON.stringify(p) === JSON.stringify(n.data));
  });
  return same ? { confirm: true } : d;
}

/**
 * Calls that stand beside an open offer: none on the same target as an offered call (the disk, the
 * user, the program, the locale or hostname). Undefined when the words may answer or change the offer ("the nvme" to a disk offer).
 */
function besideOffer(d: Decision, offered: readonly { tool: string; args: unknown }[]): Decision | undefined {
  if (!("calls" in d) || !d.calls.length) return undefined;
  const subject = (c: { tool: string; args: unknown }) => {
    const a = c.args as { username?: string; name?: string };
    const recipe = c.tool === "installRecipe" || c.tool === "removeRecipe";
    return `${recipe ? "recipe" : c.tool}:${c.tool === "createUser" ? a.username : recipe ? a.name : ""}`;
  };
  const touches = (c: { tool: string; args: unknown }) => offered.some((o) => subject(o) === subject(c));
  return d.calls.some(touches) ? undefined : d;
}
