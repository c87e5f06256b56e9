import type { Decision, ModelToolCall } from "../../tools/decision.js";
import { INSTALL_VERBS } from "../rules/vocab.js";

/**
 * A program the same words refuse is not installed: "add jq, no btop, btop is naughty" planned jq
 * AND btop, and showed "kept: btop" beside it (tester 17 W4). A negated request never becomes the
 * action it negates (issue 14). A name right after a refusal word ("no btop", "not vim", "skip
 * fd", "without eza") is refused, unless a later mention asks for it again with an install word
 * ("no btop... actually add btop"). Only installs are screened here: removals, erases and sudo
 * have their own readers (negatedCalls.ts, the safety gates).
 */
const REFUSING = new Set([
  "no",
  "not",
  "without",
  "skip",
  "sans",
  "never",
  "nor",
  "minus",
  "excluding",
  "w/o",
  "neither",
]);
const ASKING = new Set([...INSTALL_VERBS, "yes", "also", "plus", "and"]);

function words(text: string): string[] {
  return [...text.toLowerCase().matchAll(/w\/o|[\p{L}\p{N}_+.-]+|[,;:!?()]/gu)].map((m) =>
    m[0].replace(/\.+$/, ""),
  );
}

/** The refusing words before `name`, when the last mention of it refuses it; else undefined. */
function refusal(w: readonly string[], name: string): string | undefined {
  let said: string | undefined;
  for (let i = 0; i < w.length; i++) {
    if (w[i] !== name) continue;
    const before = w[i - 1] ?? "";
    if (REFUSING.has(before)) said = `${before} ${name}`;
    else if (said) {
      // a later mention that asks again, in its own clause ("..., actually add btop")
      for (let j = i - 1; j >= 0 && !/^[,;:.!?()]$/.test(w[j]!); j--)
        if (ASKING.has(w[j]!) && w[j] !== "and") {
          said = undefined;
          break;
        }
    }
  }
  return said;
}

export function screenRefusedInstall(decision: Decision, text: string): Decision {
  const calls: readonly ModelToolCall[] =
    "calls" in decision ? decision.calls : "reply" in decision && decision.offer ? decision.offer.calls : [];
  if (!calls.some((c) => c.tool === "installRecipe")) return decision;
  const w = words(text);
  const why: string[] = [];
  const left = calls.filter((c) => {
    if (c.tool !== "installRecipe") return true;
    const said = refusal(w, c.args.name.toLowerCase());
    if (said) why.push(`You said "${said}", so I did not add ${c.args.name}.`);
    return !said;
  });
  if (!why.length) return decision;
  if ("calls" in decision) return left.length ? { calls: [...left] } : { reply: why.join(" ") };
  // an offer all of whose installs the words refused asks nothing any more
  if (!left.length) return { reply: why.join(" ") };
  const reply = "reply" in decision ? decision.reply : "";
  return { reply: `${why.join(" ")} ${reply}`.trim(), offer: { calls: [...left] } };
}

/**
 * The planned installs these words refuse ("hmm no steam. ext4 instead", "2g swap and no vlc"):
 * tester 28 F29, where the refusal beside another change was read as a keep of the program and the
 * confirmed plan installed it. Dropping a planned install only makes the plan do less, and the
 * turn's report names it, so this reading errs on the safe side.
 */
export function refusedPlannedInstalls<C extends { tool: string; args: unknown }>(
  text: string,
  pending: readonly C[],
): C[] {
  const w = words(text);
  return pending.filter((c) => {
    if (c.tool !== "installRecipe") return false;
    const name = (c.args as { name?: unknown }).name;
    return typeof name === "string" && refusal(w, name.toLowerCase()) !== undefined;
  });
}
