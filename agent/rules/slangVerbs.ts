/**
 * Install and removal verbs of everyday British and Australian speech (tester 8, W2): "chuck
 * ripgrep, fd and bat on", "stick ripgrep on", "whack ripgrep fd bat on" install every program of
 * their list (the first one had been dropped, read as the verb's object); "get shot of firefox",
 * "chuck out neovim", "throw tmux out" remove ("get shot of firefox" had installed it). Only a list
 * of programs is restated: "put it on sdb" and "chuck it on the nvme" place an install.
 */

const NAME = "[a-z0-9][a-z0-9._+-]*";
const JOIN = "(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*[&+]\\s*|\\s+)";
const LIST = `((?:the\\s+)?${NAME}(?:${JOIN}${NAME})*)`;
const PUT = "(?:chuck|stick|whack|bung|pop|slap|throw|put|shove)";

/** "chuck on ripgrep, fd and bat" */
const PUT_ON_FIRST = new RegExp(
  `\\b${PUT}\\s+(?:on|in)\\s+${LIST}(?=\\s*(?:$|[.;!?]|,?\\s+(?:please|pls|cheers|ta|thanks|mate|for\\s+me)\\b))`,
  "gi",
);
/** "chuck ripgrep, fd and bat on", "stick ripgrep in" */
const PUT_ON_LAST = new RegExp(
  `\\b${PUT}\\s+${LIST}\\s+(?:on|in)(?=\\s*(?:$|[,.;!?]|\\s+(?:please|pls|cheers|ta|thanks|mate|for\\s+me|too|as\\s+well)\\b))`,
  "gi",
);
/** "get shot of firefox", "chuck out neovim", "throw out the tmux" */
const OUT_FIRST = new RegExp(
  `\\b(?:get\\s+shot\\s+of|chuck\\s+out|throw\\s+out|toss\\s+out|kick\\s+out|bin\\s+off|get\\s+rid\\s+of)\\s+${LIST}`,
  "gi",
);
/** "chuck neovim out", "throw tmux away" */
const OUT_LAST = new RegExp(`\\b(?:chuck|throw|toss|kick|bin)\\s+${LIST}\\s+(?:out|away)\\b`, "gi");

function names(list: string): string[] {
  return list
    .toLowerCase()
    .replace(/^the\s+/, "")
    .split(new RegExp(JOIN))
    .filter(Boolean);
}

/** "chuck ripgrep, fd and bat on" → "install ripgrep, fd and bat"; "get shot of firefox" → "remove firefox". */
export function restateSlangVerbs(text: string, programs: ReadonlySet<string>): string {
  const every = (list: string) => {
    const n = names(list);
    return n.length > 0 && n.every((x) => programs.has(x));
  };
  let out = text;
  for (const re of [PUT_ON_FIRST, PUT_ON_LAST])
    out = out.replace(re, (whole, list: string) => (every(list) ? `install ${list}` : whole));
  for (const re of [OUT_FIRST, OUT_LAST])
    out = out.replace(re, (whole, list: string) => (every(list) ? `remove ${list}` : whole));
  return out;
}
