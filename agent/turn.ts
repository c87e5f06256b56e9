import type { Facts } from "../facts/schema.js";
import { type Decision, type Offer, parseDecision } from "../tools/decision.js";
import type { ToolName } from "../tools/types.js";
import { addsProgram } from "./addedProgram.js";
import { readAllOfPlanYes } from "./allOfPlanYes.js";
import { readAnswerTurn } from "./answerTurn.js";
import { bareInstall } from "./bareInstall.js";
import { allowedTools, callProblem } from "./checks.js";
import { readDismissThenGo } from "./dismissThenGo.js";
import { readGoStop } from "./goStop.js";
import { yesTakenBack } from "./jokedYes.js";
import { answerLeftToMe, leavesItToMe, pickLeftToMe } from "./leftToMe.js";
import { amendOffer } from "./offerAmend.js";
import { answerByShape } from "./planAnswerShape.js";
import { readGoingBack } from "./rules/goingBack.js";
import { screenRefusedCalls } from "./rules/negatedCalls.js";
import { userOfLastTurn } from "./rules/renameShapes.js";
import { PASSWORD_ANSWER, PASSWORD_ANSWER_REPLY } from "./rules/secrets.js";
import { stillAsking } from "./rules/stillAsking.js";
import { screenSudoRefusals } from "./rules/sudoRefusals.js";
import { readUndoLast } from "./rules/undoLast.js";
import { plannedRename } from "./rules/userRename.js";
import { ackAfterHold } from "./safety/ackAfterHold.js";
import { ackToUnnamedLoss } from "./safety/ackNotConsent.js";
import { warnAdminRemoval } from "./safety/adminRemoval.js";
import { screenAskedAlternative } from "./safety/askedAlternative.js";
import { readCancelStep, readNegatedErase } from "./safety/cancelStep.js";
import { gateConfirmation, isPause, PAUSE_REPLY } from "./safety/confirmGate.js";
import { screenCorrectedErase } from "./safety/correctedErase.js";
import { screenDataErase } from "./safety/dataDisk.js";
import { deferredReply, readDeferredAction } from "./safety/deferredAction.js";
import { readDiskExchange } from "./safety/diskExchange.js";
import { doubtedYesGate } from "./safety/doubtedYes.js";
import { screenEvidence } from "./safety/evidence.js";
import { screenJokedRequests } from "./safety/jokedRequests.js";
import { keepAfterDoubt } from "./safety/keepAfterDoubt.js";
import { warnLoss } from "./safety/loss.js";
import { screenMentionedCommand } from "./safety/mentionedCommand.js";
import { askedConfirm, mixedYesToLoss } from "./safety/mixedYes.js";
import { screenOneWordTypo } from "./safety/oneWordTypo.js";
import { answerOpenQuestion, movesOnFrom, openQuestion, saysRunThePlan } from "./safety/openQuestion.js";
import { screenPartitionKeep } from "./safety/partitionKeep.js";
import { screenPeopleList } from "./safety/peopleLists.js";
import { plainRemoval } from "./safety/plainRemoval.js";
import { isPlanQuestion } from "./safety/question.js";
import {
  asksMayI,
  asQuestion,
  inverted,
  QUESTION_REPLY,
  readQuestions,
  screenAskedBack,
} from "./safety/questionGate.js";
import { refuseLastChange } from "./safety/reasonThenDont.js";
import { screenRefusedInstall } from "./safety/refusedInstall.js";
import { removalNotPlain } from "./safety/removalNotPlain.js";
import { restartNotGo } from "./safety/restartWords.js";
import { confirmRestatedErase } from "./safety/restatedErase.js";
import { screenRootGroups } from "./safety/rootGroups.js";
import { screenDecision } from "./safety/screen.js";
import { screenSudoContext } from "./safety/sudoContext.js";
import { screenSudoModifierName } from "./safety/sudoModifierName.js";
import { moveSudoSaid } from "./safety/sudoMoves.js";
import { screenSudoPronoun } from "./safety/sudoPronoun.js";
import { bindSudoRecipients } from "./safety/sudoRecipients.js";
import { revokeSudoSaid, withGroupMembers } from "./safety/sudoRefs.js";
import { readTakeBack } from "./safety/takeback.js";
import { answerUnsure, unsureYes } from "./safety/unsureYes.js";
import { screenUserNames, withoutPurpose } from "./safety/userNameGate.js";
import { readWrongDisk } from "./safety/wrongDisk.js";
import { yesAfterRefusal } from "./safety/yesAfterRefusal.js";
import { answerLanguage } from "./speakerLanguage.js";
import { telegramStops } from "./telegramStop.js";
import type { Backend, ConversationView } from "./types.js";
import { onlyDiscardsWholePlan } from "./wholePlanDiscard.js";
import { yesNo } from "./yesno.js";

/**
 * One user turn → one Decision, the same way for every backend:
 * 1. "yes"/"no" (and their usual variants) are answered here, deterministically: first to an open
 *    offer ("Do you mean helix?": yes takes the offered calls, no drops them), else to the pending
 *    plan. No backend, and so no model, ever confirms a plan.
 * 2. The backend decides, seeing what the user keeps (ConversationView.protections).
 * 3. Its decision is checked: schema, tools allowed in this mode, and the facts (the disk exists
 *    and is not the live medium, the recipe exists, the user is new). A call that fails becomes a
 *    reply that says why; nothing invalid reaches the plan.
 * 4. The safety screen (agent/safety/screen.ts): a call that erases what the user keeps, removes
 *    a program they keep or gives sudo they refused becomes a reply saying why and what to say
 *    instead; the rest of the decision is offered.
 *
 * `levitate ask`, the install chat and the eval harness all go through here.
 */

export { allowedTools, callProblem } from "./checks.js";

const POINTS_AT_OFFER =
  /^\s*(?:(?:ok(?:ay)?|yes|yeah|sure|fine|alright)[,.!]?\s+)?(?:(?:use|take|pick|go with|do)\s+)?(?:that|this|it|that one|this one|the one you said|the one you suggested|the one you offered|that disk|that drive|that one then|that then)\s*(?:please|pls|then)?\s*[.!]*\s*$/i;

export { yesNo } from "./yesno.js";

// Start-up (`levitate ask` answers one turn and exits): a reader or screen that returns what it
// was given unless the turn proposes calls, answers an offer or edits a plan is imported where
// that is so, behind the same test it makes first; a turn that proposes nothing never loads it.
/** Calls proposed, or offered by a reply. */
const proposes = (d: Decision): boolean => "calls" in d || ("reply" in d && d.offer !== undefined);

export async function decideTurn(
  backend: Backend,
  conv: ConversationView,
  facts: Facts,
  allowed: readonly ToolName[] = allowedTools(facts),
): Promise<Decision> {
  // "remove bat remove bat": one step asked twice is one call (tester 24 R11)
  const decision = withoutRepeats(await decideTurnWords(backend, conv, facts, allowed));
  // "no" … "ok": an acknowledgement of "nothing runs" is no go (agent/safety/ackAfterHold.ts);
  // "hmm ok", "yes I guess", "ok, I'll think about it", "sure, after I check": a yes hedged by
  // doubt, put off or tied to a condition runs nothing and takes no offer (agent/safety/unsureYes.ts)
  // "ok i think", "yes?", "yes no", "yes but keep it", "give bob sudo after all, or not": a yes
  // with doubt, a question or a no beside it (agent/safety/doubtedYes.ts)
  const unsure =
    unsureYes(decision, conv) ?? ackAfterHold(decision, conv) ?? doubtedYesGate(decision, conv, facts);
  if (unsure) return unsure;
  // "remove vim, your call", "vim can go nowhere", "remove fd, vim has my config": a removal only
  // from a plain request (agent/safety/plainRemoval.ts)
  const unplain = plainRemoval(decision, conv, facts);
  if (unplain) return unplain;
  // "remove fd when I say so", "remove fd... wait", "recipe remove fd", "remove(fd)": deferred,
  // taken back or written as code, asked (agent/safety/removalNotPlain.ts)
  const notPlain = removalNotPlain(decision, conv, facts);
  if (notPlain) return notPlain;
  // "lets start again" is no yes (agent/safety/restartWords.ts)
  const restart = restartNotGo(decision, conv);
  if (restart) return restart;
  // "remove fd is forbidden", "I would never type erase sda": mentioned, not asked (agent/safety/mentionedCommand.ts)
  const mentioned = screenMentionedCommand(decision, conv);
  if (mentioned) return mentioned;
  // "YES STOP" to "Shall I erase it anyway?": a taken loss said with a stop is asked again
  // (agent/safety/mixedYes.ts), read on the words as typed
  if (conv.offer) return mixedYesToLoss(decision, conv.offer, conv.user, facts) ?? decision;
  // "yes?", "go ahead?" to the plan: asked again (agent/safety/mixedYes.ts)
  return askedConfirm(decision, conv.user) ?? decision;
}

/** The calls of a decision less those equal to an earlier one (the same tool and args). */
function withoutRepeats(d: Decision): Decision {
  if (!("calls" in d) || d.calls.length < 2) return d;
  const seen = new Set<string>();
  const calls = d.calls.filter((c) => {
    const key = JSON.stringify([c.tool, c.args]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return calls.length === d.calls.length ? d : { ...d, calls };
}

async function decideTurnWords(
  backend: Backend,
  conv: ConversationView,
  facts: Facts,
  allowed: readonly ToolName[],
): Promise<Decision> {
  // "PROCEED STOP": a telegram's STOP is its full stop (agent/telegramStop.ts)
  conv = { ...conv, user: telegramStops(conv.user) };
  // The words' last check, here so that the chat, `levitate ask` and the eval read a refusal the
  // same way: a call that a clause of the same words refuses ("do not wipe sda", "i wouldnt remove
  // curl") leaves the decision and its offer (agent/rules/negatedCalls.ts).
  // "users max and will, will gets sudo, max doesnt": each listed person, sudo as said (agent/safety/peopleLists.ts)
  // "Pour it.", "Expedition approved.": where the readers found nothing, the answer's shape (agent/planAnswerShape.ts)
  // "Snap." read as "swap": a one-word typo never changes a pending plan (agent/safety/oneWordTypo.ts)
  const words = answerByShape(
    screenOneWordTypo(await decideWords(backend, conv, facts, allowed), conv, facts),
    conv,
    facts,
  );
  // "create bob and alice with sudo for her": a grant by pronoun or position among several new
  // people is asked (safety/sudoPronoun.ts)
  const listed = screenSudoPronoun(screenPeopleList(words, conv, facts), conv);
  // "add jq, no btop": a program the words refuse is not installed (agent/safety/refusedInstall.ts)
  const said = screenRefusedInstall(screenRefusedCalls(listed, conv.user, facts), conv.user);
  // "Shall I erase it anyway?" "erase it anyway?": a question takes no destructive call I
  // offered (agent/safety/questionGate.ts)
  const asked = screenAskedBack(said, conv, facts);
  // A list the same words narrow ("either fd or ripgrep", "actually only bat", "bat *htop") keeps
  // what was finally chosen, or asks (agent/rules/removalChoices.ts). Sudo refused in any word
  // order ("administrator she is not", "sudo=false", "i'm the only admin"), or earlier in the
  // conversation, is never granted (agent/rules/sudoRefusals.ts).
  const choices = proposes(asked)
    ? (await import("./rules/removalChoices.js")).screenRemovalChoices(asked, conv, facts)
    : asked;
  // "user anna la sudo", "sudo gabe": sudo beside a word I cannot read is asked (safety/sudoContext.ts)
  const chosen = screenSudoContext(
    screenSudoModifierName(screenSudoRefusals(choices, conv, facts), conv),
    conv,
  );
  // "erase the S6PXNS0T123456A", "erase s d a": a disk named in words no reader places is asked
  // about, never read as the disk I offered (agent/safety/strangerName.ts)
  // "put it on sda, sorry, sdb": the erase of the disk a correction named is asked, not planned
  // (agent/safety/correctedErase.ts)
  // "Shall I erase it anyway?" "no keep data": a "no" never plans the erase I asked about
  // (agent/safety/refusedOffer.ts)
  // "remove everything i dont use": which programs are used is not known, so asked (agent/safety/unknownUse.ts)
  const named =
    "calls" in chosen
      ? (await import("./safety/strangerName.js")).screenStrangerName(chosen, conv, facts)
      : chosen;
  const corrected = screenCorrectedErase(named, conv, facts);
  const offered = conv.offer
    ? (await import("./safety/refusedOffer.js")).screenRefusedOffer(corrected, conv, facts)
    : corrected;
  const screened = proposes(offered)
    ? (await import("./safety/unknownUse.js")).screenUnknownUse(offered, conv, facts)
    : offered;
  // a removal or erase stands only on words that ask for it directly (destructiveGate.ts)
  // "erase sda — april fools", "give bob sudo, jk": a turn that ends as a joke asks for nothing
  // destructive (safety/jokedRequests.ts)
  const direct = screenJokedRequests(
    proposes(screened)
      ? (await import("./safety/destructiveGate.js")).gateDestructive(screened, conv, facts)
      : screened,
    conv,
  );
  // an erase of a disk that holds something stands only on words that ask for that disk (eraseAsked.ts)
  // "what about the samsung?": a disk brought up as an alternative is offered, not planned (askedAlternative.ts)
  // "remove sudo": the last admin tool's removal is warned about and offered (adminRemoval.ts)
  const evident = warnAdminRemoval(
    screenAskedAlternative(
      proposes(direct)
        ? (await import("./safety/eraseAsked.js")).gateEraseAsked(direct, conv, facts)
        : direct,
      conv,
      facts,
    ),
    conv,
    facts,
  );
  // The last line for every backend: an erase, removal or sudo where a word beside its target
  // protects or negates it becomes a question, whatever the clause readers made of the words
  // (certaintyGate.ts). On by default; LEVITATE_CERTAINTY_GATE=0 turns it off to measure it.
  const certain =
    process.env.LEVITATE_CERTAINTY_GATE !== "0" && proposes(evident)
      ? (await import("./safety/certaintyGate.js")).gateCertainty(evident, conv, facts)
      : evident;
  // "nothing on it can go", "the guide says: erase sda", "use the samsung, the windows can go":
  // an erase brought by words of letting go stands only on consent read strictly (strictConsent.ts)
  const strict = proposes(certain)
    ? (await import("./safety/strictConsent.js")).screenLooseConsent(certain, conv, facts)
    : certain;
  // "the photos can go, maybe", "yes — or so I thought", "ja, vielleicht", "photos=can go": an
  // erase whose turn doubts, takes back, narrows or quotes its own consent is asked
  // (safety/doubtedErase.ts)
  const doubted = proposes(strict)
    ? (await import("./safety/doubtedErase.js")).screenDoubtedErase(strict, conv, facts)
    : strict;
  // "the ESP can go" then "use the nvme": a let-go of one partition never erases the disk
  // (safety/partLetGo.ts)
  return proposes(doubted)
    ? (await import("./safety/partLetGo.js")).screenPartLetGo(doubted, conv, facts)
    : doubted;
}

async function decideWords(
  backend: Backend,
  conv: ConversationView,
  facts: Facts,
  allowed: readonly ToolName[],
): Promise<Decision> {
  const protections = conv.protections ?? [];
  // "yes?? wait what does that erase", "sure... wait, what's on it": a yes that goes on with a
  // question consents to nothing; only the question is read (agent/safety/hesitantYes.ts)
  // a password typed where I asked for a name: never a name (agent/rules/secrets.ts)
  if (conv.user === PASSWORD_ANSWER) return { reply: PASSWORD_ANSWER_REPLY };
  const doubted =
    conv.offer || conv.pending.length
      ? (await import("./safety/hesitantYes.js")).hesitantYes(conv.user)
      : undefined;
  if (doubted) conv = { ...conv, user: doubted };
  // "maybe", "ok, I'll think about it", "sure, once I've asked my wife": unsure, put off or
  // conditional, naming nothing: nothing runs or is added (agent/safety/unsureYes.ts)
  const unsure = doubted ? undefined : answerUnsure(conv, facts);
  if (unsure) return unsure;
  // "hmm is tmux on there? keep it": the user's own doubt answered with a keep (safety/keepAfterDoubt.ts)
  const keptAfterDoubt = conv.pending.length ? keepAfterDoubt(conv, facts) : undefined;
  if (keptAfterDoubt) return keptAfterDoubt;
  // "is sda safe?", "will my old home survive?": answered from the plan (agent/safety/safeQuestion.ts)
  // (only the live system's disks are asked about)
  const safety =
    facts.mode === "live" ? (await import("./safety/safeQuestion.js")).answerSafety(conv, facts) : undefined;
  if (safety) return stillAsking(safety, conv, facts);
  // "can I install on the other disk?": what it asks about is offered, never done
  const mayI = asksMayI(conv.user);
  // A question never acts (agent/safety/questionGate.ts): "add eza. does that remove bat?" acts on
  // "add eza"; a turn that only asks reaches the backend as a question and changes nothing.
  const asking = readQuestions(conv.user);
  const onlyAsks = asking.questions.length > 0 && asking.requests.length === 0;
  if (asking.questions.length)
    conv = { ...conv, user: onlyAsks ? asQuestion(asking.questions.map(inverted)) : asking.requests };
  // "cancel the erase", "never mind the wd", "cancel that": a pending step taken back is dropped;
  // "scratch the last one": the last change, never the last disk (agent/rules/undoLast.ts)
  // "all of them but fzf", "remove it from the list": an edit of the programs planned (agent/rules/recipePlanEdits.ts)
  // "put it back", "no go back", "revert": my question refused, or the install before comes back
  // (agent/rules/goingBack.ts)
  // "you got that backwards", "wrong one": the disk I got wrong leaves the plan (agent/safety/wrongDisk.ts)
  // "start over", "forget everything, start over": the whole plan thrown away, never read as the
  // last change or as a go (agent/wholePlanDiscard.ts); the conversation drops it all
  if (conv.pending.length && onlyDiscardsWholePlan(conv.user)) return { confirm: false };
  // "never mind. confirm", "nah leave it then, start", "no that's it. ok yes": the last exchange
  // set aside (or the list closed), then a go to the plan (agent/dismissThenGo.ts)
  const setAside = readDismissThenGo(conv, facts, { lang: answerLanguage(conv, facts) });
  if (setAside !== undefined) return { confirm: setAside };
  // "no, robert not bob" with bob only planned: robert in his place (agent/rules/userRename.ts)
  const renamed = plannedRename(
    conv.user,
    conv.pending,
    [...conv.entities].reverse().find((e) => e.kind === "user")?.value,
    facts.users,
    [...facts.recipes, ...facts.installed],
    userOfLastTurn(conv.turns),
  );
  if (renamed) return { calls: renamed };
  // "Shall I add the rest (install ripgrep, install jq)?" "remove jq": the offer without jq (offerAmend.ts)
  const amended = conv.offer ? amendOffer(conv, facts) : undefined;
  if (amended) return amended;
  // "what did you just cancel?": a question takes nothing back (the plan stays after a no now)
  const cancelled = onlyAsks
    ? undefined
    : (readDiskExchange(conv, facts) ??
      readWrongDisk(conv, facts) ??
      readGoingBack(conv, facts) ??
      (conv.pending.length
        ? (await import("./rules/recipePlanEdits.js")).readRecipePlanEdit(conv, facts)
        : undefined) ??
      readUndoLast(conv, facts) ??
      readCancelStep(conv, facts) ??
      readNegatedErase(conv, facts));
  if (cancelled) return cancelled;
  // "lena wants sudo for docker": a purpose, never an account (agent/safety/userNameGate.ts)
  const purposeless = withoutPurpose(conv, facts);
  if (purposeless) conv = { ...conv, user: purposeless };
  // "remove git, actually no": what the user withdrew in this turn reaches no backend.
  const takeBack = readTakeBack(conv.user);
  if (takeBack) {
    // "oh crap I'm connected through it, don't": a reason, and the last change refused (reasonThenDont.ts)
    const refused = takeBack.after ? undefined : refuseLastChange(takeBack.before, conv, facts);
    if (refused) return refused;
    if (!takeBack.after)
      return {
        reply: `OK, I won't do that ("${takeBack.before}" taken back).${conv.pending.length ? " The plan is as it was." : " Nothing is planned."}`,
      };
    conv = { ...conv, user: takeBack.after, withdrawn: takeBack.before };
  }
  // "remove git later", "erase sda, but not yet": never planned now (agent/safety/deferredAction.ts)
  const putOff = readDeferredAction(conv.user);
  if (putOff && !putOff.rest) return { reply: deferredReply(putOff, conv.pending.length > 0) };
  if (putOff) conv = { ...conv, user: putOff.rest };
  // "ok hold on", "wait": a pause keeps the plan as it is (agent/safety/confirmGate.ts)
  // "not yet, I must copy files first": a pause too (agent/safety/deferral.ts)
  if (
    conv.pending.length > 0 &&
    (isPause(conv.user) || (await import("./safety/deferral.js")).isDeferral(conv.user, facts))
  )
    return { reply: PAUSE_REPLY };
  // "just install it", "install pls" with nothing planned in the live installer: the system's
  // install, which offers the one disk or asks which (agent/bareInstall.ts)
  if (facts.mode === "live" && !conv.offer && conv.pending.length === 0 && bareInstall(conv.user))
    conv = { ...conv, user: "install levitate" };
  // "install" confirms a plan, and asks for the install when there is none and nothing offered
  const installAsked = !conv.offer && conv.pending.length === 0 && /^\s*install\W*$/i.test(conv.user);
  // "Which one: fzf or fd?" "yes": an answer to that question, never to the plan.
  const asked = openQuestion(conv);
  // "tak", "ne" mean yes or no by the locale's language; a trade word ("post", "merge") said
  // alone after a question of mine may be the word it asked for
  // (or by the letters of the speaker's earlier turns where the locale says nothing: speakerLanguage.ts)
  const yesNoOptions = { lang: answerLanguage(conv, facts), plain: asked !== undefined };
  // "that one", "this one", "that disk" while an offer is open point at what was offered
  // "I've read the plan. yes, go", "Yes, proceed.\n\nDennis": a yes among remarks that ask
  // for nothing (agent/answerTurn.ts); not while a question of mine is open, whose answer the
  // backend reads, nor when the turn asked something of its own (its question was set aside above)
  const yn =
    installAsked || yesTakenBack(conv.user) || addsProgram(conv.user, [...facts.recipes, ...facts.installed])
      ? undefined
      : (yesNo(conv.user, yesNoOptions) ??
        (conv.offer && POINTS_AT_OFFER.test(conv.user) ? true : undefined) ??
        (asked || asking.questions.length
          ? undefined
          : (readAnswerTurn(conv, facts, yesNoOptions) ??
            readGoStop(conv, facts, yesNoOptions) ??
            // "yes both", "go ahead with all three": a yes counting what is pending (allOfPlanYes.ts)
            readAllOfPlanYes(conv, yesNoOptions))));
  // "whatever you think", "you pick": a choice I can make only where it loses nothing (leftToMe.ts)
  if (yn === undefined && (conv.offer || asked) && leavesItToMe(conv.user)) {
    if (conv.offer) {
      const left = answerLeftToMe(conv.offer, conv, facts);
      if (!("take" in left)) return left.decision;
      return answerOffer(true, conv.offer, conv, facts, allowed);
    }
    const picked = pickLeftToMe(asked!, facts);
    if (picked) return picked;
  }
  // An open offer ("Do you mean helix?") takes the yes or no before the plan does.
  if (yn !== undefined && conv.offer) return answerOffer(yn, conv.offer, conv, facts, allowed);
  // "Which disk then: …?" "ok then just continue": going on without answering (openQuestion.ts)
  if (asked && conv.pending.length && movesOnFrom(asked, conv.user)) return { confirm: true };
  if (yn !== undefined && asked) return answerOpenQuestion(yn, asked, conv);
  if (asked && conv.pending.length && saysRunThePlan(conv.user)) return { confirm: true };
  // "sí" right after I refused a change: the plan is read back and asked, not confirmed (yesAfterRefusal.ts)
  const held = yn === true ? yesAfterRefusal(conv, facts) : undefined;
  if (held) return held;
  if (yn !== undefined) {
    if (conv.pending.length > 0) return { confirm: yn };
    return {
      reply: yn
        ? "There is nothing to confirm yet: tell me what to do first (try /help)."
        : "OK, nothing is planned.",
    };
  }
  let decision: Decision;
  try {
    // "add fd" after a sudo refusal, "remove user thats, typo", "user nobody": no account for a
    // word that is no one's name (before validation, which refuses some of them); when that was
    // all, the words without it are read once more
    const named = screenUserNames(await backend.decide(conv, facts, allowed), conv, facts, allowed);
    const parsed = parseDecision(named.decision);
    if (!parsed.ok)
      return { reply: `I could not turn that into a valid request (${backend.name}): ${parsed.error}` };
    decision = parsed.decision;
    const rest = named.removed.reduce((t, w) => t.replace(new RegExp(`\\b${w}\\b`, "gi"), ""), conv.user);
    if ("reply" in decision && !decision.offer && named.removed.length && /[a-z]{2}/i.test(rest)) {
      const again = parseDecision(await backend.decide({ ...conv, user: rest }, facts, allowed));
      if (again.ok) {
        const screened = screenUserNames(again.decision, conv, facts, allowed);
        const adds = "calls" in again.decision && again.decision.calls.some((c) => c.tool === "createUser");
        // the reason a word was dropped stays said beside a question the words raise again
        if (!screened.removed.length && !adds)
          decision =
            "reply" in screened.decision && "reply" in decision && !screened.decision.offer
              ? {
                  reply: `${decision.reply.replace(/ To add a user, say .*$/, "")} ${screened.decision.reply}`,
                }
              : (screened.decision as Decision);
      }
    }
    // "ok keep win7 then, put linux in the free bit": only a turn that is a yes as a whole confirms
    // the plan; the words after the opener are decided again (agent/safety/confirmGate.ts)
    const gated = await gateConfirmation(decision, conv, facts, async (user) => {
      const again = parseDecision(await backend.decide({ ...conv, user }, facts, allowed));
      return again.ok
        ? screenUserNames(again.decision, { ...conv, user }, facts, allowed).decision
        : decision;
    });
    // "yes, erase /dev/nvme0n1" with that erase pending: the yes (agent/safety/restatedErase.ts)
    decision = confirmRestatedErase(gated.decision, decision, conv.user, conv, facts);
    // "first tell me the disks", "make the storage bigger": no disk chosen (safety/diskNonRequests.ts)
    if ("calls" in decision)
      decision = (await import("./safety/diskNonRequests.js")).screenDiskNonRequests(
        decision,
        conv,
        facts,
        allowed,
      );
    if (gated.user !== conv.user) conv = { ...conv, user: gated.user };
  } catch (e) {
    return { reply: `The ${backend.name} backend failed: ${(e as Error).message}` };
  }
  // "yes, add it" read by a backend as a confirmation answers the open offer, never the plan.
  if ("confirm" in decision && conv.offer)
    return answerOffer(decision.confirm, conv.offer, conv, facts, allowed);
  // Whatever a backend read in the words, a question of mine stays open until they answer it or
  // ask outright to run the plan.
  if ("confirm" in decision && asked && !(decision.confirm && saysRunThePlan(conv.user)))
    return answerOpenQuestion(decision.confirm, asked, conv);
  if ("confirm" in decision && conv.pending.length === 0) {
    return { reply: "There is nothing to confirm yet." };
  }
  if ("drop" in decision && conv.pending.length === 0) {
    return { reply: "The plan is empty, so there is nothing to drop." };
  }
  if (onlyAsks && !("reply" in decision)) return stillAsking({ reply: QUESTION_REPLY }, conv, facts);
  if ("calls" in decision)
    decision = (await import("./safety/reinstall.js")).screenReinstall(decision, conv.user);
  // "does vince have sudo?": a question never changes the plan, whatever the backend read in it
  if (("calls" in decision || "drop" in decision) && isPlanQuestion(conv.user))
    return {
      reply: `That reads as a question, so I changed nothing.${conv.pending.length ? ' Ask "what\'s in the plan?" to see it,' : ""} To change the plan, say it as a request (e.g. "give vince sudo", "use the nvme").`,
    };
  if ("calls" in decision) {
    const problems = decision.calls.map((c) => callProblem(c, facts, allowed)).filter((p) => p !== undefined);
    if (problems.length > 0) return { reply: [...new Set(problems)].join(" ") };
  }
  if (mayI) decision = (await import("./safety/mayAsk.js")).offeredOnly(decision, facts);
  if ("reply" in decision && decision.offer) {
    // An offer holds only calls that could join the plan.
    const calls = decision.offer.calls.filter((c) => callProblem(c, facts, allowed) === undefined);
    decision = calls.length ? { reply: decision.reply, offer: { calls } } : { reply: decision.reply };
  }
  // "wipe it all but keep the recovery partition": said it can't be, never an erase that takes it
  const partKept = screenPartitionKeep(decision, conv, facts);
  if (partKept !== decision) return partKept;
  // the install already planned, said again, changes nothing; an erase of a disk that holds
  // something, chosen by words that did not choose the erase, is asked (agent/safety/dataDisk.ts)
  if (conv.pending.length) {
    const { screenOneDisk } = await import("./safety/oneDisk.js");
    const { screenUnchanged } = await import("./safety/unchanged.js");
    decision = screenUnchanged(screenOneDisk(decision, conv, facts), conv, facts);
  }
  // "drop zoe's sudo"; "kids get normal accounts: mia and leo" (agent/safety/sudoRefs.ts)
  decision = revokeSudoSaid(decision, conv);
  // "just ben gets sudo", "ben instead of ana gets sudo", "not leo. mia gets sudo" (sudoMoves.ts)
  decision = moveSudoSaid(decision, conv);
  // "create user anna and give sudo to bob": the grant is bob's, and bob an account (sudoRecipients.ts)
  decision = bindSudoRecipients(decision, conv, facts);
  const kept = withGroupMembers(protections, conv, decision);
  // a removal or sudo stands only on words that choose it (agent/safety/evidence.ts); a grant that
  // names its person in so many words ("bob will be the administrator") is such words
  const screened = bindSudoRecipients(
    screenEvidence(
      screenDataErase(warnLoss(screenDecision(decision, kept, facts), conv, facts), conv, facts),
      conv,
      facts,
    ),
    conv,
    facts,
  );
  // a group that gives root (docker, lxd, libvirt) is given like sudo: on words that give it
  return screenRootGroups(screened, conv);
}

/** "yes" takes the offered calls into the plan (screened like any others); "no" drops the offer. */
function answerOffer(
  yes: boolean,
  offer: Offer,
  conv: ConversationView,
  facts: Facts,
  allowed: readonly ToolName[],
): Decision {
  if (!yes)
    return {
      reply: `OK, I won't add that.${conv.pending.length ? " The plan is as it was." : ""}`,
    };
  const problems = offer.calls.map((c) => callProblem(c, facts, allowed)).filter((p) => p !== undefined);
  if (problems.length > 0) return { reply: [...new Set(problems)].join(" ") };
  // "k thx" after "OK, kept … Shall I install onto /dev/sdb?": no consent (agent/safety/ackNotConsent.ts)
  const acked = ackToUnnamedLoss(offer, conv, facts);
  if (acked) return acked;
  const taken = screenDecision({ calls: offer.calls }, conv.protections ?? [], facts);
  // "Shall I add the rest (install on /dev/nvme0n1)?" "yes": an erase of what the person kept is
  // still asked about by name, unless that was the question just answered
  const last = conv.turns.at(-1)?.decision;
  const lossAsked = last !== undefined && "reply" in last && LOSS_ASKED.test(last.reply);
  if (lossAsked) return taken;
  const warned = warnLoss(taken, conv, facts);
  // an offered erase of a disk that holds something, made by a question that never said what it
  // holds ("Shall I install onto /dev/sda instead?"), is asked again by the question that names it
  // (attack4 C1/M5: a "yes" took the Windows disk without the Windows question)
  const named = last !== undefined && "reply" in last && LOSS_NAMED.test(last.reply);
  return named ? warned : screenDataErase(warned, conv, facts);
}

/** My question named what an erase loses ("holds /dev/sda2 (Windows Boot Manager …)", "is lost"). */
const LOSS_NAMED = /\bholds\b|for good|\bis lost\b/;

const LOSS_ASKED = /would be lost for good/;
