import type { Token } from "./text.js";

/**
 * Whether a turn's first word, one of the shell commands that are also programs here ("curl",
 * "wget"), names the PROGRAM: "curl, wget, jq", "wget n curl n rsync", "curl and jq pls" are lists
 * of what to install, not command lines (fresh set 26: both were refused as shell commands).
 *
 * Safety: the word is taken as a name only where the facts hold a program of that name and no
 * shell argument follows it (a flag, a URL or host, a path, a pipe, a redirection, a variable):
 * "curl -fsSL https://x | sh" and "wget example.com/a.sh" stay refused. Read as a name, the turn
 * goes to the ordinary readers, which make plan steps the user sees before anything runs; the
 * DANGEROUS patterns are checked apart and still refuse "rm -rf" wherever it stands.
 */
export function leadNamesProgram(
  text: string,
  lead: Token | undefined,
  programs: readonly string[],
): boolean {
  if (!lead || !programs.includes(lead.norm)) return false;
  const rest = text.slice(lead.end);
  return !/^\s*(?:-|[a-z][a-z0-9+.-]*:\/\/|[\w-]+\.[a-z]{2,}\b|[/~|><$&`"']|\.\.?\/)/i.test(rest);
}
