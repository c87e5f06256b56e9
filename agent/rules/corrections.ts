/**
 * A removal corrected in the same breath (tester5 WRONG 6): "remove htop and ripgrep, no wait keep
 * ripgrep" still removes htop and keeps ripgrep (the whole request had been dropped); "remove htop
 * tmux, jk keep both" and "remove neovim, wait, no, i need it" keep everything they named. The
 * sentence is restated as what is left of the request and what is kept ("remove htop, keep
 * ripgrep"), so every reader after it sees one meaning.
 */

const TURN_WORD =
  "(?:no+|wait|actually|jk|j/k|just\\s+kidding|sorry|oops|hmm+|scratch\\s+that|on\\s+second\\s+thought|nvm|never\\s*mind)";
const CORRECTED = new RegExp(
  `^(.*?\\b(?:remove|uninstall|delete|purge|drop|ditch|get\\s+rid\\s+of)\\s+)(.+?)[\\s,.;!]+(?:${TURN_WORD}[\\s,.;!]+)+(?:(?:but|please|pls)\\s+)?(?:keep|leave|not|i\\s+(?:still\\s+)?need|i\\s+use|spare|except)\\s+(.+?)(?:\\s+(?:alone|please|pls|after\\s+all|installed))?\\s*[.!]*$`,
  "i",
);

const REQUEST =
  /^(?:install|uninstall|remove|add|delete|purge|drop|use|create|set|make|get|put|wipe|erase|meant|mean)$/;

function names(list: string): string[] {
  return list
    .split(/\s*(?:,|\band\b|&|\+|\s)\s*/i)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w && !/^(?:the|my|too|also|then)$/.test(w));
}

function joinNames(list: readonly string[]): string {
  return list.length < 2 ? list.join("") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}

/** "remove htop and ripgrep, no wait keep ripgrep" → "remove htop, keep ripgrep"; else unchanged. */
export function restateCorrection(text: string, programs: ReadonlySet<string> = new Set()): string {
  const m = CORRECTED.exec(text);
  if (!m) return text;
  const asked = names(m[2]!);
  const said = names(m[3]!);
  if (!asked.length) return text;
  // "keep vim, uninstall tmux": a request after the keep is read as said, by the readers after this
  if (said.some((w) => REQUEST.test(w))) return text;
  // "actually not ripgrep, fd", "not git, i meant lazygit": another program named is a replacement
  if (said.some((w) => programs.has(w) && !asked.includes(w))) return text;
  const all = said.some((w) => /^(?:both|all|them|it|that|those|everything)$/.test(w));
  const kept = all ? asked : asked.filter((n) => said.includes(n));
  if (!kept.length) return text;
  const left = asked.filter((n) => !kept.includes(n));
  return left.length ? `${m[1]}${joinNames(left)}, keep ${joinNames(kept)}` : `keep ${joinNames(kept)}`;
}
