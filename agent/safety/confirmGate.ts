import type { Facts } from "../../facts/schema.js";
import { type Decision, ToolCallSchema } from "../../tools/decision.js";
import { readAnswer } from "../rules/answer.js";
import { normalizeTokens } from "../rules/tokens.js";
import type { ConversationView } from "../types.js";
import { yesNo } from "../yesno.js";

/**
 * A confirmation runs the whole pending plan, so only a turn that is a confirmation as a whole
 * may give one ("ok", "yes go", "yep do it", "sounds good, install", "fine, keep micro, go").
 * "ok keep win7 then, put linux in the free bit", "ok but first tell me what happens to the
 * recovery partition", "yeah but the empty disk not that one" start like a yes and go on with a
 * change or a question: read by a backend as `{confirm: true}`, they ran the plan as it stood
 * (findings4 D3: Windows 7 erased). Whatever backend decided, such a confirmation is taken back:
 * the words after the yes are decided again on their own, and when they still read as a bare yes
 * the person is asked, never confirmed.
 */

/** Words that open a sentence as easily as they say yes: never a confirmation when more follows. */
const OPENER =
  /^\s*(?:(?:ok(?:ay)?|k|yes|yeah|yea|yep|yup|ya|sure|fine|alright|all right|right|hmm+|um+|uh+|well|so|oh|good|great|cool|nice|perfect)\b[\s,.!;:-]*)+(?:(?:but|and|then|so|though|tho|just|now)\b[\s,.!;:-]*)*/i;

/** Said at the end, these are a yes only as loose as an opener: "use the crucial, ok" is not a go. */
const WEAK_END = new Set(["ok", "okay", "k", "fine", "sure", "alright", "right", "good", "great", "cool"]);

function clean(text: string): string {
  return text.toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, " ").trim();
}

/** The text as a whole says yes (or no) to the plan: every word is a yes, a no or carries nothing. */
export function isWholeAnswer(text: string, facts: Facts): boolean {
  if (yesNo(text) !== undefined) return true;
  if (text.includes("?")) return false;
  return readAnswer(normalizeTokens(text, facts)) !== undefined;
}

/**
 * "fine, keep micro, go", "ok just the small one then, yes": a last clause that is a clear yes on
 * its own is the person confirming, whatever they said before it (the words before it are read as
 * protections of this turn by the screen, which every confirmation still passes).
 */
export function endsWithClearYes(text: string): boolean {
  const clauses = clean(text)
    .split(/[,;.!]+|\s+-\s+/)
    .map((c) => c.trim())
    .filter(Boolean);
  if (clauses.length < 2) return false;
  const last = clauses.at(-1)!;
  if (yesNo(last) !== true) return false;
  return last
    .split(" ")
    .some((w) => !WEAK_END.has(w) && !["then", "please", "pls", "just", "now"].includes(w));
}

/** Whether a backend's `{confirm: true}` for this text may stand. */
export function confirms(text: string, facts: Facts): boolean {
  if (text.includes("?")) return false;
  return isWholeAnswer(text, facts) || endsWithClearYes(text);
}

/** The words after an opening "ok", "yeah but", "sure, then": empty when nothing else was said. */
export function afterOpener(text: string): string {
  return text.replace(OPENER, "").trim();
}

/** The reply when a turn that is not a bare yes still reads as one. */
export function askWhatIsMeant(conv: ConversationView): Decision {
  const plan = conv.pending.length
    ? ' Nothing was run; the plan is as it was. Say "yes" on its own to review and run it, or say what to change.'
    : "";
  return {
    reply: `I read "${conv.user.trim()}" as more than a yes, and I could not tell what else it asks for.${plan}`,
  };
}

/**
 * The gate: a backend's confirmation of a turn that is not a confirmation as a whole is decided
 * again from the words after the opener; when that is a confirmation too (or nothing is left),
 * the person is asked. `redecide` is the backend, asked about other words of the same turn.
 */
export async function gateConfirmation(
  decision: Decision,
  conv: ConversationView,
  facts: Facts,
  redecide: (user: string) => Promise<Decision>,
): Promise<{ decision: Decision; user: string }> {
  if (!("confirm" in decision) || !decision.confirm || confirms(conv.user, facts))
    return { decision, user: conv.user };
  const rest = afterOpener(conv.user);
  if (!rest || rest === conv.user.trim()) return { decision: askWhatIsMeant(conv), user: conv.user };
  const again = await redecide(rest);
  // "ok just go with git": the rest alone reads as a yes too, and names no disk and asks nothing
  if ("confirm" in again)
    return again.confirm && !ASKS.test(rest) && !namesDisks(rest, facts)
      ? { decision, user: conv.user }
      : { decision: askWhatIsMeant(conv), user: conv.user };
  // "yes install the tmux and htop", "ok just go with git": the words after the yes only restate
  // programs or users already planned, and ask nothing: that is the yes. A disk said again is not
  // ("ok keep win7 then, put linux in the free bit" read as the pending erase): that is asked.
  if (
    "calls" in again &&
    !ASKS.test(rest) &&
    again.calls.every((c) => c.tool !== "partitionDisk" && planned(c, conv))
  )
    return { decision, user: conv.user };
  return { decision: again, user: rest };
}

const ASKS =
  /\?|\b(?:what|which|how|why|where|when|who|whats|tell|explain|show|is|are|does|will|would|can|could)\b/i;

const DISK_WORDS =
  /\b(?:disk|disks|drive|drives|ssd|hdd|nvme\w*|sd[a-z]\d*|vd[a-z]\d*|mmcblk\w*|one|other|free|space|bit|room|empty|whole|partition\w*|windows|win\d*|alongside|next|beside|erase|wipe|format|instead|usb|stick|small\w*|big\w*|larger|smaller)\b/i;

/** The words point at a disk, a part of one, or a system on one. */
function namesDisks(text: string, facts: Facts): boolean {
  if (DISK_WORDS.test(text)) return true;
  const words = new Set(text.toLowerCase().split(/[^a-z0-9]+/));
  return facts.disks.some((d) =>
    d.model
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .some((m) => m.length >= 3 && words.has(m)),
  );
}

function planned(call: unknown, conv: ConversationView): boolean {
  const n = ToolCallSchema.safeParse(call);
  return n.success && conv.pending.some((p) => JSON.stringify(p) === JSON.stringify(n.data));
}

const PAUSE_WORDS = new Set([
  "ok",
  "okay",
  "hmm",
  "um",
  "uh",
  "oh",
  "hold",
  "on",
  "hang",
  "wait",
  "a",
  "sec",
  "secs",
  "second",
  "moment",
  "minute",
  "min",
  "just",
  "one",
  "please",
  "pls",
  "lemme",
  "let",
  "me",
  "think",
  "gimme",
]);

/**
 * "ok hold on", "wait", "hang on a sec": a pause, neither a yes nor a no. The plan stays as it is
 * (findings4 WRONG 28: "ok hold on" dropped the whole plan); "no", "cancel", "don't" still say no.
 */
export function isPause(text: string): boolean {
  const w = clean(text)
    .replace(/[.!,;:…]+/g, " ")
    .split(" ")
    .filter(Boolean);
  return (
    w.length > 0 &&
    w.every((x) => PAUSE_WORDS.has(x)) &&
    /\b(?:hold on|hang on|wait|sec|secs|second|moment|minute|min|think)\b/.test(w.join(" "))
  );
}

export const PAUSE_REPLY = "OK, take your time: nothing was run, and the plan is as it was.";
