import type { Facts } from "../../facts/schema.js";
import { resolveDisk } from "./disks.js";
import { findSizes, tokenize } from "./text.js";

/**
 * "switch sdc to sdb", "replace sdb with sdc", "change the disk from sdb to sdc", "exchange sdb for
 * sdc", "swap (out) sdb for sdc": one disk traded for another moves the install to the second and
 * drops the first (attacker 10 H6: the old erase stayed in the plan under "Changed:", and "swap"
 * added swap space). Said as "use Y instead of X", the form every reader already takes as a move.
 * Only when each side names exactly one disk of the facts, and neither is a size ("swap 8g for
 * 16g" stays swap space); a program traded for a program is left to the recipe readers.
 */
const TRADE =
  /\b(?:replace|swap|switch|change|exchange|trade|move)\s+(?:out\s+)?(?:(?:the\s+|my\s+)?(?:disk|drive|target|install(?:ation)?|it)\s+)?(?:over\s+)?(?:from\s+)?(?:the\s+|my\s+)?([a-z0-9/][\w/ .-]{0,30}?)\s+(?:with|for|to|by|into|in\s+favou?r\s+of)\s+(?:the\s+|my\s+)?([a-z0-9/][\w/ -]{0,30}?)(?=\s*$|\s*[.,;!?\n]|\s+(?:and|then|but|please|pls|instead|now)\b)/gi;

function oneDisk(phrase: string, facts: Facts): string | undefined {
  const tokens = tokenize(phrase);
  if (findSizes(tokens).length) return undefined;
  const r = resolveDisk(tokens, facts.disks, { mentioned: [], offered: [] });
  return r.kind === "one" ? r.disk.path : undefined;
}

export function sayDiskReplacements(text: string, facts: Facts): string {
  if (facts.mode !== "live" || facts.disks.length < 2) return text;
  return text.replace(TRADE, (all, old: string, wanted: string) => {
    const from = oneDisk(old, facts);
    const to = oneDisk(wanted, facts);
    if (!from || !to || from === to) return all;
    return `use ${wanted.trim()} instead of ${old.trim()}`;
  });
}
