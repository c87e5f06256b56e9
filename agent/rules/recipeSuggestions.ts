import type { Decision } from "../../tools/decision.js";
import type { Ctx } from "./context.js";
import type { Token } from "./text.js";
import { words } from "./tokens.js";
import { RECIPE_KINDS } from "./vocab.js";

/**
 * "is there a better grep?", "something for json?", "do you have a nicer cat?" (retired held-out
 * set, dev13-keep): a question for a program of a kind, or for a better one of a classic command,
 * got "I can't answer that from here". It is answered with the recipe there is for it, and that
 * install is offered — never made, since the person only asked.
 */

/** Classic commands and the recipes that replace them. */
const BETTER_THAN: Record<string, readonly string[]> = {
  grep: ["ripgrep"],
  find: ["fd"],
  cat: ["bat"],
  less: ["bat"],
  ls: ["eza"],
  cd: ["zoxide"],
  top: ["btop", "htop"],
  du: ["dust"],
  diff: ["delta"],
  vim: ["neovim", "helix"],
  vi: ["neovim", "helix"],
  screen: ["tmux"],
};

/** "a better grep", "an alternative to ls", "something like cat": the classic command right after. */
const BETTER =
  /\b(?:better|nicer|faster|modern|prettier|fancier|improved|newer|alternatives?\s+(?:to|for)|replacements?\s+(?:to|for)|substitutes?\s+(?:to|for)|instead\s+of|something\s+like|anything\s+like|version\s+of)\s+(?:the\s+|a\s+|an\s+|plain\s+|old\s+)?([a-z]+)\b/;
/** Words that ask for a program of a kind: "something for json", "is there a text editor". */
const ASKING =
  /\b(?:is\s+there|are\s+there|do\s+you\s+have|have\s+you\s+got|got|any|something\s+(?:for|to)|anything\s+(?:for|to)|a\s+(?:tool|program|app)\s+(?:for|to)|recommend|suggest|good|better|nicer)\b/;

export function suggestRecipe(tokens: readonly Token[], ctx: Ctx): Decision | undefined {
  const { facts } = ctx;
  if (!ctx.allowed.includes("installRecipe") || !facts.recipes.length) return undefined;
  const w = words(tokens);
  const said = w.join(" ");
  // a program asked about by its own name is answered by the other readers
  if (w.some((x) => facts.recipes.includes(x) && !BETTER_THAN[x])) return undefined;
  const classic = BETTER.exec(said)?.[1];
  const kinds =
    classic && BETTER_THAN[classic] ? [classic] : ASKING.test(said) ? w.filter((x) => RECIPE_KINDS[x]) : [];
  if (new Set(kinds).size !== 1) return undefined;
  const kind = kinds[0]!;
  const candidates = (BETTER_THAN[kind] ?? RECIPE_KINDS[kind] ?? []).filter(
    (r) => facts.recipes.includes(r) && r !== kind,
  );
  if (!candidates.length) return undefined;
  const missing = candidates.filter((r) => !facts.installed.includes(r));
  const forWhat = BETTER_THAN[kind] ? `instead of ${kind}` : `for ${kind}`;
  if (!missing.length)
    return {
      reply: `${candidates.join(" and ")} ${candidates.length > 1 ? "are" : "is"} already installed (${forWhat}).`,
    };
  if (missing.length > 1)
    return {
      reply: `There are recipes ${forWhat}: ${missing.join(" and ")}. Say "install ${missing[0]}" for one of them.`,
    };
  const name = missing[0]!;
  return {
    reply: `There is ${name} ${forWhat}. Shall I install ${name}?`,
    offer: { calls: [{ tool: "installRecipe", args: { name } }] },
  };
}
