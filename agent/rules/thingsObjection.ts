import type { Facts } from "../../facts/schema.js";
import { disksNamedIn } from "../safety/eraseAim.js";
import { THINGS } from "../safety/personsThings.js";
import type { PlanCall } from "../types.js";
import { heldStatementDisks } from "./heldResidue.js";

/**
 * "it's got my backups", "my back-ups are on that disk", "nooo my backups", "my files!", "there
 * are backups on it", "the crucial? my backups live there" while the plan erases a whole disk
 * (attacker 27 H3: these got "Go ahead with the plan?", and a yes erased the disk; the last
 * re-planned the erase). A turn that names the person's things as being on a disk, and asks for
 * nothing, is an objection to erasing it: said as "keep DISK" (the disk the turn names, else the
 * one the plan erases), which takes the erase out and keeps the disk, as "keep sdc" does.
 *
 * Shape, not wordings: a word of the closed class of things people keep (backups, files, photos,
 * ...), tied to the disk by place ("on it", "there", "is where"), by having ("it's got", "that one
 * has") or said alone as the person's ("my files!"), with no request verb, no negation ("no
 * backups on it", "nothing on it") and no word that says the things are safe elsewhere.
 *
 * Safety: only ever keeps (a keep wins in doubt); a person who meant "erase it anyway" is asked to
 * say so, losing one sentence, never the backups.
 */

const TIE = new RegExp(
  [
    String.raw`\b(?:on|in|inside)\s+(?:it|there|that|this|them|here)\b`,
    String.raw`\b(?:is|are|'s|lives?|sits?|stays?)\s+there\b`,
    String.raw`\bis\s+where\b|\bwhere\s+(?:my|our|all)\b`,
    String.raw`\b(?:it|that|this|that\s+one|this\s+one|that\s+(?:disk|drive|ssd|hdd)|this\s+(?:disk|drive|ssd|hdd))\s*(?:'s|’s|\s+has|\s+have|\s+holds|\s+contains|\s+is|\s+carries|\s+stores)\b`,
    String.raw`\b(?:it|that|this)(?:'s|’s)\s+got\b`,
    String.raw`\blives?\b|\bsits?\b|\bstored\b|\bkept\b`,
  ].join("|"),
  "i",
);
// a word before the things only after a possessive ("my wedding photos!"): "Start game" names a
// command, not the person's games (dev h21m-043)
const ALONE = new RegExp(
  String.raw`^\s*(?:(?:n+o+|o+h*|wait|hey|careful|stop|whoa|woah|hold\s+on|argh|ah+|omg|dude|please|pls|but|what\s+about)[\s,!.]+)*(?:(?:my|our|all\s+my|the|his|her)\s+(?:\w+\s+)?)?${THINGS}\s*[!.]*\s*$`,
  "i",
);
const REQUEST =
  /\b(?:install|use|put|erase|wipe|format|nuke|add|create|remove|uninstall|delete|give|make|set|choose|pick|go\s+ahead|do\s+it|proceed|fine|ok|okay|yes|yeah|sure|anyway|free|space|alongside|beside|next\s+to|cancel|stop|abort|never\s*mind|instead|rather)\b/i;
const NEGATED =
  /\b(?:no|not|nothing|none|never|without|don'?t|doesn'?t|dont|isn'?t|aren'?t|empty|elsewhere|somewhere\s+else|other|another|cloud|nas|external|usb|already|backed\s+up|copied|safe|copy|moved)\b/i;
const THING = new RegExp(String.raw`\b${THINGS}\b`, "i");

/** The whole-disk erase the plan holds, if exactly one. */
function plannedErase(pending: readonly PlanCall[]): string | undefined {
  const disks = pending.flatMap((c) =>
    c.tool === "partitionDisk" && c.args.use !== "free" ? [String(c.args.disk)] : [],
  );
  return disks.length === 1 ? disks[0] : undefined;
}

export function sayThingsObjection(text: string, facts: Facts, pending: readonly PlanCall[]): string {
  if (facts.mode !== "live") return text;
  const planned = plannedErase(pending);
  if (!planned) return text;
  // a turn that says nothing but "DISK holds my things", in any linking form (heldResidue.ts)
  const held = heldStatementDisks(text, facts);
  if (held) return held.length ? `keep ${held.join(" and ")}` : `keep ${planned}`;
  if (!THING.test(text)) return text;
  const t = text.replace(/[’`]/g, "'");
  if (NEGATED.test(t)) return text;
  // a question ("what will happen to the old files on it?", "is there something for music") asks
  // about the plan; its answer is mine to give, the plan stays as it is
  if (
    /\?\s*$/.test(t) ||
    /^\s*(?:what|where|which|how|why|when|who|is|are|does|do|did|can|could|will|would|should|shall|may)\b/i.test(
      t,
    ) ||
    /\b(?:is|are)\s+there\b/i.test(t)
  )
    return text;
  // "the crucial? my backups live there": a disk named only as what the things are on
  const withoutDisks = t.replace(/\b(?:the\s+)?[\w/.-]+\?/g, " ");
  if (REQUEST.test(withoutDisks)) return text;
  // "leave the little 'un alone, that's for the wife's stuff": a keep with an object of its own, or
  // a disk described by size or order, is the keep readers' to place; never the planned disk by guess
  if (
    /\b(?:leave|keep|spare|protect|touch|alone)\b/i.test(t) ||
    /\b(?:little|small|smaller|smallest|big|bigger|biggest|large|other|second|first|old|older|new|newer)\s+(?:'?un|one|disk|drive|ssd|hdd)\b/i.test(
      t,
    )
  )
    return text;
  if (!TIE.test(t) && !ALONE.test(t)) return text;
  const named = disksNamedIn(t, facts);
  if (named.length > 1) return text;
  // "that's where my photos are" with a disk labelled PHOTOS: "that" is the planned disk, the
  // label another one; a keep wins in doubt, so both are kept
  if (named[0] && named[0] !== planned && /\b(?:it|that|this|there|here)\b/i.test(t))
    return `keep ${planned} and ${named[0]}`;
  return `keep ${named[0] ?? planned}`;
}
