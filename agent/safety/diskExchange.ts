import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { describeDisk, listDisks } from "../rules/disks.js";
import type { ConversationView } from "../types.js";
import { contentOf, describeContent } from "./diskContent.js";
import { isDiskInstall } from "./wholeErase.js";

/**
 * "swap the disks", "switch the drives", "exchange them", "flip the two ssds", "vice versa"
 * (attacker 15 F5: "swap the disks" added an 8G swap partition): an exchange verb whose object is
 * the disks asks to move the install to the other disk. Read before any backend, so the verb is
 * never taken for the swap noun (./../rules/swapWord.ts keeps the layout reader from it as well).
 *
 * With one install planned and one other disk left it is a replace (CONTRACTS §2), taken only where
 * nothing is lost: an empty other disk takes the install's place; a kept one is refused, naming the
 * keep; one that holds data is asked about by name, with nothing offered to a reflex yes. With no
 * install planned, or several disks left, it is a question.
 */

/** An exchange verb, then (determiners,) the disks or a pronoun turned around. */
const EXCHANGE =
  /\b(?:swap|switch|exchange|flip|trade|reverse|interchange)\s+(?:(?:the|my|both|these|those|our|2|two|em|'em)\s+)*(?:disks|drives|ssds|hdds|devices|targets|nvmes|places|sides|them\s+(?:a?round|over)|(?:it|them|em|'em)\s+(?:a?round|over)|(?:disks?|drives?)\s+(?:a?round|over))\b|\bvice\s+versa\b/i;

/** The words ask to exchange the disks. */
export function asksDiskExchange(text: string): boolean {
  return EXCHANGE.test(text.replace(/[’]/g, "'"));
}

export function readDiskExchange(conv: ConversationView, facts: Facts): Decision | undefined {
  if (facts.mode !== "live" || !asksDiskExchange(conv.user)) return undefined;
  const planned = conv.pending.find(isDiskInstall);
  const others = facts.disks.filter((d) => !d.liveMedium && d.path !== planned?.args.disk);
  if (!planned || others.length !== 1) {
    const where = planned ? ` The plan installs on ${planned.args.disk}.` : "";
    return {
      reply: `Which disk should the system go on${others.length ? `: ${listDisks(others)}` : ""}?${where} Name the disk and I'll move it there.`,
    };
  }
  const other = others[0]!;
  const kept = (conv.protections ?? []).some((p) => "disk" in p && p.disk === other.path);
  if (kept)
    return {
      reply: `You asked me to keep ${describeDisk(other)}, so the install stays on ${planned.args.disk}; nothing changed. To use ${other.path} anyway, take the keep back first.`,
    };
  if (contentOf(other).length)
    return {
      reply: `${describeDisk(other)} holds ${describeContent(other)}: moving the install there erases it for good. Nothing changed; the plan still installs on ${planned.args.disk}. To lose what is on it, say "erase ${other.path.replace(/^\/dev\//, "")} and install there".`,
    };
  // the other disk is empty: the replace loses nothing (§2: a second partitionDisk replaces the first)
  return { calls: [{ ...planned, args: { ...planned.args, disk: other.path } }] };
}
