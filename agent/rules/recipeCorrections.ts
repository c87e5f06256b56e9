/**
 * A program's name corrected in the same breath, without the commas the readers looked for
 * (tester 8, D5): "uninstall htop sorry btop", "remove git sry lazygit", "remove git oops lazygit",
 * "remove git er lazygit", "remove git - lazygit rather". Each read as a list, so the program taken
 * back was removed too. The correction replaces the name before it: "remove lazygit". A name
 * after the correction that adds rather than replaces ("htop, sorry, btop too") leaves both.
 */

import { insteadPair } from "./insteadRemovals.js";

const NAME = "([a-z0-9][a-z0-9._+-]*)";
/** Words that take back the name just said. "no" only with a comma after it ("git, no, lazygit"). */
const TAKE_BACK =
  "(?:sorry|srry|sry|soz|oopsie|oops|whoops|woops|erm|err|er|i\\s+mean|i\\s+meant|meant|actually|or\\s+rather|rather|make\\s+that|no\\s+wait|wait|correction|(?:no|nope|nah)(?=\\s*,))";
const SEP = "(?:\\s*[,.…!:]+\\s*|\\s+[-–—]+\\s+|\\s+)";
/** A second name that adds to the first: "htop, sorry, btop too". */
const ADDS = /^\s*(?:too|also|as\s+well|aswell|and\s+also|aswell)\b/i;

const SAID_AGAIN = new RegExp(
  `(?<![a-z0-9._+-])${NAME}${SEP}(?:${TAKE_BACK}${SEP})+(?:the\\s+)?${NAME}(?![a-z0-9._+-])`,
  "gi",
);
/** "git - lazygit", "git - lazygit rather", "git, lazygit instead": the dash or the trailing word corrects. */
const DASHED = new RegExp(
  `(?<![a-z0-9._+-]|[-–—]\\s)${NAME}\\s+[-–—]+\\s+${NAME}(?![a-z0-9._+-])(?!\\s+[-–—])`,
  "gi",
);
const TRAILING = new RegExp(`(?<![a-z0-9._+-])${NAME}\\s*,\\s*${NAME}\\s+(?:rather|instead)\\b`, "gi");

/** "remove git sry lazygit" → "remove lazygit"; words without such a correction come back unchanged. */
export function restateRecipeCorrections(text: string, programs: ReadonlySet<string>): string {
  const replace = (re: RegExp, s: string) =>
    s.replace(re, (whole, first: string, second: string, at: number, all: string) => {
      const a = first.toLowerCase();
      const b = second.toLowerCase();
      if (a === b || !programs.has(a) || !programs.has(b)) return whole;
      if (ADDS.test(all.slice(at + whole.length))) return whole;
      // "remove delta, bat instead": which one goes is asked, never guessed (agent/rules/insteadRemovals.ts)
      if (re !== SAID_AGAIN && insteadPair(all, [...programs])) return whole;
      // "not git, i meant lazygit": the name before is refused already; "not lazygit" would invert it
      if (/\b(?:not|no|dont|don't|never|without)\s*$/i.test(all.slice(0, at))) return whole;
      return second;
    });
  let out = text;
  for (const re of [SAID_AGAIN, DASHED, TRAILING]) out = replace(re, out);
  return out;
}
