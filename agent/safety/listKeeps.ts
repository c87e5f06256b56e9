import { bareListItem } from "./commaList.js";
import { DESTROY_VERBS, KEEP_VERBS, NEGATORS } from "./lexicon.js";

/**
 * "the seagate and the toshiba stay", "the seagate, toshiba and samsung stay", "the hdds and the
 * samsung stay", "git, htop and vim stay": a keep verb said after its list governs every item of
 * the list, not only the one in its own clause. Read clause by clause, the items before it stood
 * alone, and a disk named alone is a request to install there (tester 27 D1: the two data disks the
 * user said stay were offered as the install target).
 *
 * Safety argument: an item counts only when it asks for nothing of its own (no verb, no purpose,
 * no request word: commaList.ts), sits in the same sentence, and is joined to the keep clause by a
 * list word ("and", "or", "nor", "plus") or the verb is a plural "stay"/"remain"/"all"/"both".
 * Reading it as kept can only withhold an erase the user then asks for in words.
 * ("nvme, the seagate stays": a comma alone before a singular verb stays a choice of target.)
 */

/** One clause of the turn: its words and the separator before it. */
export interface ListClause {
  words: readonly string[];
  sep: string;
  /** The clause has a verb of its own (a request, a keep). */
  ownVerb: boolean;
}

const LIST_JOINS = new Set(["and", "or", "nor", "plus", "&", "+"]);
const PLURAL_KEEP = new Set(["stay", "remain", "both", "all"]);

/** The clause begins with what it keeps and says the keep after it ("the samsung stays"). */
export function postposedKeep(w: readonly string[]): boolean {
  const first = w[0];
  if (first === undefined) return false;
  if (KEEP_VERBS.has(first) || DESTROY_VERBS.has(first) || NEGATORS.has(first)) return false;
  if (["leave", "let", "dont", "do", "please", "pls", "hands"].includes(first)) return false;
  return w.slice(1).some((x) => KEEP_VERBS.has(x));
}

/**
 * The indexes of the clauses before `at` that the postposed keep at `at` governs: the run of bare
 * items right before it, in the same sentence.
 */
export function governedItems(
  clauses: readonly ListClause[],
  at: number,
  endsSentence: (sep: string) => boolean,
  names: ReadonlySet<string>,
): number[] {
  const keep = clauses[at];
  if (!keep || at === 0 || !postposedKeep(keep.words)) return [];
  const joined = LIST_JOINS.has(keep.sep) || keep.words.some((x) => PLURAL_KEEP.has(x));
  if (!joined || endsSentence(keep.sep)) return [];
  const out: number[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const c = clauses[i]!;
    if (c.ownVerb || !bareListItem(c.words, names)) break;
    out.push(i);
    if (i === 0 || endsSentence(c.sep)) break;
    if (!LIST_JOINS.has(c.sep) && ![",", "/", ";"].includes(c.sep)) break;
  }
  return out;
}
