import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { describeDisk } from "../rules/disks.js";
import type { ConversationView, PlanCall } from "../types.js";

/**
 * The install goes onto one disk: root, /home and swap are all made there. "put home on the other
 * ssd", "can i use it for home?", "swap on the samsung", "/var on sda" with the install planned on
 * another disk ask for something no tool does; read as a disk choice they would move the whole
 * install (and erase the other disk). Whatever a backend read, such a turn gets a reply that says
 * so and what it can have instead (a separate /home on the planned disk), and the plan stays.
 * Every backend's decision passes here (agent/turn.ts).
 */

/** A part of the system placed somewhere: "home on", "/home to", "swap onto", "for home", "as swap". */
const PART_PLACED =
  /(?:\b|\/)(?:home|swap|var|boot|tmp|opt|srv)\s+(?:partition\s+|folder\s+|directory\s+|dir\s+|stuff\s+)?(?:on|onto|to|in|into|at)\b|\b(?:for|as)\s+(?:\/?home|swap|\/?var|\/?boot|my home|the home)\b/i;
/** Words that move the whole install: "actually put everything on the samsung", "install on sda instead". */
const WHOLE_MOVE = /\b(?:everything|the system|the whole|linux|levitate|the os|root|\/ on|instead)\b/i;

type Install = Extract<PlanCall, { tool: "partitionDisk" }>;

const isInstall = (c: PlanCall): c is Install => c.tool === "partitionDisk";

export function screenOneDisk(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  const planned = conv.pending.find(isInstall);
  if (!planned) return decision;
  const proposed =
    "calls" in decision ? decision.calls : "reply" in decision ? (decision.offer?.calls ?? []) : [];
  const moved = proposed.find((c): c is Install => isInstall(c) && c.args.disk !== planned.args.disk);
  const text = conv.user.replace(/[’]/g, "'");
  if (!PART_PLACED.test(text) || WHOLE_MOVE.test(text)) return decision;
  const here = facts.disks.find((d) => d.path === planned.args.disk);
  // "also use the seagates for /home" with two Seagates: the backend asks which disk, and the
  // answer ("the first one") would move the whole install there (tester 25 WRONG-6). A part of the
  // system placed is never a disk choice, so the question is not asked; the same reply says why.
  if (!moved && "reply" in decision && !decision.offer && /^Which (?:disk|one)\b/.test(decision.reply))
    return {
      reply: `The install goes onto one disk: root, /home and swap are all made on ${here ? describeDisk(here) : planned.args.disk}; I can't put a part of the system on another disk, so the plan stays as it is. For /home on a partition of its own, say "separate home"; to move the whole install, say "install on" and the disk's name, with "instead".`,
    };
  if (!moved) return decision;
  const there = facts.disks.find((d) => d.path === moved.args.disk);
  const rest = proposed.filter((c) => !isInstall(c));
  const reply = `The install goes onto one disk: root, /home and swap are all made on ${here ? describeDisk(here) : planned.args.disk}; I can't put a part of the system on ${there ? describeDisk(there) : moved.args.disk}, so it stays as it is. For /home on a partition of its own, say "separate home"; to move the whole install, say "install on ${moved.args.disk} instead".`;
  return rest.length ? { reply: `${reply} Shall I add the rest?`, offer: { calls: rest } } : { reply };
}
