/**
 * A program's name inside a longer product name: "remove git hub desktop", "remove the git gui",
 * "uninstall git lfs", "remove git-cola", "the vim plug". Read word by word, "git" stood alone and
 * git was removed (tester 9 D7). A name followed by a word that makes another product is said as
 * that product's one name ("git-gui", "git-hub-desktop"), which is a recipe when there is one and
 * otherwise gets "no recipe named …" with the names there are: never the shorter program.
 *
 * The other way round, a program's name typed in two pieces ("neo vim", "lazy git", "rip-grep"):
 * read word by word, the last piece ("vim", "git") named another program and that one was removed
 * (retired held-out set, dev13 "typo removes git", dev13-mixed "typo removes vim"). Pieces that
 * make a program's name together are said as that name.
 */

import { escapeRegex } from "./text.js";

const PART =
  "(?:gui|desktop|hub|lfs|cola|client|server|daemon|plugin|plugins|plug|extension|extensions|extras|docs|doc|tools|app|applet|lite|studio|kraken|qt|gtk|gnome|kde|config|configs|dotfiles|theme|themes|addon|addons|module|modules|integration|completions?|wrapper|bindings|mode|flow|crypt|secret|filter-repo|annex|sizer)";

export function sayCompoundNames(raw: string, programs: ReadonlySet<string>): string {
  const names = [...programs].filter((p) => p.length > 1);
  if (!names.length) return raw;
  const joined = joinPieces(raw, names);
  const re = new RegExp(`\\b(${names.map(escapeRegex).join("|")})((?:[ -]+${PART}\\b)+)(?![-\\w])`, "gi");
  return joined.replace(re, (whole, name: string, rest: string) => {
    const full = `${name}-${rest
      .trim()
      .split(/[\s-]+/)
      .filter(Boolean)
      .join("-")}`;
    // a recipe of that spelling is that recipe ("git-lfs" where there is one)
    return programs.has(full.toLowerCase()) ? full : programs.has(whole.toLowerCase()) ? whole : full;
  });
}

/**
 * "neo vim" → "neovim", "lazy-git" → "lazygit": two pieces of two letters or more that together
 * spell a program's name, when the pieces as typed are not a program ("git-cola" stays). A name of
 * five letters or more, so that two short words never join by chance.
 */
function joinPieces(raw: string, names: readonly string[]): string {
  const long = names.filter((n) => n.length >= 5 && /^[a-z0-9]+$/.test(n));
  if (!long.length) return raw;
  const pair = /\b([A-Za-z][A-Za-z0-9]+)( +|-)([A-Za-z0-9]{2,})\b(?![-'’][A-Za-z])/y;
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const wordStart = i === 0 || !/[A-Za-z0-9]/.test(raw[i - 1]!);
    pair.lastIndex = i;
    const m = wordStart ? pair.exec(raw) : null;
    if (m) {
      const [whole, a, , b] = m as unknown as [string, string, string, string];
      const one = `${a}${b}`.toLowerCase();
      if (long.includes(one) && !names.includes(a.toLowerCase()) && !names.includes(whole.toLowerCase())) {
        out += one;
        i += whole.length;
        continue;
      }
    }
    out += raw[i];
    i++;
  }
  return out;
}
