import type { Facts } from "../../facts/schema.js";
import { saysFreeRegion } from "../rules/freeSpaceWords.js";
import { tokenize } from "../rules/text.js";
import { words } from "../rules/tokens.js";
import type { PlanCall } from "../types.js";
import type { Reading } from "./types.js";

/**
 * Two readings of a turn about erasing and keeping what is on a disk, beside the clause reader in
 * read.ts: an erase said outright lifts what only an install beside a system kept, and a keep of
 * a disk in a turn that asks for its free space keeps what is on it, not the whole disk.
 */

/** What a clause names (clauseObjects.ts objectsOf): disks, and disks by what is on them. */
interface Named {
  disks: readonly { path: string }[];
  contents: readonly { disk: { path: string } }[];
}
const paths = (o: Named) => [
  ...new Set([...o.disks.map((d) => d.path), ...o.contents.map((c) => c.disk.path)]),
];

/** The turn asks for the free space of a disk, or to install beside what is on it. */
const FREE_ASK =
  /\b(?:free space|free part|unallocated|empty space|space left|spare space|next to|alongside|beside|dual[ -]?boot)\b/i;
/** Keeps that are about what is on a disk: "leave it", "keep that", "dont wipe it" (not "dont touch"). */
const CONTENT_KEEP = /\b(?:leave|keep|wipe|erase|format|reformat|overwrite|nuke|delete|destroy|lose)\b/i;

/**
 * "leave it, install in the free space on sda", "dont wipe it, put it next to fedora": in a turn
 * that asks for the free space (FREE_ASK), a keep of a disk that says nothing of touching it keeps
 * what is on it (its partitions), so the install beside them can go there. A keep while the turn
 * names another disk (`named`: every disk its words name), or "dont touch", stays a keep of the
 * whole disk.
 */
export function keepContentsForFreeSpace(
  reading: Reading,
  text: string,
  objects: () => Named,
  facts: Facts,
): void {
  // ("leave it, Levitate goes in the vacant lot": the free region in other words, freeSpaceWords.ts)
  if (!FREE_ASK.test(text) && !saysFreeRegion(words(tokenize(text)))) return;
  const named = paths(objects());
  reading.protect = reading.protect.map((p) => {
    if (p.kind !== "disk" || !CONTENT_KEEP.test(p.said) || /\btouch/i.test(p.said)) return p;
    if (named.some((x) => x !== p.disk)) return p;
    const d = facts.disks.find((x) => x.path === p.disk);
    if (!d?.partitions?.length) return p;
    const systems = [...new Set(d.partitions.flatMap((x) => (x.os ? [x.os] : [])))];
    return { kind: "partitions", disk: p.disk, what: systems.join(", ") || "what is on it", said: p.said };
  });
}

/**
 * First-person disuse: "i never use it", "we dont boot windows", "i barely use the samsung" (the
 * words as read.ts normalizes them: "never" reads "not").
 */
const DISUSE =
  / (?:i|we|im|i'm) (?:never|not|dont|don't|do not|no longer|rarely|barely|hardly|seldom|never really) (?:use|used|using|boot|booted|need|needed|open) /;

/** Verbs that erase a disk or a system outright. */
const ERASING = new Set(["erase", "wipe", "nuke", "format", "reformat", "overwrite", "kill", "destroy"]);
/** Words that make an erase the whole disk's: "the whole nvme", "all of it", "the entire disk". */
const WHOLE = new Set(["whole", "entire", "all", "everything", "completely", "entirely", "fully"]);

/**
 * "erase the whole nvme", "nuke windows", "format the nvme completely": an erase, not negated, of
 * a disk or a system the words name (`named`: their disks; `system`: a system was named), or of
 * the planned disk ("wipe all of it"). The disks it erases.
 */
export function erasedOutright(
  w: readonly string[],
  o: Named,
  pending: readonly PlanCall[],
  negated: (w: readonly string[], i: number) => boolean,
): string[] {
  const at = w.findIndex((x) => ERASING.has(x));
  if (at < 0 || negated(w, at)) return [];
  const whole = w.slice(at + 1).some((x) => WHOLE.has(x));
  const named = paths(o);
  if (named.length) return whole || o.contents.length ? named : [];
  const plan = pending.find((c) => c.tool === "partitionDisk");
  return whole && plan?.tool === "partitionDisk" ? [plan.args.disk] : [];
}

/**
 * "i never use it" (DISUSE): what the user does not use can go ("release"); after a partition was
 * named ("erase the recovery partition too, i never use it") it is the reason for that erase, and
 * keeps and lets go of nothing ("reason").
 */
export function disuse(joined: string, before: string): "release" | "reason" | undefined {
  if (!DISUSE.test(joined)) return undefined;
  return /\bpartition\b/i.test(before) ? "reason" : "release";
}
