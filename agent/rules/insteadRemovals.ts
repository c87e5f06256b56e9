/**
 * "remove delta, bat instead", "remove delta - bat instead", "remove delta; bat instead" (tester 12
 * D7): two installed programs and an "instead" with no verb of its own. It reads two ways: "remove
 * bat instead of delta" (a correction) or "remove delta, I'll use bat instead" (the one kept). A
 * correction says so ("no, bat instead", "sorry, bat"), a replacement says its verb ("i use bat
 * instead"), and "instead of" says which one is replaced ("remove bat instead of delta": delta
 * stays): those are read as said. Without them the guess removes the program in daily use, so
 * which one goes is asked, and nothing is offered for a "yes" to take.
 */

const REMOVE =
  /\b(?:remove|uninstall|delete|ditch|drop|purge|get\s+rid\s+of|nuke|yeet|rm|axe|dump|bin|trash|scrap|lose|kill|toss|zap)\s+(?:the\s+|my\s+)?([a-z0-9][a-z0-9._+-]*)((?:\s*[,;:.!…]+\s*|\s+[-–—]+\s+)+)(?:the\s+|my\s+)?([a-z0-9][a-z0-9._+-]*)\s+instead\b(?!\s+of)/gi;

/** The two programs an ambiguous "A, B instead" leaves open, when both are installed. */
export function insteadPair(text: string, installed: readonly string[]): [string, string] | undefined {
  for (const m of text.toLowerCase().matchAll(REMOVE)) {
    const a = m[1]!.replace(/\.+$/, "");
    const b = m[3]!;
    if (a !== b && installed.includes(a) && installed.includes(b)) return [a, b];
  }
  return undefined;
}

export function insteadQuestion([a, b]: [string, string]): string {
  return `Remove ${a} and keep ${b}, or remove ${b} instead of ${a}? Say "remove ${a}" or "remove ${b}"; I won't pick one on a guess.`;
}
