import type { Disk, Facts } from "../../facts/schema.js";
import type { Offer } from "../../tools/decision.js";
import { describeDisk } from "../rules/disks.js";
import type { ConversationView } from "../types.js";
import { eraseSaid, removalSaid, type Said } from "./directRequest.js";
import { describeContent } from "./diskContent.js";

/**
 * "windows stays" → "OK, kept … Shall I install onto /dev/sdb? It holds "games": everything on it
 * is erased for good." → "k thx": the thanks answers the "OK, kept" just read, not the erase of a
 * disk the person never chose (tester 12 D5). An offer that erases a disk holding something, or
 * removes a program, which no turn of the person named, is taken only by words that say yes to it
 * ("yes", "sure", "do it", "erase it"); an answer made only of acknowledgements and thanks ("ok",
 * "cool", "great thx", "👍") asks again, naming what is lost, and leaves the offer open so a
 * plain "yes" still takes it. An offer of something the person named ("put it on the 870" …
 * "Shall I erase it anyway?" … "ok") is answered as before.
 */

/** Acknowledgements and thanks: they close what was said, they choose nothing. */
const ACK_WORDS = new Set([
  "ok",
  "okay",
  "okey",
  "oki",
  "k",
  "kk",
  "kay",
  "cool",
  "great",
  "perfect",
  "good",
  "nice",
  "awesome",
  "alright",
  "allright",
  "aight",
  "fine",
  "thx",
  "thanks",
  "thank",
  "you",
  "ty",
  "tysm",
  "thnx",
  "thanx",
  "cheers",
  "noted",
  "got",
  "it",
  "gotcha",
  "understood",
  "sweet",
  "neat",
  "lovely",
  "excellent",
  "super",
  "wonderful",
  "ah",
  "oh",
  "so",
  "then",
  "very",
  "much",
  "lol",
  "haha",
  "np",
  "that",
  "thats",
  "that's",
  "is",
  "makes",
  "sense",
]);

/** Emoji and symbols people send as a nod. */
const NOD = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D/gu;

/** The whole answer is acknowledgements, thanks and nods, with no word that says yes. */
export function onlyAcknowledges(text: string): boolean {
  const t = text
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(NOD, " ack ")
    .replace(/[.!?,;:()~*-]+/g, " ")
    .trim();
  if (!t) return false;
  const words = t.split(/\s+/);
  return words.every((w) => w === "ack" || ACK_WORDS.has(w));
}

const SHORT = (path: string) => path.replace(/^\/dev\//, "");

/** Words a person would use for this disk: its device name, model words, labels, systems. */
function diskWords(d: Disk): string[] {
  const generic = /^(?:ssd|hdd|disk|drive|nvme|sata|usb|gb|tb|\d+(?:gb|tb|g|t)?|the|series|plus|pro)$/;
  const words = [SHORT(d.path)];
  for (const w of (d.model ?? "").toLowerCase().split(/[^a-z0-9]+/))
    if (w.length >= 2 && !generic.test(w)) words.push(w);
  for (const p of d.partitions ?? []) {
    if (p.label)
      words.push(
        ...p.label
          .toLowerCase()
          .split(/[^a-z0-9]+/)
          .filter((w) => w.length >= 3),
      );
    if (p.os)
      words.push(
        ...p.os
          .toLowerCase()
          .split(/[^a-z0-9]+/)
          .filter((w) => w.length >= 4 && !/^\d/.test(w)),
      );
  }
  return words;
}

/**
 * Some earlier turn of the person's own words asks for it: said where a clause acts on it or as a
 * bare answer, the way the direct-request reader reads it (agent/safety/directRequest.ts). Said only
 * where it is kept, refused or asked about ("don't touch the games drive", "is the games drive
 * empty?") names nothing to erase. Where that reader does not find the thing among the words
 * ("unsaid"), a word of it said at all still counts, as before.
 */
function namedBefore(
  conv: ConversationView,
  words: readonly string[],
  reading: (said: string) => Said,
): boolean {
  return conv.turns.some((t) => {
    const said = new Set(t.user.toLowerCase().split(/[^a-z0-9]+/));
    return words.some((w) => said.has(w)) && reading(t.user) !== "blocked";
  });
}

/**
 * The re-asked question when `conv.user` only acknowledges an offer that erases a disk or removes
 * a program never named; undefined when the answer is to be taken as it always was.
 */
export function ackToUnnamedLoss(
  offer: Offer,
  conv: ConversationView,
  facts: Facts,
): { reply: string; offer: Offer } | undefined {
  if (!onlyAcknowledges(conv.user)) return undefined;
  const lost: string[] = [];
  for (const c of offer.calls) {
    if (c.tool === "partitionDisk" && c.args.use !== "free") {
      const d = facts.disks.find((x) => x.path === c.args.disk);
      if (!d) continue;
      const held = describeContent(d);
      if (!held || namedBefore(conv, diskWords(d), (t) => eraseSaid(t, d.path, facts))) continue;
      lost.push(`erase ${describeDisk(d)}, which holds ${held}`);
    } else if (c.tool === "removeRecipe") {
      const name = String(c.args.name ?? "");
      if (name && !namedBefore(conv, [name.toLowerCase()], (t) => removalSaid(t, name)))
        lost.push(`remove ${name}`);
    }
  }
  if (!lost.length) return undefined;
  return {
    reply: `"${conv.user.trim()}" reads as an acknowledgement, not as a yes to this: I would ${lost.join(" and ")}, and you never named it. Say "yes" to do that, or tell me which disk to install onto.`,
    offer,
  };
}
