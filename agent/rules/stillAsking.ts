import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { openQuestion, questionIn } from "../safety/openQuestion.js";
import { describeCall } from "../session/describe.js";
import type { ConversationView, PlanCall } from "../types.js";

/**
 * A question asked while one of mine is open ("Shall I erase it anyway?" "whats on it?", "is the
 * samsung safe?") is answered, and my question asked again with its offer kept: a question never
 * loses the question, and never answers it. Any backend's or gate's answer passes through here.
 */
export function stillAsking(
  answer: Decision,
  conv: Pick<ConversationView, "turns" | "offer">,
  facts: Facts,
): Decision {
  if (!("reply" in answer) || answer.offer) return answer;
  const last = conv.turns.at(-1)?.decision;
  const asked = conv.offer && last && "reply" in last ? questionIn(last.reply) : openQuestion(conv);
  const text = answer.reply;
  if (!asked?.includes("?") || text.includes(asked))
    return conv.offer ? { reply: text, offer: conv.offer } : answer;
  // "Shall I erase it anyway?" after an answer about another disk: say what "yes" does
  const yes = conv.offer
    ? ` ("yes" would ${conv.offer.calls.map((c) => describeCall(c, facts) + lost(c, facts)).join("; ")})`
    : "";
  const reply = `${text} Still open: ${asked}${yes}`;
  return conv.offer ? { reply, offer: conv.offer } : { reply };
}

/** What an offered whole-disk erase takes with it, said again beside the repeated question. */
function lost(c: PlanCall, facts: Facts): string {
  if (c.tool !== "partitionDisk" || c.args.use === "free") return "";
  const parts = facts.disks.find((d) => d.path === c.args.disk)?.partitions ?? [];
  if (!parts.length) return "";
  const names = parts.map((p) => `${p.path}${p.label ? ` ("${p.label}")` : ""}`);
  return `, and ${names.join(", ")} ${names.length > 1 ? "are" : "is"} lost for good`;
}
