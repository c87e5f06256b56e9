import type { Facts } from "../../facts/schema.js";
import { escapeRegex } from "./text.js";

/**
 * What becomes of installed programs said in a register's own words rather than with "remove" and
 * "keep": a curator deaccessions or withdraws, a doctor discontinues, a sailor jettisons or throws
 * overboard, a customs officer confiscates; and the programs kept are said as a state ("git stays",
 * "neovim remains on display", "curl is held", "tmux, unaffected", "continue git at the current
 * dose"). The readers knew the keep and not the removal beside it, or took the state word for a
 * program ("\"stays\" is not a recipe here"). Each is restated as "remove LIST" or "keep LIST".
 *
 * Only lists of installed programs are restated (the removal verbs here are figurative, so the
 * object must be a program this machine has), and a keep said as a state is never turned into a
 * removal: the safety rule is that a removal stands only where the turn asks for it.
 */

/** Verbs that, with an installed program as their object, ask for its removal. */
export const REMOVE_VERBS = [
  "deaccession",
  "withdraw",
  "discontinue",
  "jettison",
  "confiscate",
  "impound",
  "seize",
  "discard",
  "sell\\s+off",
  "write\\s+off",
  "strike\\s+off",
  "cross\\s+off",
  "fade\\s+out",
  "pull\\s+up",
  "pull\\s+out",
  "weed\\s+out",
  "root\\s+out",
  "unravel",
  "frog",
  "rip\\s+out",
  "unpick",
  "evict",
  "banish",
  "expel",
  "exile",
  "deport",
  "decommission",
  "retire",
  "sunset",
  "cull",
  "prune",
  "scuttle",
  "dispense\\s+with",
  "do\\s+away\\s+with",
  "part\\s+with",
  "(?:say|bid)\\s+(?:goodbye|farewell)\\s+to",
  "farewell\\s+to",
  "goodbye\\s+to",
  "kick\\s+out",
  "boot\\s+out",
  "cut",
  "delist",
  "offboard",
  "eject",
  "dismiss",
  "sack",
  "fire",
  "terminate",
  "abolish",
  "eliminate",
  "eradicate",
  "excise",
  "amputate",
  "dispose\\s+of",
  "throw",
  "heave",
  "toss",
];
/** A verb's object said in the past or passive ("X is withdrawn"): the same removal. */
const REMOVED_STATES = [
  "goes",
  "go",
  "can\\s+go(?:\\s+to\\s+\\w+)?",
  "must\\s+go",
  "(?:had|could|should|may|might|will)\\s+go",
  "had\\s+to\\s+(?:go|disappear|leave)",
  "comes?\\s+out(?:\\s+by\\s+the\\s+roots)?",
  "has\\s+to\\s+go",
  "have\\s+to\\s+go",
  "is\\s+going",
  "are\\s+going",
  "leaves",
  "is\\s+leaving",
  "are\\s+leaving",
  "(?:is|are)\\s+cleared\\s+to\\s+(?:leave|go)",
  "(?:is|are|gets?|can\\s+be|should\\s+be|must\\s+be|will\\s+be)\\s+(?:removed|withdrawn|discontinued|confiscated|deaccessioned|jettisoned|discarded|retired|evicted|banished|written\\s+off|struck\\s+off|decommissioned|culled|cut|dropped|deleted|uninstalled|out|gone|binned|scrapped|ditched|axed|dismissed|fired|sacked)",
  "(?:is|are)\\s+out",
  "walks?\\s+the\\s+plank",
  "gets?\\s+the\\s+(?:boot|axe|chop)",
];
/** A state that keeps what it is said of ("git stays", "curl is held", "neovim, unaffected"). */
const KEPT_STATES = [
  "stays",
  "stay",
  "remains",
  "remain",
  "is\\s+staying",
  "are\\s+staying",
  "(?:is|are)\\s+(?:held|kept|spared|exempt|safe|protected|untouched|unaffected|retained|preserved|staying)",
  "clears?\\s+customs",
  "untouched",
  "unaffected",
  "survives?",
  "continues?",
  "carries\\s+on",
  "lives?\\s+on",
  "never\\s+leaves",
  "(?:is|are|stays?|remains?)\\s+(?:always\\s+)?installed(?:,?\\s+always)?",
  "(?:is|are)\\s*n[o']?t\\s+going\\s+anywhere",
  "(?:isn't|aren't|isnt|arent)\\s+going\\s+anywhere",
];
/** Headings that say what happens to the list after them ("Write off: wget, htop"). */
const REMOVE_HEADINGS =
  "(?:(?:set|marked|declared|listed|scheduled|slated|earmarked|up)\\s+for\\s+(?:removal|deletion)|for\\s+(?:removal|deletion)|removals?(?:\\s+expected)?|to\\s+(?:be\\s+)?remove[d]?|to\\s+go|write[\\s-]*offs?|debit|outgoing|out)";
const KEEP_HEADINGS =
  "(?:keeps?|kept|stays?|staying|untouched|unaffected|carried\\s+forward(?:\\s+untouched)?|exempt|protected|retained|safe)";

export function sayRecipeFates(text: string, facts: Facts): string {
  const installed = facts.installed.filter((p) => p.length > 1);
  if (!installed.length) return text;
  const name = `(?:${[...installed]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join("|")})`;
  // Every rewrite below reads an installed program's name (or, for "it"/"they", one named before
  // it): a turn that names none is its own answer, without building and compiling ~20 patterns.
  if (!new RegExp(name, "i").test(text)) return text;
  const art = "(?:(?:the|my|our|your|every\\s+copy\\s+of|all\\s+copies\\s+of)\\s+)?";
  const item = `${art}${name}(?![\\w-])`;
  const sep = "\\s*(?:,|&|\\+|\\band\\b|\\bplus\\b)\\s*(?:and\\s+)?";
  const list = `(${item}(?:${sep}${item})*)`;
  const clean = (l: string) => l.replace(/\b(?:every\s+copy\s+of|all\s+copies\s+of)\s+/gi, "");
  const kept = KEPT_STATES.join("|");
  // "neovim ∈ installed": set notation for the state "stays installed"
  let out = text.replace(new RegExp(`\\b(${name})\\s*∈\\s*installed\\b`, "gi"), "$1 stays installed");
  // "remove neither git nor neovim, but only htop": the two kept, the removal said of the third
  out = out.replace(
    new RegExp(
      `\\b(remove|uninstall|delete|purge|drop)\\s+neither\\s+${list}\\s+nor\\s+${list}\\s*,?\\s*(?:but\\s+)?`,
      "gi",
    ),
    (_m, verb: string, a: string, b: string) => `keep ${a} and ${b}. ${verb} `,
  );
  // "htop, which goes", "git, which you will leave": the relative clause says the program's fate
  out = out.replace(
    new RegExp(`\\b(${name}),?\\s+which\\s+(?:${REMOVED_STATES.join("|")})\\b`, "gi"),
    (_m, n: string) => `${n}. remove ${n}`,
  );
  // (the keep said after the sentence, so the sentence around the name reads as it did: "lose
  // git, which you will leave" is no removal of git)
  out = out.replace(
    new RegExp(
      `\\b(${name}),?\\s+which\\s+(?:you\\s+(?:will|shall|must|can|may|should)\\s+(?:leave|keep|spare)|you(?:'ll|\\s+will)?\\s+keep|(?:${KEPT_STATES.join("|")}))\\b,?([^.;!?\\n]*)([.;!?]|$)`,
      "gi",
    ),
    (_m, n: string, rest: string, end: string) => `${n}${rest}${end || "."} keep ${n}${end ? "" : "."}`,
  );
  // "throw wget overboard", "heave htop over the side": the removal said around its object
  out = out.replace(
    new RegExp(
      `\\b(?:throw|toss|heave|chuck|pitch|dump)\\s+${list}\\s+(?:overboard|over\\s+the\\s+side)\\b`,
      "gi",
    ),
    (_m, l: string) => `remove ${clean(l)}`,
  );
  out = out.replace(
    new RegExp(`\\b${list}\\s+(?:goes\\s+|go\\s+)?(?:overboard|over\\s+the\\s+side)\\b`, "gi"),
    (_m, l: string) => `remove ${clean(l)}`,
  );
  // "out go htop and bat", "out with tmux"
  out = out.replace(
    new RegExp(`\\bout\\s+(?:go(?:es)?|with)\\s+${list}`, "gi"),
    (_m, l: string) => `remove ${clean(l)}`,
  );
  // "deaccession htop and tmux", "withdraw every copy of neovim", "confiscate fd and less"
  // ("throw" and "toss" only with a particle of their own: "throw on jq" installs; the slang
  // readers and the overboard rule above read those)
  const verbs = REMOVE_VERBS.filter((v) => !["throw", "heave", "toss"].includes(v));
  out = out.replace(
    new RegExp(`\\b(?:${verbs.join("|")})(?:s|es|ed|d|ing|ting)?\\s+${list}`, "gi"),
    (_m, l: string) => `remove ${clean(l)}`,
  );
  // "confiscate it", "withdraw them": a pronoun after a program named earlier in the turn
  out = out.replace(
    new RegExp(`\\b(?:${verbs.join("|")})\\s+(it|them)\\b(?!\\s+(?:on|to|in|from)\\b)`, "gi"),
    (m, p: string) => (new RegExp(`\\b${name}\\b`, "i").test(text) ? `remove ${p}` : m),
  );
  // "wget goes", "bat is cleared to leave", "curl, however, can be withdrawn"
  out = out.replace(
    new RegExp(
      `\\b${list}(?:\\s*,\\s*(?:however|though|then|too|also)\\s*,)?\\s+(?:${REMOVED_STATES.join("|")})\\b(?:\\s*,?\\s+(?:and|but)\\s+${list}\\s+(?:never|not|isn't|aren't|isnt|arent)(?:\\s+(?:is|are|ever))?\\b)?`,
      "gi",
    ),
    // "wget is removed and git never is": the second program is refused in the ellipsis
    (m, l: string, spared: string | undefined) =>
      /^\s*(?:go|goes)\b/i.test(m.slice(l.length)) && /\bto\s*$/i.test(l)
        ? m
        : `remove ${clean(l)}${spared ? `. do not remove ${clean(spared)}` : ""}`,
  );
  // "Git is reference-only: it never leaves the building": the state said of the program just named
  out = out.replace(
    new RegExp(`([.;!?:,]\\s*)(it|they)\\s+(?:${kept})\\b`, "gi"),
    (m, lead: string, p: string, at: number) =>
      new RegExp(`\\b${name}\\b[^.;!?]*$`, "i").test(out.slice(Math.max(0, at - 80), at))
        ? `${lead}keep ${p === "they" ? "them" : p}`
        : m,
  );
  // "git must never be removed", "Git is sacrosanct; it must never be removed": a removal refused
  // in the passive, said as the refusal every reader knows
  // "git is never to be extracted", "curl must not be sold": with "be", any act done TO the
  // program refused keeps it (the negated passive, whatever the verb; a refused install, use or
  // need says something else and is left to its readers). More protection is the safe direction.
  const refused =
    "(?:(?:must|should|shall|can|may|will|is\\s+to|are\\s+to)?\\s*(?:never|not|n't)\\s+(?:ever\\s+)?|(?:is|are)\\s+(?:never|not)\\s+(?:ever\\s+)?to\\s+)(?:(?:be\\s+)?(?:removed|uninstalled|deleted|purged|touched)|be\\s+(?!(?:installed|added|included|downloaded|fetched|needed|used|wanted|required|updated|upgraded)\\b)(?:[a-z]+ed|[a-z]+en|sold|cut|lost|struck|shot|torn|thrown|put|hit|shut)\\b(?:\\s+(?:out|off|away))?)";
  out = out.replace(
    new RegExp(`\\b${list}\\s+${refused}`, "gi"),
    (_m, l: string) => `do not remove ${clean(l)}`,
  );
  out = out.replace(
    new RegExp(`([.;!?:,]\\s*)(it|they)\\s+${refused}`, "gi"),
    (m, lead: string, p: string, at: number) => {
      const named = new RegExp(`\\b(${name})\\b[^.!?]*$`, "i").exec(out.slice(Math.max(0, at - 80), at));
      return named && p === "it" ? `${lead}do not remove ${named[1]}` : m;
    },
  );
  // "Write off: wget, htop", "Points set for removal: wget"
  out = out.replace(
    new RegExp(`\\b${REMOVE_HEADINGS}\\s*:\\s*${list}`, "gi"),
    (_m, l: string) => `remove ${clean(l)}`,
  );
  out = out.replace(
    new RegExp(`\\b${KEEP_HEADINGS}\\s*:\\s*${list}`, "gi"),
    (_m, l: string) => `keep ${clean(l)}`,
  );
  // "continue git, neovim and tmux at the current dose": a treatment that goes on is a keep
  // (how it goes on is no request of its own: "at the current dose", "as before")
  out = out.replace(
    new RegExp(
      `\\bcontinue\\s+${list}(?:\\s+(?:at\\s+the\\s+(?:current|same|usual|present)\\s+\\w+|as\\s+(?:before|is|prescribed|usual)|unchanged))?`,
      "gi",
    ),
    (_m, l: string) => `keep ${clean(l)}`,
  );
  // "Git is the ship's compass and stays", "git, curl, wget, tmux clear customs and remain",
  // "Git and neovim sit in a high-pressure zone, unaffected": the programs a clause opens with,
  // kept by the state it ends in (no removal word, no other program between)
  out = out.replace(
    new RegExp(
      `(^|[.;!?:]\\s*|\\bbut\\s+|\\band\\s+|,\\s*)${list}((?:(?!\\b(?:remove|uninstall|delete|purge|drop|goes|go|out|not|never|no|nor|neither)\\b)[^.;!?:\\n])*?)\\b(?:${kept})(?:\\s+and\\s+(?:${kept}))*\\b([^.;!?\\n]*)`,
      "gi",
    ),
    (m, lead: string, l: string, between: string, rest: string) => {
      if (new RegExp(`\\b${name}\\b`, "i").test(between) || between.split(/\s+/).length > 12) return m;
      // "on permanent display", "aboard": the rest of the clause goes with the state, unless it
      // asks for something of its own ("git stays, remove htop")
      const own = new RegExp(
        `\\b${name}\\b|\\b(?:remove|uninstall|delete|install|add|keep|but|and)\\b`,
        "i",
      ).test(rest);
      return `${lead}keep ${clean(l)}${own ? rest : ""}`;
    },
  );
  return out;
}
