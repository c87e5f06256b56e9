import type { Facts } from "../../facts/schema.js";
import { type Decision, sameCall } from "../../tools/decision.js";
import { describeCall } from "../session/describe.js";
import type { ConversationView, PlanCall } from "../types.js";
import { destroys } from "./mixedYes.js";
import { takesOffer, unsureOf } from "./unsureYes.js";

/**
 * One reading of "a yes followed or preceded by doubt" (tester 28 F37 DANGEROUS, attacker 28 M2,
 * H10, M11), for every place that takes a yes: the plan's yes, the erase question's yes, a change
 * that grants, removes or erases, and `levitate ask`'s own [y/N] prompts (cli/levitate/ask.ts).
 * "ok i think", "yes, hopefully", "yes?", "yes no", "yes but keep it", "give bob sudo after all,
 * I guess", "..., or not" were read by their yes word and ran the plan, erased a disk the person
 * had kept, removed a program and granted a refused sudo.
 *
 * Shapes, not sentences (unsureYes.ts holds the hedges said with "so", deferrals, conditions and
 * hesitation sounds; this adds what is left of the class):
 * - doubt: a speaker's own uncertainty beside the yes ("I think", "I believe", "I hope", "I
 *   assume", "I reckon", "hopefully", "fingers crossed", "pretty sure", "for now"), with or
 *   without a "so";
 * - a question: a "?" in the words that say yes ("yes?", "ok??", "sure? go");
 * - a contradiction or a withdrawal: a no next to the yes ("yes no", "no... yes", "yes i mean
 *   no"), "or not", "but keep it", "wait", "actually no", "never mind", "scratch that".
 *
 * Safety: the reading only ever holds: a held yes costs one more "yes"; a yes read from doubt runs
 * an erase, a removal or a grant nobody chose. So it needs no exceptions beyond keeping a firm
 * yes firm ("yes go", "yes, do it").
 */

const DOUBT =
  /\b(?:i\s+(?:think|believe|hope|reckon|assume|suppose|figure|guess|imagine)|i'?d\s+(?:think|say|guess)|hopefully|hope\s+so|fingers\s+crossed|(?:pretty|fairly|quite|mostly|almost)\s+sure|i'?m\s+not\s+sure|for\s+now|i\s+trust\s+so|likely|i\s+doubt|(?:should|might|may)\s+be\s+(?:fine|ok|okay|safe|alright))\b/;

const YES_WORD = String.raw`(?:y|ye|yes+|yeah|yea|yep|yup|ya|ok|okay|k|sure|fine|alright|go)`;

// A withdrawal: "give bob sudo after all, or not", "erase it, i mean no", "..., nvm" at the end
// ("never mind, proceed" withdraws the question before it, not the go).
const WITHDRAWN =
  /\b(?:or\s+not|or\s+maybe\s+not|i\s+mean\s+no)\b|\S[\s,.;!…-]+(?:scratch\s+that|never\s*mind|nvm|on\s+second\s+thought)[\s.!…]*$/;

// A yes that opens the answer, and what makes it no yes after it: a no ("yes no", "yes... nah"),
// a keep or a stop ("yes but keep it", "yes, wait", "ok actually don't").
const OPENER = new RegExp(String.raw`^[\s,.;:!…-]*${YES_WORD}\b`);
const AFTER_OPENER =
  /\b(?:no|nope|nah|nay)\b[\s,.;!…]*$|\bbut\s+(?:keep|leave|spare|save|don'?t|do\s+not)\b|(?<!\bcan'?t\s|\bcannot\s|\bnot\s)\b(?:wait|hold\s+on|hang\s+on)\b|\bactually\s+(?:no|not|don'?t|keep|leave)\b/;
// A no, then a bare yes: "no... yes", "nah, ok" ("no, I mean yes, go ahead" is a correction)
const NO_THEN_YES = new RegExp(
  String.raw`^[\s,.;!…-]*(?:no|nope|nah)\b[\s,.;:!…-]*(?:wait\s+|actually\s+)?${YES_WORD}[\s,.;!?…-]*$`,
);

/** The words as typed, lowercased, apostrophes made plain. */
function plain(text: string): string {
  return text.toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, " ").trim();
}

export type DoubtShape = "doubt" | "later" | "condition" | "hesitation" | "question" | "contradiction";

/** Why the words are no yes as they stand, or undefined for a yes that is a yes. */
export function doubtedYes(text: string): DoubtShape | undefined {
  const t = plain(text);
  const old = unsureOf(t);
  if (old) return old;
  if (DOUBT.test(t)) return "doubt";
  if (WITHDRAWN.test(t) || NO_THEN_YES.test(t)) return "contradiction";
  const opener = OPENER.exec(t);
  if (opener && AFTER_OPENER.test(t.slice(opener[0].length))) return "contradiction";
  // "yes?", "ok??", "sure? go ahead": the yes is asked, not said
  if (new RegExp(String.raw`(?:^|[\s,.;!…])${YES_WORD}\s*\?`).test(t) || /\?\s*$/.test(t)) return "question";
  return undefined;
}

/** A yes as `levitate ask`'s [y/N] prompts take it: a yes word first, and no doubt in the rest. */
export function firmYes(answer: string): boolean {
  return new RegExp(String.raw`^\s*${YES_WORD}\b`, "i").test(answer) && doubtedYes(answer) === undefined;
}

const WHY: Record<DoubtShape, string> = {
  doubt: "sounds unsure",
  later: "puts it off",
  condition: "sets a condition",
  hesitation: "sounds hesitant",
  question: "reads as a question",
  contradiction: "says yes and no",
};

/**
 * A new user's sudo said with a hedge ("user ned, pretty sure he should be admin") is read by the
 * sudo readers (sudoHedges.ts); here only a grant that overrides a user already planned without it
 * (M11: "give bob sudo after all, I guess").
 */
function newUser(c: PlanCall, conv: ConversationView): boolean {
  return (
    c.tool === "createUser" &&
    !conv.pending.some((p) => p.tool === "createUser" && p.args.username === c.args.username && !p.args.sudo)
  );
}

/**
 * A reply that keeps everything as it is when the decision confirms the plan, takes the open
 * offer, or adds a destructive call that the plan did not hold, on words that say yes with doubt.
 */
export function doubtedYesGate(
  decision: Decision,
  conv: ConversationView,
  facts: Facts,
): Decision | undefined {
  const confirms = "confirm" in decision && decision.confirm === true;
  const takes = takesOffer(decision, conv.offer);
  const adds =
    "calls" in decision &&
    decision.calls.some(
      (c) =>
        c.tool !== "partitionDisk" &&
        destroys(c, facts) &&
        !conv.pending.some((p) => sameCall(p as PlanCall, c)) &&
        !newUser(c, conv),
    );
  if (!confirms && !takes && !adds) return undefined;
  const typed = conv.typed ?? conv.user;
  const shape = doubtedYes(typed);
  // "yes?", "go ahead?": asked again by the question gates after this one (mixedYes.ts)
  if (!shape || shape === "question") return undefined;
  const said = `"${typed.trim()}" ${WHY[shape]}`;
  if (conv.offer && (takes || adds))
    return {
      reply: `${said}, so I added nothing.${conv.pending.length ? " The plan is as it was." : ""} Say "yes" when you're sure, or "no" to leave it.`,
      offer: conv.offer,
    };
  if (confirms)
    return {
      reply: `${said}, so nothing was run and the plan is as it was. Take your time: say "yes" when you're sure, or tell me what to change.`,
    };
  // a destructive change said with doubt: asked as a question, default no; a plain "yes" takes it
  const changes = "calls" in decision ? decision.calls : [];
  return {
    reply: `${said}, so I changed nothing yet${conv.pending.length ? ": the plan is as it was" : ""}. Shall I ${changes.map((c) => describeCall(c, facts)).join("; ")}?`,
    offer: { calls: [...changes] },
  } as Decision;
}
