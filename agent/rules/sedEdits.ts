/**
 * Edits typed as sed: "s/with sudo/without sudo/", "s/ext4/btrfs/g". Read as prose the command
 * was no request ("Go ahead with the plan?") or kept what it replaced (tester 19 D1: the sudo it
 * took away stayed, and a yes ran the plan with it). The substitution is applied to what the person
 * said in the turn before, which is then read again as this turn; where that turn never said the
 * old words, the edit is said as "NEW instead of OLD", which every reader knows.
 */
const SED = /^\s*s([/|#,:])((?:(?!\1).)+)\1((?:(?!\1).)*)\1?[gi]*\s*[.;]?\s*$/;

export function saySedEdits(text: string, lastUser: string | undefined): string {
  const lines = text.split(/\r?\n|;\s*(?=s[/|#,:])/).filter((l) => l.trim());
  if (!lines.length || lines.length > 6) return text;
  const subs = lines.map((l) => SED.exec(l));
  if (subs.some((m) => !m)) return text;
  let before = lastUser;
  const instead: string[] = [];
  for (const m of subs) {
    const from = m![2]!.trim();
    const to = m![3]!.trim();
    const at = before?.toLowerCase().indexOf(from.toLowerCase()) ?? -1;
    if (before !== undefined && at >= 0) before = before.slice(0, at) + to + before.slice(at + from.length);
    else instead.push(to ? `${to} instead of ${from}` : `not ${from}`);
  }
  const applied = before !== undefined && before !== lastUser ? before : "";
  return [applied, ...instead].filter(Boolean).join(". ") || text;
}
