/**
 * A program's name inside a longer product name: "remove git hub desktop", "remove the git gui",
 * "uninstall git lfs". Read word by word, "git" stood alone and git was removed (tester 9 D7). A
 * name followed by a word that makes another product is said as that product's one name
 * ("git-gui", "git-hub-desktop"), which is a recipe when there is one and otherwise gets "no recipe
 * named …" with the names there are: never the shorter program.
 */

import { escapeRegex } from "./text.js";

const PART =
  "(?:gui|desktop|hub|lfs|cola|client|server|daemon|plugin|plugins|extension|extensions|extras|docs|doc|tools|app|applet|lite|studio|kraken)";

export function sayCompoundNames(raw: string, programs: ReadonlySet<string>): string {
  const names = [...programs].filter((p) => p.length > 1);
  if (!names.length) return raw;
  const re = new RegExp(`\\b(${names.map(escapeRegex).join("|")})((?:[ -]+${PART}\\b)+)(?![-\\w])`, "gi");
  return raw.replace(
    re,
    (_m, name: string, rest: string) =>
      `${name}-${rest
        .trim()
        .split(/[\s-]+/)
        .join("-")}`,
  );
}
