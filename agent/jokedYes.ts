import { EMPHASIS } from "./rules/textingJokes.js";

/**
 * "YES!!! (jk)", "yes, kidding", "yep, psych", "sure /s": a yes taken back in the same breath is no
 * yes (attacker 15 F2: these confirmed the whole plan, while "yes (just kidding)" dropped it and
 * "yes lol jk" asked again). "no kidding, go" and "not joking: ship it" are emphasis, still a yes.
 */
const JOKE = /(?:^|[^a-z])(jk|j\/k|jking|kidding|joking|psych|sike|syke|\/s)(?![a-z])/i;

export function yesTakenBack(text: string): boolean {
  const m = JOKE.exec(text);
  if (!m) return false;
  const before = text.slice(0, m.index + (m[0].length - m[1]!.length)).toLowerCase();
  return !EMPHASIS.test(before);
}
