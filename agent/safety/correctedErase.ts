import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { ConversationView } from "../types.js";

/**
 * "put it on sda, sorry, sdb": the words are read with sdb in place of sda
 * (agent/rules/selfCorrections.ts), but a rewrite is still my reading of a hurried sentence, and
 * the words around the correction may have meant something the rewrite dropped (the free space,
 * the other system). So an erase of the disk a correction named is offered, never planned from
 * that turn alone: the user sees the disk the correction landed on and answers "yes"; "no" drops it.
 */
export function screenCorrectedErase(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!conv.corrected?.length || !("calls" in decision)) return decision;
  const erase = decision.calls.find(
    (c) => c.tool === "partitionDisk" && c.args.use !== "free" && conv.corrected?.includes(c.args.disk),
  );
  if (erase?.tool !== "partitionDisk") return decision;
  const disk = facts.disks.find((d) => d.path === erase.args.disk);
  const what = disk?.model ? `${erase.args.disk} (${disk.model})` : erase.args.disk;
  return {
    reply: `You corrected yourself to ${what}. Installing there erases everything on ${erase.args.disk}. Shall I? (yes / no)`,
    offer: { calls: decision.calls },
  };
}
