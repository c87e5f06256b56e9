import type { Facts } from "../../facts/schema.js";

/**
 * "Land on the WD_BLACK", "keep the WD_BLACK": a disk's model word written with its underscore
 * (the model is "WD_BLACK SN850X 1TB") was one token no disk reader knew ("There is no recipe
 * named wd_black", dev24-mixed h23m-011). Said with a space ("WD BLACK"), every reader, the keep
 * readers of the safety screen included, reads the brand and the model word. Only a word that
 * stands in a disk's model exactly as typed is rewritten, so a user name like "john_doe" stays.
 *
 * Safety: the rewrite names the same disk in the words each reader already knows; a keep of it is
 * read where it was missed before.
 */
export function sayModelUnderscores(text: string, facts: Facts): string {
  if (!text.includes("_")) return text;
  const joined = new Set(
    facts.disks.flatMap((d) =>
      d.model
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w.includes("_") && /[a-z]/.test(w)),
    ),
  );
  if (!joined.size) return text;
  return text.replace(/[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+/g, (w) =>
    joined.has(w.toLowerCase()) ? w.replace(/_/g, " ") : w,
  );
}
