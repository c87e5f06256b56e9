import type { Facts } from "../../facts/schema.js";
import { type Decision, MAX_CALLS } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";
import { yesNo } from "../yesno.js";
import { diskWords, whichOne } from "./gateQuestions.js";
import { isSudoWord, THING_PRONOUNS } from "./gateWords.js";
import { consentedDisks } from "./informedConsent.js";
import { stripOffer } from "./offerScreen.js";
import { unsettledReference } from "./pronounTargets.js";
import { protectedIn } from "./protectingWords.js";
import { isKeepWord, isNegator } from "./protectLexicon.js";
import { withoutQuotedFullNames } from "./quotedFullNames.js";
import { judgeSudo, SAME } from "./sudoVerdict.js";
import { diskMentions, mentionsIn, namer, recipeMentions } from "./targetMentions.js";
import { segments, words } from "./turnSegments.js";
import { erasesWholeDisk } from "./wholeErase.js";

export { segments } from "./turnSegments.js";

/**
 * The certainty gate: the last backstop for destructive calls, after every other gate
 * (agent/turn.ts), for every backend. The other gates judge with the clause readers that read the
 * request, so a voice the readers miss slips past them all together. This one parses no clauses:
 * it finds where the turn's raw words mention the call's target, cuts the turn coarsely into
 * segments (lines, sentences, commas, table rows kept whole, "but"/"though"/"except"...), and
 * stops the call when a segment that mentions the target also holds a word that protects or
 * negates it (./protectLexicon.ts, many languages). A stop is a question that says what to type;
 * when the words protected the target nothing of it is offered, so a reflexive "yes" takes
 * nothing. The calls it leaves are offered beside the question, as the screen does.
 *
 * It is coarse on purpose: a protecting word near the target costs a question, never data.
 *
 * Its parts: the segmenter (./turnSegments.ts), the target finder (./targetMentions.ts), the
 * reading of protecting words (./protectingWords.ts), the verdict on a sudo grant
 * (./sudoVerdict.ts), the questions' words (./gateQuestions.ts) and the gate on a reply's offer
 * (./offerScreen.ts); this file decides.
 */

/** A word of correction: the words say they change the disk. */
const CORRECTION =
  /\b(?:no|nope|nah|wait|actually|instead|rather|switch|change|changed|move|not|sorry|oops|scratch|make it|prefer|better|different|other|mind|same|then|or)\b|^\s*\*/i;
/**
 * A word that adds ("also format the seagate", "and wipe the sandisk too"): the person thinks the
 * install stays where it is; one install is planned at a time, so the erase would replace it.
 */
const ADDITION = /\b(?:also|too|as well|additionally|in addition|on top|plus|another|second)\b|^\s*and\b/i;

interface Stop {
  call: PlanCall;
  ask: string;
  /** The words protected the target: nothing of it is offered. */
  protectedBy: boolean;
}

function sameCall(a: PlanCall, b: PlanCall): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function callDisk(call: PlanCall): string {
  return call.tool === "partitionDisk" ? call.args.disk : "";
}

/** The decision with every destructive call the words may not have asked for made a question. */
export function gateCertainty(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision)) return stripOffer(decision, conv, facts);
  const segs = segments(conv.user);
  const sudoSegs = segments(withoutQuotedFullNames(conv.user));
  const offered = conv.offer?.calls ?? [];
  const taking = yesNo(conv.user) === true;
  const creates = (decision.calls as PlanCall[]).filter((c) => c.tool === "createUser");
  // (a "name" that is a word of the lexicon, "nae" in "nae sudo", names no one)
  const people = new Set(
    [
      ...facts.users,
      ...creates.map((c) => (c.tool === "createUser" ? c.args.username : "")),
      ...conv.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])),
    ].filter((n) => n && !isNegator(n) && !isKeepWord(n)),
  );
  const stops: Stop[] = [];
  const calls = [...(decision.calls as PlanCall[])];
  const named = namer(facts, people);
  for (const [i, call] of calls.entries()) {
    // "yes" to my offer of exactly this: my question named it; a call already planned, said again
    if (taking && offered.some((o) => sameCall(o as PlanCall, call))) continue;
    if (conv.pending.some((p) => sameCall(p, call))) continue;
    // "wipe it", "give her sudo": a pronoun the turn before did not settle (./pronounTargets.ts)
    if (!conv.pending.some((p) => p.tool === "partitionDisk" && erasesWholeDisk(p, callDisk(call)))) {
      const candidates = unsettledReference(call, conv, facts, named);
      if (candidates) {
        stops.push({ call, protectedBy: true, ask: whichOne(call, candidates, facts) });
        continue;
      }
    }
    if (call.tool === "removeRecipe") {
      const name = call.args.name;
      const found = mentionsIn(segs, (t) => recipeMentions(t, name, facts), THING_PRONOUNS);
      if (protectedIn(found, true))
        stops.push({
          call,
          protectedBy: true,
          ask: `I haven't planned removing ${name}: your words keep or refuse it. To remove it, say "remove ${name}".`,
        });
      continue;
    }
    if (call.tool === "createUser" && call.args.sudo === true) {
      const name = call.args.username;
      // a role word inside a quoted full name is the person's name, not a grant (./quotedFullNames.ts)
      let verdict = judgeSudo(call, sudoSegs, people, creates.length === 1);
      if (verdict === "keep" || offered.some((o) => sameCall(o as PlanCall, call))) continue;
      // sudo said before: the account already planned with it, its settings again ("same for bob"),
      // or the name I asked for after a turn that asked for sudo ("add a user with sudo" "vince")
      if (verdict === "ask") {
        const had = conv.pending.some((p) => p.tool === "createUser" && p.args.sudo === true);
        const prev = conv.turns.at(-1)?.user ?? "";
        const mine = conv.pending.some(
          (p) => p.tool === "createUser" && p.args.username === name && p.args.sudo,
        );
        if (mine || (had && SAME.test(conv.user)) || words(prev).some((x) => isSudoWord(x.w)))
          verdict = "keep";
      }
      if (verdict === "keep") continue;
      if (verdict === "plain") {
        // the words refuse sudo and ask for the account: the account, without sudo
        calls[i] = { ...call, args: { ...call.args, sudo: false } };
        continue;
      }
      stops.push({
        call,
        protectedBy: verdict !== "ask",
        ask:
          verdict === "word"
            ? `"${name}" reads as a word of yours, not a name, so I haven't given it an account with sudo. To add a user, say "add user NAME".`
            : verdict === "refused"
              ? `Your words both give and refuse ${name} sudo, so I haven't planned the account. Say "add ${name} with sudo" or "add ${name} without sudo".`
              : `Should ${name} get sudo? I haven't planned it: no word of yours gives ${name} admin rights. Say "add ${name} with sudo" or "add ${name} without sudo".`,
      });
      continue;
    }
    if (call.tool !== "partitionDisk" || !erasesWholeDisk(call)) continue;
    const disk = call.args.disk;
    // a change to an erase already planned (its filesystem, its encryption)
    if (conv.pending.some((p) => erasesWholeDisk(p, disk))) continue;
    const d = facts.disks.find((x) => x.path === disk);
    const short = disk.replace(/^\/dev\//, "");
    const found = mentionsIn(segs, (t) => diskMentions(t, disk, facts), THING_PRONOUNS);
    // "i haven't booted windows in years, erase it": a negation of USING what is on the disk lets it
    // go; the words consent to its loss knowingly (informedConsent.ts), which vetoes every keep
    if (protectedIn(found) && !consentedDisks(conv.user, facts).includes(disk)) {
      stops.push({
        call,
        protectedBy: true,
        ask: `I haven't planned erasing ${diskWords(d, disk)}: your words keep or refuse it. To erase ${disk}, say "erase ${short}".`,
      });
      continue;
    }
    // an erase that would replace the install planned on another disk, in words that never say
    // they change it ("and format the seagate too"): asked, the plan stays
    const before = conv.pending.find((p) => p.tool === "partitionDisk" && p.args.disk !== disk);
    if (before && before.tool === "partitionDisk" && ADDITION.test(conv.user) && !CORRECTION.test(conv.user))
      stops.push({
        call,
        protectedBy: false,
        ask: `The plan installs onto ${before.args.disk}; one install is planned at a time, so I haven't replaced it with erasing ${diskWords(d, disk)}. To install there instead, say "erase ${short} instead".`,
      });
  }
  if (!stops.length) return calls.some((c, i) => c !== decision.calls[i]) ? { calls } : decision;
  const rest = calls.filter((c) => !stops.some((s) => s.call === c));
  const asks = [...new Set(stops.map((s) => s.ask))].join(" ");
  const offers = [...stops.filter((s) => !s.protectedBy).map((s) => s.call), ...rest];
  if (!offers.length) return { reply: asks };
  return {
    reply: rest.length
      ? `${asks} Shall I do the rest (${rest.length} change${rest.length > 1 ? "s" : ""})?`
      : `${asks} Or say "yes" to do it.`,
    offer: { calls: offers.slice(0, MAX_CALLS) },
  };
}
