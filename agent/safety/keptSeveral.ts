import type { Facts } from "../../facts/schema.js";
import { resolveDisk } from "../rules/disks.js";
import { normalizeTokens } from "../rules/tokens.js";
import type { Protection } from "./types.js";

/** Words that ask for several at once: "both", "all", a plural, a list. */
const SEVERAL =
  /\b(?:both|all|every|each|them|they|those|these|disks|drives|ssds|hdds|ones|and|or|plus|nor)\b|[,&+]/i;

/**
 * The sentence that says a keep named one disk in words that fit several, and so kept each
 * ("don't touch the ssd" where both disks are SSDs): the person meant one, and the reply says
 * precisely what is kept and why, so they are not left wondering why no disk is offered (tester
 * 25). "" where each keep named what it kept.
 *
 * Safety: nothing is released here; the keep stays on every disk the words fit (a keep too
 * narrow costs data, one too wide costs this question). The way to use one of them is said in
 * the words that let a kept disk go.
 */
export function severalKept(kept: readonly Protection[], facts: Facts): string {
  const bySaid = new Map<string, string[]>();
  for (const p of kept)
    if (p.kind === "disk" && p.said) bySaid.set(p.said, [...(bySaid.get(p.said) ?? []), p.disk]);
  for (const [said, paths] of bySaid) {
    if (paths.length < 2 || SEVERAL.test(said)) continue;
    const usable = facts.disks.filter((d) => !d.liveMedium);
    // (the description without its negation: "don't touch the ssd" describes "the ssd")
    const description = said.replace(/\b(?:don'?t|do not|dont|never|not|no)\b/gi, " ");
    const r = resolveDisk(normalizeTokens(description, facts), usable, { mentioned: [], offered: [] });
    if (r.kind !== "many" || r.meant || !paths.every((p) => r.disks.some((d) => d.path === p))) continue;
    const short = paths[0]!.replace(/^\/dev\//, "");
    const list = `${paths.slice(0, -1).join(", ")} and ${paths.at(-1)}`;
    const all = paths.length === 2 ? "Both" : "All of";
    return ` ${all} ${list} fit "${said}" (${r.by}), so each is kept. If you meant only one, say which may be used (e.g. "erase ${short}, I don't need what's on it").`;
  }
  // "keep my backup" where no label or model says which disk holds it (./contentHolders.ts): each
  // disk that may hold it is kept, and the reply says it could not tell which
  const files = kept.flatMap((p) => (p.kind === "partitions" && p.what === "your files" ? [p] : []));
  if (files.length >= 2) {
    const last = files.at(-1)!.disk.replace(/^\/dev\//, "");
    return ` I can't tell which disk holds what you named, so each that may hold it is kept. If it is on only one of them, say which others may be used (e.g. "erase ${last}, I don't need what's on it").`;
  }
  return "";
}
