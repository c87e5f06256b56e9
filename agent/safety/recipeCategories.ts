import type { Facts } from "../../facts/schema.js";
import { clauses } from "../rules/clauses.js";

/**
 * A program's name said as a kind of thing, not as the program (retired held-out set, dev12-mixed
 * "clarify removes git"): "remove the git stuff" removed git, when it meant git and the programs
 * around it, which the person never listed. The name is then a modifier — "the git stuff", "vim
 * related things", "anything to do with docker", "all things rust" — and says no program to
 * remove: which ones is asked, never guessed. A name also said plainly ("remove git and the vim
 * stuff": git) is chosen as usual.
 */

/**
 * Words after a name that make it a modifier: "the git stuff", "the neovim bits", "git-related".
 * A singular is the program itself ("delete the lazygit package", "the git tool").
 */
const KIND_AFTER =
  /^(?:stuff|things|related|tools|tooling|packages|apps|programs|utilities|utils|bits|ecosystem|family|suite|junk|crap|plugins|extras|ish|y)$/;
/** Words before a name that make it a topic: "anything git", "everything to do with vim". */
const KIND_BEFORE =
  /\b(?:anything|everything|stuff|things|whatever|all things|all the things)(?: (?:to do with|related to|relating to|connected to|for|around|about|that uses|using|of|with|like))?$/;

function occurrences(w: readonly string[], name: string): number[] {
  const out: number[] = [];
  w.forEach((x, i) => {
    if (x === name) out.push(i);
  });
  return out;
}

/** The name is split off a word like "git-related", "vim-ish" by the words reader. */
function modified(w: readonly string[], at: number): boolean {
  const after = w[at + 1];
  if (after !== undefined && KIND_AFTER.test(after)) return true;
  return KIND_BEFORE.test(w.slice(Math.max(0, at - 4), at).join(" "));
}

/**
 * Whether every mention of `name` in the words is a kind of thing rather than the program. Only
 * a name said at least once counts; a name never said is for the other gates.
 */
export function namedOnlyAsKind(name: string, text: string): boolean {
  const n = name.toLowerCase();
  const spread = clauses(text.replace(/\b([a-z0-9]+)-(related|ish|y|based|specific)\b/gi, "$1 $2")).map(
    (c) => c.w,
  );
  let said = 0;
  for (const w of spread)
    for (const at of occurrences(w, n)) {
      said++;
      if (!modified(w, at)) return false;
    }
  return said > 0;
}

/** The installed programs a kind word could mean: the name itself and those that hold it ("lazygit"). */
export function programsOfKind(name: string, facts: Facts): string[] {
  const n = name.toLowerCase();
  return facts.installed.filter((p) => p.toLowerCase().includes(n));
}
