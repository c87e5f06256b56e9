import type { Disk } from "../../facts/schema.js";
import type { Ctx } from "./context.js";
import { otherPointsAtDisk } from "./otherDisk.js";
import type { Token } from "./text.js";

/**
 * "keep the samsung and install on the other" on a machine with two Samsungs (dev h27k-055): the
 * keep covers both (the safe reading), but "the other" is other than ONE disk, and which one the
 * person meant is not said, so the disk it lands on is a guess (it took the blank Crucial, where
 * the person may have meant the second Samsung). When one phrase of this turn kept two or more
 * disks and the install is placed by "other", the answer is a question naming them. Safe: it
 * only asks.
 */
export function otherAfterTwinKeep(
  ctx: Ctx,
  tokens: readonly Token[],
  disks: readonly Disk[],
): string | undefined {
  if (!otherPointsAtDisk(tokens, () => false)) return undefined;
  const said = ctx.conv.user.toLowerCase();
  const bySaid = new Map<string, string[]>();
  for (const p of ctx.conv.protections ?? []) {
    if (p.kind !== "disk" || !p.said || !said.includes(p.said.toLowerCase())) continue;
    bySaid.set(p.said, [...(bySaid.get(p.said) ?? []), p.disk]);
  }
  const twins = [...bySaid.entries()].find(
    ([phrase, d]) => new Set(d).size >= 2 && !plural(phrase, d, disks),
  );
  if (!twins) return undefined;
  const named = [...new Set(twins[1])].map((path) => {
    const d = disks.find((x) => x.path === path);
    return d ? `${d.path} (${d.model})` : path;
  });
  return `"${twins[0]}" fits ${named.length} disks: ${named.join(" and ")}. ${named.length === 2 ? "Both stay" : "All of them stay"} for now. ${TWIN_QUESTION}`;
}

/** "keep both samsungs", "keep the samsungs", "keep all of them": the phrase meant every disk it fits. */
function plural(phrase: string, paths: readonly string[], disks: readonly Disk[]): boolean {
  const w = phrase.toLowerCase().split(/[^a-z0-9]+/);
  if (w.some((x) => /^(?:both|all|two|three|four|them|these|those|each|every|either|neither)$/.test(x)))
    return true;
  const models = paths.map((p) => disks.find((d) => d.path === p)?.model.toLowerCase() ?? "");
  return w.some((x) => x.length > 3 && x.endsWith("s") && models.some((m) => m.includes(x.slice(0, -1))));
}

/** The end of the twin question: the next turn's keep of one of them narrows the phrase to it. */
export const TWIN_QUESTION = "Which one do you keep, and which disk should I install onto?";
