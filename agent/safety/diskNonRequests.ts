import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { ToolName } from "../../tools/types.js";
import { answerQuestion } from "../rules/questions.js";
import { normalizeTokens } from "../rules/tokens.js";
import type { ConversationView, PlanCall } from "../types.js";

/**
 * Words about a disk that ask for no install on it:
 * - to be shown it: "first tell me the disks", "let me see the drives first", "give me the list
 *   of drives", "i want to see the disks", "can i see the drives" (dev13-mixed h12m-103: the one
 *   disk erased);
 * - to resize it: "make the storage thing bigger", "enlarge the ssd", "the disk is too small, make
 *   it bigger" (dev13 h12-076: "bigger" picked the biggest disk, and erased it).
 * Whatever a backend read, such words plan no disk: the listing is answered, a resize is said to be
 * something no tool does. Words that also choose an install ("show me the disks and use the nvme",
 * "shrink windows and install beside it") are read as they are.
 */

/** Words that choose an install, whatever else is said. */
const CHOOSES =
  /\b(?:install|put|use|erase|wipe|format|nuke|pick|choose|take|select|partition|replace|reinstall|dual|alongside|beside|next to|go with|set ?up|overwrite|whole|free space)\b/i;

const SEE =
  /\b(?:show|tell|list|print|display|describe|enumerate|name)\s+(?:me|us)\b|^\s*(?:\w+\W+)?(?:show|list|print|display|enumerate)\b|\b(?:see|view|know|look at|check out|have a look at)\s+(?:(?:the|my|all|your|which|what)\s+)*(?:disks?|drives?|storage|devices?|ssds?|hdds?)\b|\b(?:give\s+(?:me|us)|gimme)\s+(?:the\s+|a\s+)?(?:list|overview|rundown|names?|summary)\b/i;

const DISKS_NAMED =
  /\b(?:disks?|drives?|storage|devices?|ssds?|hdds?|nvme\w*|sd[a-z]|vd[a-z]|hard ?disks?)\b/i;

const RESIZE =
  /\b(?:make|made|get|have)\b[^.,;!?]{0,40}\b(?:bigger|larger|smaller|roomier|wider)\b|\b(?:enlarge|enlarged|grow|expand|extend|resize|resized|increase|stretch|upsize|downsize)\b/i;

const RESIZE_REPLY =
  'I can\'t resize a disk or a partition. I can install onto a whole disk (erasing it) or into the free space beside what is there; say which (e.g. "use the nvme", "use the free space on sda").';

/** The word a telegram or a radio voice says where a question mark goes (dev h20-016#1 erased the disk it asked about). */
const QUERY_MARK = /\b(?:query|qry|interrogative|question mark)\b/i;

type Install = Extract<PlanCall, { tool: "partitionDisk" }>;

/** A turn that asked to see or resize disks plans none, whatever a backend read in it. */
export function screenDiskNonRequests(
  decision: Decision,
  conv: ConversationView,
  facts: Facts,
  allowed: readonly ToolName[],
): Decision {
  if (!("calls" in decision)) return decision;
  const text = conv.user.replace(/[’]/g, "'");
  if (CHOOSES.test(text)) return decision;
  const planned = conv.pending.find((c): c is Install => c.tool === "partitionDisk");
  const installs = decision.calls.filter((c): c is Install => c.tool === "partitionDisk");
  if (!installs.length) return decision;
  const rest = decision.calls.filter((c) => c.tool !== "partitionDisk");
  const withRest = (reply: string): Decision =>
    rest.length ? { reply: `${reply} Shall I add the rest?`, offer: { calls: rest } } : { reply };
  if (SEE.test(text) && DISKS_NAMED.test(text))
    return withRest(answerQuestion(normalizeTokens(conv.user, facts), { conv, facts, allowed }));
  // "WD BLUE EMPTY QUERY STOP": a telegram marks its question with a word, as "?" does
  const asked = text.match(QUERY_MARK);
  if (asked) {
    const q = `${text.slice(0, asked.index).replace(/\bstop\b/gi, ".")}?`;
    return withRest(answerQuestion(normalizeTokens(q, facts), { conv, facts, allowed }));
  }
  // a resize only misreads as a new disk: "make swap bigger, 8G" changes the planned one
  const moved = installs.some((c) => c.args.disk !== planned?.args.disk || c.args.use !== planned?.args.use);
  if (RESIZE.test(text) && moved) return withRest(RESIZE_REPLY);
  return decision;
}
