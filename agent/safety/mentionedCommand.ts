import type { Decision } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";
import { destroys } from "./questionGate.js";

/**
 * A destructive command the words MENTION rather than ask for (attacker 24 F9): quoted under a
 * negated verb of saying ("I would never type erase /dev/sda", "don't make me type remove bat",
 * "you'll never hear me say remove fd"), reported as someone else's ("my friend told me to type:
 * remove fd"), made the subject of a judgement ("remove fd is forbidden", "uninstall fd would break
 * my scripts", "add user eve with sudo is a bad idea"), or given a verdict ("remove fd: denied").
 * A list of judgement words never carries to the next one ("makes me cry", "is a trap"), so the
 * frame is read by its grammar: a command that is the subject of a verb is talked about, not
 * given. The calls of such a turn are not planned; the reply says what was read and how to ask
 * for it plainly. A plain request misread this way ("remove fd would be great") is only asked
 * again: nothing is lost.
 */

const COMMAND = String.raw`(?:erase|wipe|format|nuke|remove|uninstall|delete|purge|(?:add|create|make)\s+(?:a\s+)?(?:new\s+)?user|useradd|give\s+\S+\s+(?:sudo|admin|root))`;
const NEGATED_SAYING = new RegExp(
  String.raw`\b(?:never|not|dont|don't|won't|wont|wouldn't|wouldnt|nobody|no one)\b(?:\s+\S+){0,4}?\s+(?:type|say|write|enter|run|hear\s+me\s+say)\b[\s:."'“]*${COMMAND}\b`,
  "i",
);
const REPORTED = new RegExp(
  String.raw`\b(?:told|tells|asked|asks|wants|wanted)\s+me\s+to\s+(?:type|say|write|enter|run)\b[\s:."'“]*${COMMAND}\b`,
  "i",
);
/**
 * The command opens its clause, its object follows without a break, and a finite verb takes the
 * whole as its subject. A pronoun or a conjunction before that verb opens a clause of its own
 * ("wipe sda if it is empty", "erase the disk that is blank"): no subject there.
 */
const SUBJECT = new RegExp(
  String.raw`(?:^|[.!?;]\s*|^\W*(?:so|and|but|well|like|honestly|um|uh|ok|okay)\s+)${COMMAND}\b([^,.;:!?()\n]{0,48}?)\s+(?:is|are|was|were|would|will|could|might|makes|made|sounds|seems|feels|means|=|->)\b`,
  "i",
);
const OPENS_CLAUSE =
  /\b(?:it|that|this|they|he|she|there|which|who|what|if|when|because|cause|cuz|coz|since|as|unless|while|where|once|after|before|until|and|but|or|so)\b/i;
/** "remove fd: denied", "erase sda - rejected": a one-word verdict after a colon or a dash. */
const VERDICT = new RegExp(
  String.raw`${COMMAND}\b[^:.!?;\n]{0,40}?\s*(?::|\s[-–—]+)\s*(?:\w+(?:ed|en)|no|nope|never|nah|veto|vetoed|nein|non)\s*[.!]*\s*$`,
  "i",
);

/** The frame that makes the command a mention, or undefined when it is asked for. */
export function mentionFrame(text: string): string | undefined {
  if (NEGATED_SAYING.test(text)) return "quoted";
  if (REPORTED.test(text)) return "reported";
  const s = SUBJECT.exec(text);
  if (s && !OPENS_CLAUSE.test(s[1] ?? "")) return "judged";
  if (VERDICT.test(text)) return "judged";
  return undefined;
}

export function screenMentionedCommand(decision: Decision, conv: ConversationView): Decision | undefined {
  const calls =
    "calls" in decision ? decision.calls : "reply" in decision ? (decision.offer?.calls ?? []) : [];
  if (!(calls as PlanCall[]).some(destroys)) return undefined;
  const frame = mentionFrame(conv.user);
  if (!frame) return undefined;
  return {
    reply:
      frame === "reported"
        ? 'Those are words someone told you to type, so I planned nothing. If you want it done, say it as your own request (e.g. "remove fd").'
        : `I read that command as words you ${frame}, not as a request, so I planned nothing. If you do want it, say just the command (e.g. "remove fd").`,
  };
}
