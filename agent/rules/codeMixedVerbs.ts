import type { Facts } from "../../facts/schema.js";
import { escapeRegex } from "./text.js";

/**
 * "neovim remove pannu", "htop uninstall karo", "bat, fd rendum remove pannu", "helix install
 * kar do": the English verb said inside a verb-final language (Tamil, Hindi, Telugu, Bengali,
 * Kannada), after its object and before the language's own "do" (a light verb: pannu, karo,
 * cheyyi, koro, maadi). The readers want the verb before the program: after it, "neovim remove"
 * read as talk about a removal, and the removal was refused as a keep. Said plainly: "remove
 * neovim", "remove bat, fd". Only where a light verb closes the phrase and the object is a program
 * the facts name, so English word order ("git remove? no") is left as typed.
 */
const LIGHT =
  "(?:pannu(?:nga|ga|ngal)?|panni(?:du|dunga|runga)?|pannidu|karo|kardo|kar\\s+do|kar\\s+dijiye|kar\\s+dena|karna|kariye|kijiye|karein|karen|karde|kar\\s+de|cheyyi|cheyyandi|cheyandi|cheyu|cheyyu|koro|kore\\s+dao|kore\\s+din|korun|maadi|madi|maadu)";
/** "both", "all" in the same languages, between the list and the verb. */
const ALL = "(?:rendum|rendu|moonum|ellam|ellaam|dono|donon|teeno|sab|sabhi|renditi|duto|dutoi|eradu)";
const VERBS = "(remove|uninstall|delete|purge|drop|install|add|keep|update)";

export function sayCodeMixedVerbs(text: string, facts: Facts): string {
  const names = [...new Set([...facts.installed, ...facts.recipes])].filter((p) => p.length > 1);
  if (!names.length) return text;
  const name = `(?:${names
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join("|")})`;
  const list = `(${name}(?:\\s*(?:,|&|\\+|\\band\\b)\\s*${name})*)`;
  return text.replace(
    new RegExp(`\\b${list}\\s+(?:${ALL}\\s+)?${VERBS}\\s+${LIGHT}\\b`, "gi"),
    (_m, l: string, verb: string) => `${verb.toLowerCase()} ${l}`,
  );
}
