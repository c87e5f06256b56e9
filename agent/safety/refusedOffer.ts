import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";

/**
 * "Shall I erase it anyway?" "no keep data", "no, keep the stuff", "nope, my data": a turn that
 * opens with "no" refuses the erase I asked about, whatever else its words say (hurried user 10,
 * D1: a keep that named nothing on this machine was read past, and the erase I had asked about
 * was planned). The last screen of every turn (agent/turn.ts): the erase my offer held leaves the
 * decision, and what else it held stands; when nothing does, the reply says the erase is refused
 * and how to ask for it after all.
 */

const REFUSES =
  /^\s*(?:no+|nah+|nope|nay|nein|non|don'?t|dont|do\s+not|never|not)\b(?!\s*(?:problem|prob|worries|doubt|issue|need\s+to\s+ask|question)\b)/i;

function erases(c: PlanCall, disk: string): boolean {
  return c.tool === "partitionDisk" && c.args.use !== "free" && c.args.disk === disk;
}

export function screenRefusedOffer(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!conv.offer || !REFUSES.test(conv.user)) return decision;
  const asked = conv.offer.calls.flatMap((c) =>
    c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : [],
  );
  if (!asked.length) return decision;
  const hit = (c: PlanCall) => asked.some((d) => erases(c, d));
  const disk = asked[0]!;
  const model = facts.disks.find((d) => d.path === disk)?.model;
  const said = `You said no, so I won't erase ${disk}${model ? ` (${model})` : ""}.`;
  const after = ` To erase it after all, say "erase ${disk}, I don't need what's on it".`;
  if ("calls" in decision) {
    if (!decision.calls.some(hit)) return decision;
    const rest = decision.calls.filter((c) => !hit(c));
    if (!rest.length)
      return { reply: `${said}${conv.pending.length ? " The plan is as it was." : ""}${after}` };
    return { calls: rest };
  }
  if ("reply" in decision && decision.offer?.calls.some(hit)) {
    const rest = decision.offer.calls.filter((c) => !hit(c));
    return rest.length
      ? { reply: `${said} ${decision.reply}`, offer: { calls: rest } }
      : { reply: `${said}${after}` };
  }
  return decision;
}
