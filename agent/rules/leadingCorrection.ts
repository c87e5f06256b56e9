import type { Facts } from "../../facts/schema.js";
import { CHANGE_VERBS } from "./hostname.js";
import { DISK_ATTRIBUTES } from "./layoutArgs.js";
import { recipeOf } from "./recipes.js";
import type { Token } from "./text.js";
import { CORRECTION_WORDS, SUDO_WORDS } from "./vocab.js";

/**
 * A turn's leading "no wait", "actually", "hmm", "ok": taken off, the rest is parsed as a request;
 * `correction` says the turn started as a correction. What a leading "no" quantifies ("no sudo
 * for vince", "no vim pls", "no swap, nvme") stays: it refuses, it corrects nothing.
 */
export function withoutLeadingCorrection(
  start: Token[],
  facts: Facts,
): { tokens: Token[]; correction: boolean } {
  let tokens = start;
  let correction = false;
  while (
    tokens.length &&
    // "instead of the hdd use the 980": "instead of" starts an exclusion, not a correction
    ((CORRECTION_WORDS.has(tokens[0]!.norm) &&
      !CHANGE_VERBS.has(tokens[0]!.norm) &&
      !(tokens[0]!.norm === "instead" && tokens[1]?.norm === "of")) ||
      tokens[0]!.kind === "punct" ||
      // "no wait, …" corrects; "no sudo for vince" refuses: "no" before what it quantifies stays
      // "no swap, nvme" refuses the swap: a layout word after "no" is what it quantifies too
      (tokens[0]!.norm === "no" &&
        tokens.length > 2 &&
        !SUDO_WORDS.has(tokens[1]!.norm) &&
        // "no vim pls, just neovim": a program after "no" is refused, not a correction's start
        !recipeOf(tokens[1]!, [...facts.recipes, ...facts.installed]) &&
        !DISK_ATTRIBUTES.has(tokens[1]!.norm)) ||
      tokens[0]!.norm === "ok" ||
      tokens[0]!.norm === "okay")
  ) {
    if (tokens[0]!.norm !== "ok" && tokens[0]!.norm !== "okay") correction = true;
    tokens = tokens.slice(1);
  }
  return { tokens, correction };
}
