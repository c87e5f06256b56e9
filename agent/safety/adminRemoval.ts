import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { ConversationView } from "../types.js";

/**
 * "remove sudo" (attacker 15, tester 18 D6): root has no password on LevitateOS, so sudo is the
 * one way anybody administers the machine; removing it locks every admin out, and the plan said
 * nothing about that. A removal of the last admin tool is put as a question that says what it
 * means, with the removal offered (a yes takes it), unless the words show it is known: another
 * admin tool named ("I use doas"), or the lock-out itself acknowledged ("I know", "anyway").
 * Another admin tool left installed keeps administration possible: then nothing is asked.
 */

/** Programs through which a user becomes root. */
const ADMIN_TOOLS = new Set(["sudo", "doas", "opendoas", "sudo-rs", "run0"]);
/** Words that show the person knows what the removal does. */
const KNOWING =
  /\b(?:doas|run0|pkexec|(?:use|via|with) su|sudo-rs|i know|i'm aware|im aware|i am aware|aware|anyway|anyways|on purpose|deliberately|intentionally|i understand|lock(?:ed)?\s+(?:myself|me|us)\s+out|no admins?|no root)\b/i;

export function warnAdminRemoval(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  const proposed =
    "calls" in decision ? decision.calls : "reply" in decision ? (decision.offer?.calls ?? []) : [];
  const removed = new Set(
    proposed.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name.toLowerCase()] : [])),
  );
  const tools = [...removed].filter((n) => ADMIN_TOOLS.has(n));
  if (!tools.length) return decision;
  // another admin tool stays installed: somebody can still become root
  if (facts.installed.some((n) => ADMIN_TOOLS.has(n.toLowerCase()) && !removed.has(n.toLowerCase())))
    return decision;
  if (KNOWING.test(conv.user.replace(/[’]/g, "'"))) return decision;
  // the offer I made said what it means, and the answer took it: asked once is enough
  if (conv.offer?.calls.some((c) => c.tool === "removeRecipe" && tools.includes(c.args.name.toLowerCase())))
    return decision;
  const names = tools.join(" and ");
  const means = `Removing ${names} leaves nobody able to administer this system: root has no password here, and ${names} is how users in the wheel group become root.`;
  // another screen already asks about the removal ("Shall I remove sudo?"): its question says it too
  if ("reply" in decision) return { ...decision, reply: `${decision.reply} ${means}` };
  return {
    reply: `${means} Remove ${tools.length > 1 ? "them" : "it"} anyway? (yes / no) If you use another tool, say so ("remove ${tools[0]}, I use doas").`,
    offer: { calls: proposed },
  };
}
