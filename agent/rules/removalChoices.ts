import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { describeCall } from "../session/describe.js";
import type { ConversationView, PlanCall } from "../types.js";
import { insteadPair, insteadQuestion } from "./insteadRemovals.js";

/**
 * A list of programs that the same words narrow (tester 7, DANGEROUS 18): "remove bat, fd...
 * actually only bat", "remove the bigger one of vim and neovim", "remove either fd or ripgrep",
 * "remove bat *htop". Every reader took each program named as one to remove, so a choice
 * between two, a retraction and a typed correction all removed both. What the person finally
 * chose is kept; a choice the words leave open is asked, never guessed.
 *
 * - A choice: "either A or B", "A or B" (said as one or the other), "one of A and B", "the
 *   bigger/smaller/older/... one of", "whichever": none of them is removed; the reply asks which.
 * - "only"/"just" after a list, as a correction ("actually only bat", "no wait, just fd"): the
 *   programs named before it and not after it go out of the decision.
 * - "*htop" right after a program: the chat habit of correcting the word before it; that word's
 *   call goes.
 * Installs are narrowed the same way ("add vim *htop" installs htop); only removals are asked.
 */

type Named = Extract<PlanCall, { tool: "removeRecipe" | "installRecipe" }>;
const isRecipe = (c: PlanCall): c is Named => c.tool === "removeRecipe" || c.tool === "installRecipe";

const CHOICE =
  /\b(?:either|whichever|which ever|one of(?: them| the two| those)?|(?:bigger|smaller|larger|biggest|smallest|largest|older|newer|oldest|newest|heavier|lighter|slower|faster|worse|better|less used|unused) one|(?:the )?(?:one|whichever) (?:i|you) (?:think|pick|choose|like))\b/;
const CORRECTION_LEAD =
  /\b(?:actually|no wait|wait|sorry|i mean|i meant|correction|scratch that|make that|rather)\b/;

function words(text: string): string[] {
  // "fd...", "bat.": a dot that ends a word is punctuation
  return (text.toLowerCase().match(/\*?[a-z0-9][a-z0-9._+-]*/g) ?? []).map((x) => x.replace(/\.+$/, ""));
}

/** Sentences of the text, split where a choice cannot reach across. */
function sentences(text: string): string[] {
  return text.split(/[.;!?\n]+(?:\s|$)/).filter((s) => s.trim());
}

/** The names a sentence offers as one choice ("either fd or ripgrep", "the bigger one of vim and neovim"). */
function choiceIn(sentence: string, names: readonly string[]): string[] {
  const s = sentence.toLowerCase();
  const w = words(s);
  const named = names.filter((n) => w.includes(n));
  if (named.length < 2) return [];
  // "and dont touch tmux either": a closing "either" is "too", no choice
  if (CHOICE.test(s.replace(/\beither\s*(?=[,.;!?]|$)/g, ""))) return named;
  // "remove fd or ripgrep": two programs joined by "or" and nothing else
  for (let i = 1; i + 1 < w.length; i++)
    if (w[i] === "or" && named.includes(w[i - 1]!) && named.includes(w[i + 1]!)) return named;
  return [];
}

export function screenRemovalChoices(decision: Decision, conv: ConversationView, facts: Facts): Decision {
  // "remove curl or wget, whichever is older" offered both: a "yes" would take both
  if ("reply" in decision && decision.offer) {
    const asked = screenRemovalChoices({ calls: decision.offer.calls }, conv, facts);
    if (!("reply" in asked))
      return "calls" in asked ? { ...decision, offer: { calls: asked.calls } } : decision;
    return asked.offer ? asked : { reply: asked.reply };
  }
  if (!("calls" in decision)) return decision;
  const calls = decision.calls as PlanCall[];
  const recipes = calls.filter(isRecipe);
  if (!recipes.length) return decision;
  // "remove delta, bat instead": which one goes is asked (agent/rules/insteadRemovals.ts)
  const pair = insteadPair(conv.user, facts.installed);
  if (pair && recipes.some((c) => c.tool === "removeRecipe" && pair.includes(c.args.name))) {
    const rest = calls.filter((c) => !(isRecipe(c) && pair.includes(c.args.name)));
    return rest.length
      ? ({
          reply: `${insteadQuestion(pair)} Shall I ${rest.map((c) => describeCall(c, facts)).join(", ")} meanwhile?`,
          offer: { calls: rest },
        } as Decision)
      : { reply: insteadQuestion(pair) };
  }
  const names = [...new Set(recipes.map((c) => c.args.name))];
  const text = conv.user;
  const w = words(text);
  const drop = new Set<string>();

  // "remove bat *htop": the word before the starred one was the slip
  w.forEach((x, i) => {
    if (!x.startsWith("*") || i === 0) return;
    const fixed = x.slice(1);
    const before = w[i - 1]!.replace(/^\*/, "");
    if (names.includes(fixed) && names.includes(before) && before !== fixed) drop.add(before);
  });

  // "remove bat, fd... actually only bat": the list after the last corrected "only"
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(/\b(?:only|just)\b/g)) {
    const before = lower.slice(0, m.index);
    const after = words(lower.slice(m.index + m[0].length));
    const kept = names.filter((n) => after.includes(n));
    const earlier = names.filter((n) => words(before).includes(n) && !kept.includes(n));
    // a correction: led by "actually"/"wait"/"sorry", or after a list that already named others
    const corrected =
      CORRECTION_LEAD.test(before.slice(-40)) || /[.,;]\s*$|\.\.\.\s*\w*\s*$/.test(before.trimEnd());
    if (kept.length && earlier.length && corrected) for (const n of earlier) drop.add(n);
  }

  // "either fd or ripgrep", "the bigger one of vim and neovim": removal asked, never guessed
  const removing = recipes.filter((c) => c.tool === "removeRecipe").map((c) => c.args.name);
  const open = new Set<string>();
  // "whichever of fd and bat i dont use" read as "remove fd": the choice is the words', whatever
  // a reader took from them, so the installed programs it names count too (tester 12 D6)
  const offeredNames = [...new Set([...removing, ...facts.installed])];
  for (const s of sentences(text)) {
    const choice = choiceIn(s, offeredNames);
    if (choice.some((n) => removing.includes(n))) for (const n of choice) if (!drop.has(n)) open.add(n);
  }

  if (!drop.size && open.size < 2) return decision;
  const kept = calls.filter((c) => !(isRecipe(c) && (drop.has(c.args.name) || open.has(c.args.name))));
  // what is left is said once ("remove bat, fd... actually only bat" named bat twice)
  const narrowed = calls.filter(
    (c, i) =>
      !(isRecipe(c) && drop.has(c.args.name)) &&
      calls.findIndex((d) => JSON.stringify(d) === JSON.stringify(c)) === i,
  );
  if (open.size < 2) return kept.length ? ({ calls: narrowed } as Decision) : decision;
  const choice = [...open];
  const ask = `Which one should I remove: ${choice.slice(0, -1).join(", ")} or ${choice.at(-1)}? Say "remove ${choice[0]}"${choice.length > 2 ? "" : ` or "remove ${choice[1]}"`}; I won't pick one on a guess.`;
  return kept.length
    ? ({
        reply: `${ask} Shall I ${kept.map((c) => describeCall(c, facts)).join(", ")} meanwhile?`,
        offer: { calls: kept },
      } as Decision)
    : { reply: ask };
}
