/**
 * Part of a request taken back in the same breath, as people type it (tester 9 D6, D7): "remove
 * git (kidding) and htop", "remove fd + git (jk)", "add max with sudo jk", "... with sudo but not
 * really", "remove firefox bat and git. scratch git", and a program the request's own reason keeps:
 * "uninstall htop n fd, git is needed", "remove fd and htop but git is sacred". Read before, the
 * program taken back was removed and the sudo taken back was given. Here the words taken back are
 * said as what they mean before any reader sees them: the item goes from its list, the grant goes,
 * and a program a reason keeps is said as kept ("keep git").
 */

import { escapeRegex } from "./text.js";

const JOKE = "(?:kidding|just kidding|jk|j/k|joking|jking|lol jk|not really|nah)";
const PRIV = "(?:sudo|admin(?: rights)?|administrator|root(?: access)?)";
const REMOVAL = /\b(?:remove|uninstall|delete|purge|drop|bin|ditch|get rid of|nuke|rm)\b/i;
const NEEDED =
  "(?:needed|required|sacred|essential|important|necessary|staying|a must|off limits|untouchable)";

/** Joiners left dangling where an item was taken out: "remove and htop", "remove fd +". */
function tidy(text: string): string {
  return text
    .replace(/\b(remove|uninstall|delete|purge|install|add)\s+(?:and|n|&|\+|,)\s+/gi, "$1 ")
    .replace(/\s*(?:,|\+|&|\band\b|\bn\b)\s*(?=[.!?;]|$)/gi, "")
    .replace(/\s*(?:,|\+|&|\band\b)\s*(?:,|\+|&|\band\b)\s*/gi, " and ")
    .replace(/\s+([.,;!?])/g, "$1")
    .replace(/([.;!?])\s*\./g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
}

export function sayRetractions(raw: string, programs: ReadonlySet<string>): string {
  let text = raw;
  // "with sudo (kidding)", "with sudo jk", "w/ sudo but not really": the grant taken back
  text = text.replace(
    new RegExp(
      String.raw`\s*\b(?:with|w/|w)\s+${PRIV}\s*(?:\(\s*${JOKE}\s*\)|,?\s*(?:but\s+)?${JOKE}\b)`,
      "gi",
    ),
    "",
  );
  const names = [...programs].filter((p) => p.length > 1);
  if (!names.length) return text === raw ? raw : tidy(text);
  const item = `(${names.map(escapeRegex).join("|")})`;
  // "git (kidding)", "git (jk)": the item taken back goes from its list
  text = text.replace(new RegExp(String.raw`\b${item}\s*\(\s*${JOKE}\s*\)`, "gi"), "");
  // "remove firefox bat and git. scratch git": a later sentence takes an earlier item back
  const scratch = new RegExp(
    String.raw`([.;!]|\n)\s*(?:scratch|strike|forget|minus|skip|not)\s+${item}\s*[.!]*\s*$`,
    "i",
  );
  const s = scratch.exec(text);
  if (s) {
    const before = text.slice(0, s.index);
    const one = new RegExp(String.raw`\b${escapeRegex(s[2]!)}\b`, "i");
    if (REMOVAL.test(before) && one.test(before)) text = before.replace(one, "");
  }
  // "uninstall htop n fd, git is needed", "(git is needed)", "but git is sacred": a reason that keeps
  if (REMOVAL.test(text))
    text = text.replace(
      new RegExp(
        String.raw`\(?\s*(?:but\s+)?${item}\s+(?:is|'s|’s|are)\s+(?:still\s+|really\s+)?${NEEDED}\b[^.,;!?()]*\)?`,
        "gi",
      ),
      (_m: string, p: string, at: number, whole: string) =>
        `${/[.;!?]\s*$/.test(whole.slice(0, at)) ? " " : ". "}keep ${p}`,
    );
  return text === raw ? raw : tidy(text);
}
