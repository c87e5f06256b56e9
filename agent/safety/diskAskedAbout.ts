import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { describeTarget } from "../rules/alongside.js";
import type { ConversationView } from "../types.js";
import { disksNamedIn } from "./eraseAim.js";
import { asksSentence } from "./questionGate.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * "tell me about the samsung" … "ok wipe it then": the disk "it" points at was only asked about,
 * and my answer described it; the erase was never said of it by name. A pronoun that lands on a
 * disk through a question is my reading, not the person's choice, so the erase is put as a
 * question that names the disk and what is on it ("yes" takes it), never planned from that turn.
 * An erase already in the plan, or a turn that names its disk, is left as it is.
 */

/** Openers of a turn that only asks about something ("tell me about", "show me", "info on"). */
const ASKS_ABOUT =
  /^\s*(?:(?:hey|hi|ok|okay|so|and|um|hmm)[,\s]+)?(?:(?:can|could) you\s+)?(?:tell me (?:about|more about|what)|show me|describe|details (?:on|of|about)|info (?:on|about)|what(?:'s| is| are)? (?:on|in)|whats on|what about|how (?:big|full|much)|which (?:one|disk|drive) is)\b/i;

function onlyAsks(text: string): boolean {
  const t = text.replace(/[’]/g, "'");
  return ASKS_ABOUT.test(t) || t.split(/(?<=[.?!])\s+/).every((s) => asksSentence(s) || /\?\s*$/.test(s));
}

/** The person says what is on the disk can go: their answer to what my reply described. */
const LETS_GO =
  /\b(?:nothing (?:important|i need|on it)|not important|(?:don't|dont|do not) need (?:it|that|them|any)|backed (?:it )?up|have a backup|got a backup|junk|can go|(?:doesn't|doesnt|does not) matter|(?:don't|dont) care)\b/i;

/** Words that ask for the erase or the install in the same turn as the question about a disk. */
const ACTS = /\b(?:erase|wipe|format|nuke|install|put|use|overwrite)\b/i;

export function screenAskedAboutErase(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  if (!("calls" in decision)) return decision;
  const erase = decision.calls.find((c) => erasesWholeDisk(c));
  if (erase?.tool !== "partitionDisk") return decision;
  const disk = erase.args.disk;
  // "could you tell me about the samsung drive?", "info on the nvme pls": a question about a disk
  // is answered, never an erase of it
  if (ASKS_ABOUT.test(conv.user.replace(/[’]/g, "'")) && !ACTS.test(conv.user)) {
    const d = facts.disks.find((x) => x.path === disk);
    return {
      reply: `${d ? describeTarget(d) : disk}. That reads as a question, so nothing is planned; to install there, say "install on ${disk}".`,
    };
  }
  if (conv.pending.some((c) => erasesWholeDisk(c, disk))) return decision;
  if (disksNamedIn(conv.user, facts).length) return decision;
  // "ok nothing important, wipe it": the answer to what is on it, said with the erase
  if (LETS_GO.test(conv.user.replace(/[’]/g, "'"))) return decision;
  // an empty disk loses nothing: "what's on the wd?" … "install there" is the install asked for
  if (!facts.disks.some((d) => d.path === disk && (d.partitions?.length ?? 0) > 0)) return decision;
  const last = conv.turns.at(-1);
  if (!last || "calls" in last.decision || !onlyAsks(last.user)) return decision;
  // "erase /dev/sda?" → my question that offered it → "yes": the answer to that question
  const asked = "reply" in last.decision ? (last.decision.offer?.calls ?? []) : [];
  if (asked.some((c) => c.tool === "partitionDisk" && c.args.disk === disk)) return decision;
  if (!disksNamedIn(last.user, facts).includes(disk)) return decision;
  const d = facts.disks.find((x) => x.path === disk);
  return {
    reply: `You asked about ${d ? describeTarget(d) : disk}. Erase it and install there? Everything on ${disk} is lost. (yes / no)`,
    offer: { calls: decision.calls },
  };
}
