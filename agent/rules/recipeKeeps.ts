import type { Facts } from "../../facts/schema.js";
import { escapeRegex } from "./text.js";

/**
 * A program's fate said with "gone", "stay" or "need" rather than a verb the readers know
 * (retired held-out set, dev13-keep): "I only want lazygit gone" planned an install of lazygit,
 * "the fzf, jq, zoxide must stay" installed fzf and jq, and "undo, I still need it" after "remove
 * starship" installed starship. Each is restated in the words every reader knows: "remove
 * lazygit", "keep fzf, jq, zoxide", "keep it". Only programs installed are kept: "I need jq" with
 * jq not installed asks for it.
 */

const GONE =
  "(?:gone|out|off\\s+(?:the|my|this)\\s+(?:machine|system|box|computer|pc|laptop)|off\\s+(?:here|there)|outta\\s+here|deleted|uninstalled|removed)";
const STAY =
  "(?:must|has\\s+to|have\\s+to|should|needs?\\s+to|gotta|got\\s+to|will|shall|can|are\\s+to|is\\s+to|are\\s+going\\s+to|is\\s+going\\s+to)\\s+(?:stay|remain|be\\s+kept|be\\s+left(?:\\s+alone)?|survive)";

export function sayRecipeKeeps(text: string, facts: Facts): string {
  const all = [...new Set([...facts.recipes, ...facts.installed])].filter((p) => p.length > 1);
  if (!all.length) return text;
  const alt = (names: readonly string[]) => `(?:${names.map(escapeRegex).join("|")})`;
  const prog = alt(all);
  let out = text;
  // "I want lazygit gone", "get htop off my machine", "need bat out": a removal
  out = out.replace(
    new RegExp(
      `\\b(?:want|need|like|get|have|would\\s+like)\\s+(?:(?:the|my|that)\\s+)?(${prog})\\s+${GONE}(?![a-z])`,
      "gi",
    ),
    (_m, name: string) => `remove ${name}`,
  );
  const installed = facts.installed.filter((p) => p.length > 1);
  if (!installed.length) return out;
  const have = alt(installed);
  // "the fzf, jq, zoxide must stay", "git and vim have to remain": a keep of the list
  out = out.replace(
    new RegExp(
      `\\b((?:(?:the|my)\\s+)?${have}(?:\\s*(?:,|&|\\band\\b|\\bplus\\b)\\s*(?:(?:the|my)\\s+)?${have})*)\\s+${STAY}\\b`,
      "gi",
    ),
    (_m, list: string) => `keep ${list}`,
  );
  // "keep fzf, jq and zoxide": the keep reaches every name of its list (read alone, "jq" and
  // "zoxide" were asked for as installs, or offered as removals after "remove helix, …")
  const sep = "\\s*(?:,|&|\\band\\b|\\bplus\\b)\\s*(?:and\\s+)?";
  const art = "(?:(?:the|my)\\s+)?";
  out = out.replace(
    new RegExp(`\\b(keep|spare|preserve|retain)\\s+(${art}${prog}(?:${sep}${art}${prog})+)(?![a-z-])`, "gi"),
    (_m, verb: string, list: string) =>
      `${verb} ${list}`.replace(
        new RegExp(`(${sep})(${art})(${prog})(?![a-z-])`, "gi"),
        (_s, between: string, article: string, name: string) => `${between}${verb} ${article}${name}`,
      ),
  );
  // "I still need it", "i still use vim", "we really need git": a program kept, never installed
  out = out.replace(
    new RegExp(
      `\\b(?:i|we)\\s+(?:still|really|definitely|actually|do)\\s+(?:\\w+\\s+)?(?:need|use|want|rely\\s+on)\\s+(it|that|this(?:\\s+one)?|that\\s+one|${have})(?![a-z])`,
      "gi",
    ),
    (_m, what: string) => `keep ${what}`,
  );
  return out;
}
