import type { Disk } from "../../facts/schema.js";
import type { Protection, Reading } from "./types.js";

/**
 * The answer to my twin question (rules/otherAfterTwinKeep.ts: "keep the samsung" fitted two
 * Samsungs, both kept, and I asked which one is kept): a keep of exactly one of them, in other
 * words ("the one with games on it stays"), says which disk the phrase meant, so the phrase's keep
 * of the others is taken back and the person can use one ("the nvme samsung is fine to use").
 * Only right after that question, only a phrase that kept several disks, only when the answer
 * keeps one of them: a plural keep ("keep both samsungs") asked nothing, so it is never narrowed.
 */
export function narrowTwinKeep(
  current: readonly Protection[],
  reading: Reading,
  lastReply: string | undefined,
  said: string,
  diskIn: (segment: string) => string | undefined,
): Reading {
  if (!lastReply?.includes(TWIN_QUESTION)) return reading;
  const bySaid = new Map<string, string[]>();
  for (const p of current) if (p.kind === "disk") bySaid.set(p.said, [...(bySaid.get(p.said) ?? []), p.disk]);
  const release: Protection[] = [];
  for (const [phrase, disks] of bySaid) {
    if (new Set(disks).size < 2) continue;
    const chosen = reading.protect.filter(
      (p) => (p.kind === "disk" || p.kind === "partitions") && p.said !== phrase && disks.includes(p.disk),
    );
    const picked = new Set(chosen.map((p) => (p.kind === "disk" || p.kind === "partitions" ? p.disk : "")));
    // "samsung = the 870", "the samsung i meant is the 870", "by samsung i mean the evo": a segment
    // with the phrase's own noun and one of the twins named otherwise says which one it meant
    if (picked.size === 0) for (const d of definedAs(phrase, said, disks, diskIn)) picked.add(d);
    if (picked.size !== 1) continue;
    for (const p of current)
      if (p.kind === "disk" && p.said === phrase && !picked.has(p.disk)) release.push(p);
  }
  return release.length ? { ...reading, release: [...reading.release, ...release] } : reading;
}

/** The twin a segment of `said` defines the phrase's noun as. */
function definedAs(
  phrase: string,
  said: string,
  twins: readonly string[],
  diskIn: (segment: string) => string | undefined,
): string[] {
  const nouns = phrase
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((x) => x.length >= 3 && !PHRASE_NOISE.has(x));
  const out = new Set<string>();
  for (const seg of said.toLowerCase().split(/[.;!?\n]+|,\s*/)) {
    const w = seg.split(/[^a-z0-9]+/);
    if (!nouns.some((n) => w.includes(n)) || !/=|\b(?:is|means?|meant|was)\b/.test(seg)) continue;
    const rest = seg.replace(/^.*?(?:=|\b(?:is|means?|meant|was)\b)/, " ");
    const d = diskIn(rest);
    if (d && twins.includes(d)) out.add(d);
  }
  return [...out];
}
const PHRASE_NOISE = new Set([
  "keep",
  "the",
  "my",
  "dont",
  "don't",
  "touch",
  "leave",
  "alone",
  "spare",
  "protect",
  "one",
  "disk",
  "drive",
  "ssd",
]);

/** The end of the twin question: the next turn's keep of one of them narrows the phrase to it. */
export const TWIN_QUESTION = "Which one do you keep, and which disk should I install onto?";

/**
 * The disks one phrase kept when it fits several and says no plural ("keep the samsung" with two
 * Samsungs), or undefined. `only`: the phrases to look at (this turn's words).
 */
export function twinsOf(
  protections: readonly Protection[],
  disks: readonly Disk[],
  only: (said: string) => boolean = () => true,
): { said: string; disks: string[] } | undefined {
  const bySaid = new Map<string, string[]>();
  for (const p of protections) {
    if (p.kind !== "disk" || !p.said || !only(p.said)) continue;
    bySaid.set(p.said, [...new Set([...(bySaid.get(p.said) ?? []), p.disk])]);
  }
  const hit = [...bySaid.entries()].find(([phrase, d]) => d.length >= 2 && !plural(phrase, d, disks));
  return hit ? { said: hit[0], disks: hit[1] } : undefined;
}

/** The question that asks which of the twins is kept. */
export function twinQuestion(t: { said: string; disks: string[] }, disks: readonly Disk[]): string {
  const named = t.disks.map((path) => {
    const d = disks.find((x) => x.path === path);
    return d ? `${d.path} (${d.model})` : path;
  });
  return `"${t.said}" fits ${named.length} disks: ${named.join(" and ")}. ${named.length === 2 ? "Both stay" : "All of them stay"} for now. ${TWIN_QUESTION}`;
}

/** "keep both samsungs", "keep the samsungs", "keep all of them": the phrase meant every disk it fits. */
function plural(phrase: string, paths: readonly string[], disks: readonly Disk[]): boolean {
  const w = phrase.toLowerCase().split(/[^a-z0-9]+/);
  if (
    w.some((x) =>
      /^(?:both|all|two|three|four|them|these|those|each|every|either|neither|drives|disks|ssds|hdds|nvmes|ones|others|rest|remaining|everything)$/.test(
        x,
      ),
    )
  )
    return true;
  const models = paths.map((p) => disks.find((d) => d.path === p)?.model.toLowerCase() ?? "");
  return w.some((x) => x.length > 3 && x.endsWith("s") && models.some((m) => m.includes(x.slice(0, -1))));
}
