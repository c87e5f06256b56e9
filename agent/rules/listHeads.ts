import type { Intent } from "./intent.js";
import type { Token } from "./text.js";
import { NEGATIONS } from "./vocab.js";

/** Words that keep or refuse: a clause with one asks for no install. */
const REFUSES = new Set([
  ...NEGATIONS,
  "keep",
  "leave",
  "retain",
  "spare",
  "except",
  "but",
  "hold",
  "belay",
  "cancel",
]);

/**
 * "deploy ripgrep, fd, bat", "grant me ripgrep and bat", "positive on jq and fzf" (tester 15 W3):
 * the clauses of a list are cut at its commas and "and". A bare name after the cut ("fd", "bat") is
 * an install; the first item, said after a verb no reader knows, read as a sentence about a program
 * and asked for nothing, so the first item of every such list was dropped whatever the verb. The
 * items of one list share one verb: a clause that asks nothing and ends on a program's name, right
 * before a clause of bare names that installs, installs too. Not under a negation or a keep word
 * ("never deploy ripgrep, fd" is no request), and not when the name does not end its clause ("I
 * love zoxide on my laptop, fd too" stays a remark about zoxide).
 */
export function listHeads(
  clauses: readonly (readonly Token[])[],
  intents: (Intent | undefined)[],
  isRecipe: (t: Token) => boolean,
  bare: (c: readonly Token[]) => boolean,
): void {
  for (let i = clauses.length - 2; i >= 0; i--) {
    if (intents[i] !== undefined || intents[i + 1] !== "install") continue;
    const c = clauses[i]!;
    const next = clauses[i + 1]!;
    const last = lastItem(c);
    // the next clause is only names ("fd", "bat and jq"): "fd please" is a request of its own
    const names = next.filter((t) => t.kind === "word" || t.kind === "number");
    if (!names.every((t) => isRecipe(t) || /^(?:and|plus|also|or)$/.test(t.norm))) continue;
    if (!last || !isRecipe(last) || !bare(next)) continue;
    if (c.some((t) => REFUSES.has(t.norm))) continue;
    intents[i] = "install";
  }
}

/** A version as written after a program's name: "0.56.3", "v3.4", "24.07". */
const VERSION = /^v?\d+(?:\.\d+)+[0-9a-z._+~-]*$/i;
/** Words that may stand between a name and its version: "helix, version 24.07", "fd v10". */
const VERSION_LEADS = new Set(["version", "ver", "v", "at", "release", ","]);

/**
 * The last item of a clause: its last word, or, where the clause ends on a version ("Instruction
 * booklet: fzf 0.56.3, zoxide"), the word the version belongs to. A version says nothing of its own,
 * so a list that ends on one is the list its name ends.
 */
function lastItem(c: readonly Token[]): Token | undefined {
  const items = c.filter((t) => t.kind === "word" || t.kind === "number" || t.norm === ",");
  let k = items.length - 1;
  while (k >= 0 && items[k]!.norm === ",") k--;
  if (k < 0) return undefined;
  if (!VERSION.test(items[k]!.raw)) return items[k];
  k--;
  while (k >= 0 && VERSION_LEADS.has(items[k]!.norm)) k--;
  return k >= 0 ? items[k] : undefined;
}
