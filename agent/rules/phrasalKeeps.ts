import type { Facts } from "../../facts/schema.js";
import { escapeRegex } from "./text.js";

/**
 * Keeps said with a phrasal verb the readers do not know ("hold on to git", "hang onto sda",
 * "cling to windows", "keep hold of fd", "I won't part with git"): attacker 9 H4. Unread, the name
 * after them took the removal verb of the clause before ("remove fd, hold on to git" removed git).
 * They are restated as "keep", the word every reader knows. "stick with/to" and a bare "hold" also
 * choose things ("stick with ext4"), so they keep only a program that is installed.
 */

const PHRASAL =
  /\b(?:hold(?:ing)?\s+on(?:\s+to|to)|hang(?:ing)?\s+on(?:\s+to|to)|keep(?:ing)?\s+(?:a\s+)?hold\s+of|cling(?:ing)?\s+(?:on\s*)?to|hold(?:ing)?\s+fast\s+to|(?:(?:do\s+)?not|never|won'?t|wont|don'?t|dont|will\s+not|can'?t|cannot)\s+part\s+with|hold\s+tight\s+(?:to|onto))\b/gi;

export function sayPhrasalKeeps(text: string, facts: Facts): string {
  let out = text.replace(PHRASAL, "keep");
  const installed = facts.installed.filter((p) => p.length > 1);
  if (!installed.length) return out;
  const have = `(?:${installed.map(escapeRegex).join("|")})`;
  // "remove fd, stick with git", "hold git": only an installed program is kept this way
  out = out.replace(
    new RegExp(`\\b(?:stick(?:ing)?\\s+(?:with|to)|hold)\\s+((?:(?:the|my)\\s+)?${have})(?![a-z0-9-])`, "gi"),
    (_m, name: string) => `keep ${name}`,
  );
  return out;
}
