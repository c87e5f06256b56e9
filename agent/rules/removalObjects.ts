import type { Facts } from "../../facts/schema.js";
import { REMOVE_VERBS as REGISTER_VERBS } from "./recipeFates.js";
import { escapeRegex } from "./text.js";

/**
 * The object of a removal said the way registers say it: a description first, the programs after
 * it ("decommission the old fog horns, wget and gzip", "release what no longer serves us: btop and
 * dust", "out with the old parts, tmux and wget"), a verb of letting go or pulling out ("strip out
 * wget and curl", "pulling neovim and htop", "let go of tmux"), and the opposite of "out with":
 * "in with btop and dust". The readers took the description for the object and the programs after
 * it for a list without a verb, which installs (and a program with no recipe then failed as "No
 * recipe named wget"), so each is said plainly: "remove wget and gzip", "install btop and dust".
 *
 * Only what the facts name is restated: a removal's list is installed programs (a removal needs
 * nothing else, CONTRACTS §1), an install's list programs that have a recipe. The description is
 * dropped only where the list closes the clause, so the list is the whole object; a description
 * naming a program of its own is left as typed.
 */

/** Verbs of letting go or pulling out that no reader knew; each only before installed programs. */
const LETTING_GO = [
  "strip(?:\\s+(?:out|off|away))?",
  "release",
  "let\\s+go(?:\\s+of)?",
  "pull(?!\\s+(?:in|down|up|on|over)\\b)",
  "unplug",
  "disconnect",
  "uproot",
  "shed",
  "phase\\s+out",
  "clean\\s+out",
  "(?:cart|haul|ship|send)\\s+(?:off|away)",
];
/** The plain verbs and phrasal verbs every reader knows, for the description rule. */
const PLAIN = [
  "remove",
  "uninstall",
  "delete",
  "purge",
  "drop",
  "ditch",
  "scrap",
  "dump",
  "trash",
  "nix",
  "axe",
  "bin",
  "nuke",
  "zap",
  "yeet",
  "get\\s+rid\\s+of",
  "take\\s+(?:out|off|away)",
  "throw\\s+(?:out|away)",
  "clear\\s+(?:out|away)",
  "out\\s+with",
];
/** What a verb's form may end in: "pulling", "stripped", "releases". */
const FORMS = "(?:s|es|ed|d|ing|[bdglmnpt](?:ing|ed))?";
/** What opens a description: a determiner, or "what" ("release what no longer serves us"). */
const DESCRIPTION = "(?:the|my|our|your|those|these|this|that|all|some|a|an|any|every|what|which)\\b";

export function sayRemovalObjects(text: string, facts: Facts): string {
  const installed = facts.installed.filter((p) => p.length > 1);
  const installable = facts.recipes.filter((p) => p.length > 1 && !facts.installed.includes(p));
  const listOf = (names: readonly string[]) => {
    const name = `(?:${[...names]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegex)
      .join("|")})`;
    const item = `(?:(?:the|my|our)\\s+)?${name}(?![\\w-])`;
    const sep = "\\s*(?:,|&|\\+|\\band\\b|\\bplus\\b)\\s*(?:and\\s+)?";
    return { name, list: `(${item}(?:${sep}${item})*)` };
  };
  let out = text;
  // Each rewrite below reads a list of the names it is for: a turn that names none of them skips
  // building its patterns (the verbs' is large), with the same words as a result.
  const names = (of: readonly string[]) => of.length > 0 && new RegExp(listOf(of).name, "i").test(out);
  if (names(installed)) {
    const { list } = listOf(installed);
    const verbs = [...PLAIN, ...REGISTER_VERBS, ...LETTING_GO].join("|");
    const any = new RegExp(`\\b${listOf([...installed, ...facts.recipes]).name}\\b`, "i");
    // "decommission the old fog horns, wget and gzip": the description before the list dropped
    out = out.replace(
      new RegExp(
        `\\b((?:${verbs})${FORMS})\\s+(${DESCRIPTION}[^.;:!?\\n,—–]{0,60}?)\\s*[:,—–]\\s*${list}(?=\\s*(?:[.;!?\\n]|$))`,
        "gi",
      ),
      (m, verb: string, description: string, l: string) => (any.test(description) ? m : `${verb} ${l}`),
    );
    // "strip out wget and curl", "pulling neovim and htop", "let go of tmux"
    out = out.replace(
      new RegExp(`\\b(?:${LETTING_GO.join("|")})${FORMS}\\s+${list}`, "gi"),
      (_m, l: string) => `remove ${l}`,
    );
  }
  // "in with btop and dust": the install beside "out with"
  if (names(installable)) {
    const { list } = listOf(installable);
    out = out.replace(new RegExp(`\\bin\\s+with\\s+${list}`, "gi"), (_m, l: string) => `install ${l}`);
  }
  return out;
}

/**
 * The one-word verbs above and of the registers ("cull", "prune", "shed", "strip"): words of their
 * own, so never a misspelling of a program ("Time to cull the weak frames" is no "curl").
 */
export const REMOVAL_VERB_WORDS: ReadonlySet<string> = new Set(
  [...REGISTER_VERBS, ...LETTING_GO].flatMap((v) => (/^[a-z]+$/.test(v) ? [v] : [])),
);
