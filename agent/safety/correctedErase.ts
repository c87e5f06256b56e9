import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { ConversationView } from "../types.js";
import { screenAskedAboutErase } from "./diskAskedAbout.js";
import { screenUnknownLetter } from "./driveLetters.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * "put it on sda, sorry, sdb": the words are read with sdb in place of sda
 * (agent/rules/selfCorrections.ts), but a rewrite is still my reading of a hurried sentence, and
 * the words around the correction may have meant something the rewrite dropped (the free space,
 * the other system). So an erase of the disk a correction named is offered, never planned from
 * that turn alone: the user sees the disk the correction landed on and answers "yes"; "no" drops it.
 */
export function screenCorrectedErase(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  // the last screen of every turn (agent/turn.ts): a disk "it" reached through a question is asked
  // about too (agent/safety/diskAskedAbout.ts), and so is a drive letter this machine lacks
  if (!conv.corrected?.length || !("calls" in decision))
    return screenUnknownLetter(screenAskedAboutErase(decision, conv, facts), conv.user, facts);
  const erase = decision.calls.find((c) => erasesWholeDisk(c) && conv.corrected?.includes(c.args.disk));
  if (erase?.tool !== "partitionDisk") return decision;
  const disk = facts.disks.find((d) => d.path === erase.args.disk);
  const what = disk?.model ? `${erase.args.disk} (${disk.model})` : erase.args.disk;
  return {
    reply: `You corrected yourself to ${what}. Installing there erases everything on ${erase.args.disk}. Shall I? (yes / no)`,
    offer: { calls: decision.calls },
  };
}
