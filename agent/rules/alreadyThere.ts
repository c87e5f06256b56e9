/**
 * A request the user takes back in the same breath because the program is already there: "install
 * btop... eh it's there. install htop", "i need lazygit... oh it's there. starship? also there. ok
 * zoxide", "add ripgrep... oh wait it's already there. then btop". The request before the remark
 * goes with the remark; what follows keeps the verb of the request taken back ("so fd and dust"
 * installs them), so no clause of the turn is lost and none is read twice.
 *
 * Only a request for programs is taken back this way: a disk, a user or a setting is never "already
 * there", and a remark without a request before it ("tmux? it's there already") changes nothing.
 */

/** The remark: "oh it's there", "eh it's already installed", "also there", "wait, that's in already". */
const REMARK =
  /(?:\b(?:oh|eh|er|erm|um|uh|hmm|ah|wait|nvm|never\s*mind)\b[\s,]*)*\b(?:it'?s|its|it\s+is|that'?s|thats|that\s+is|they'?re|those\s+are|also|already)(?:\s+(?:already|also))?\s+(?:there|installed|in)(?:\s+already)?\b(?=\s*(?:[.!,;…]|$))[\s.!,;]*/gi;

/** Where a clause starts: the text's start or the end of a sentence or an ellipsis. */
const CLAUSE_END = /(?:\.{2,}|…|[.!?;])\s*/g;

const INSTALL = /\b(?:add|install|need|want|get|grab|put|chuck|throw)\b/i;
const OTHER_THING =
  /\b(?:disk|drive|ssd|nvme|sd[a-z]|vd[a-z]|user|account|sudo|keyboard|timezone|hostname|language|space)\b/i;
/** How the next request starts when it leans on the one taken back: "then btop", "so fd and dust". */
const LEANS = /^\s*(?:then|so|ok(?:ay)?|instead|just|and)\b[\s,]*/i;

export function withoutAlreadyThere(text: string): string {
  if (!/\b(?:there|installed|in)\b/i.test(text)) return text;
  let out = text;
  let verb: string | undefined;
  for (let guard = 0; guard < 4; guard++) {
    const m = [...out.matchAll(REMARK)].find((r) => remarkStarts(out, r.index));
    if (!m) break;
    const before = out.slice(0, m.index);
    const starts = [0, ...[...before.matchAll(CLAUSE_END)].map((c) => c.index + c[0].length)].filter(
      (s) => s < before.length,
    );
    // the request is the clause before the remark's own clause start
    const ownStart = starts.at(-1) ?? 0;
    const requestStart = before.slice(ownStart).trim() ? ownStart : (starts.at(-2) ?? 0);
    const request = out.slice(requestStart, m.index);
    if (!request.trim() || OTHER_THING.test(request)) break;
    const said = INSTALL.exec(request)?.[0];
    // a bare name with a question mark ("starship?") asks the same thing as the request before it
    if (!said && (verb === undefined || !/^\s*[a-z0-9][a-z0-9+._-]*\s*\?/i.test(request))) break;
    verb ??= said && /^(?:add|install)$/i.test(said) ? said : "install";
    const after = out.slice(m.index + m[0].length);
    out = out.slice(0, requestStart) + after;
  }
  if (out === text) return text;
  // what is left leans on the verb taken back: "then btop" installs btop
  const rest = out.replace(/^[\s,.;!?]+/, "");
  return LEANS.test(rest) ? rest.replace(LEANS, `${verb} `) : rest;
}

/** The remark stands at a clause's start (after "...", ". ", ", "), never inside a request. */
function remarkStarts(text: string, at: number): boolean {
  return /(?:^|\.{2,}|…|[.!?;,])\s*$/.test(text.slice(0, at));
}
