import { type Clause, clauses } from "../rules/clauses.js";
import { NEGATORS, plainSudoValues, privilegeAt, refusesPrivilege } from "./sudoRefusalWords.js";

/**
 * Sudo said by ellipsis (tester 11 D4, W4): "paul keeps sudo, rita doesn't", "anna shouldnt be
 * admin, ben should", "admin: ana yes ben no", and, after a turn about sudo, "rita doesnt either",
 * "ana yes, ben no", "paul keeps it, rita doesnt". A clause of names and yes/no words says no
 * privilege of its own: it takes the predicate of the clause before it. Read before, the negation
 * was dropped and rita kept the sudo the person had just taken from her ("Changed").
 *
 * A negation always refuses (whatever the predicate: "paul has no sudo, rita doesn't either").
 * "too"/"either"/"same" repeat the predicate's polarity. A plain yes ("ben should", "paul does")
 * gives the privilege, but only when the predicate is said in the same turn: a turn of ellipses
 * alone reads its predicate from the turn before, and only takes sudo away there.
 */

type Value = "yes" | "no" | "same";

const NO = NEGATORS;
const SAME = /^(?:too|also|either|same|likewise|ditto|aswell)$/;
const YES =
  /^(?:yes|yep|yup|yeah|ya|yea|y|sure|ok|okay|does|do|did|should|shall|will|can|may|is|has|have|gets|get|keeps|keep|stays|stay|enough|definitely|absolutely|ofc)$/;
/** Words that say nothing of the privilege: "paul keeps it", "not for rita please". */
const FILLER =
  /^(?:the|for|to|and|but|then|though|tho|please|pls|it|its|hers|his|theirs|one|really|of|course|obviously|lol|as|well|part|bit|ones)$/;

/** Each named person's value in an ellipsis ("ana yes ben no", "not rita"), or undefined when the clause is more. */
export function ellipticValues(
  w: readonly string[],
  users: readonly string[],
): Map<string, Value> | undefined {
  if (w.length > 8 || privilegeAt(w).length) return undefined;
  const out = new Map<string, Value>();
  let waiting: string[] = [];
  let carried: Value[] = [];
  let last: string | undefined;
  const values = new Map<string, Value[]>();
  for (const x of w) {
    if (users.includes(x)) {
      // "not rita": what came before the first name is hers
      if (!last && carried.length) {
        values.set(x, carried);
        carried = [];
      } else values.set(x, values.get(x) ?? []);
      waiting.push(x);
      last = x;
      continue;
    }
    const v: Value | undefined = NO.test(x) ? "no" : SAME.test(x) ? "same" : YES.test(x) ? "yes" : undefined;
    if (v === undefined) {
      if (FILLER.test(x)) continue;
      return undefined;
    }
    if (!last) carried.push(v);
    else {
      // "paul and rita don't": names said together share the value after them
      for (const n of waiting.length ? waiting : [last]) values.get(n)!.push(v);
      waiting = [];
    }
  }
  if (!values.size || carried.length) return undefined;
  for (const [name, vals] of values) {
    if (!vals.length) return undefined;
    // "rita does not", "rita doesn't either": a negation wins over the words beside it
    out.set(name, vals.includes("no") ? "no" : vals.includes("same") ? "same" : "yes");
  }
  return out;
}

export interface SudoEllipsis {
  gain: string[];
  lose: string[];
  /** The clause that takes it from each one who loses it: what a refusal quotes. */
  said: Map<string, string>;
  /** Every clause of the turn is an ellipsis about these people: nothing else was said. */
  whole: boolean;
}

/**
 * Who gains and who loses sudo by ellipsis in `text`, among `users`. `earlier` is the turn before
 * (the user's words): the predicate of a turn that is nothing but ellipses.
 */
export function readSudoEllipsis(
  text: string,
  users: readonly string[],
  earlier?: string,
): SudoEllipsis | undefined {
  if (!users.length) return undefined;
  const cs = clauses(plainSudoValues(text)).filter((c) => !c.question && !c.conditional);
  if (!cs.length) return undefined;
  const gain = new Set<string>();
  const lose = new Set<string>();
  const said = new Map<string, string>();
  const read = cs.map((c) => ellipticValues(c.w, users));
  const whole = read.every((r) => r !== undefined);
  // a turn of ellipses alone: the predicate of the last clause before that spoke of the privilege
  const before =
    whole && earlier !== undefined ? lastPredicate(clauses(plainSudoValues(earlier))) : undefined;
  cs.forEach((c, i) => {
    const values = read[i];
    if (!values) return;
    let pred: boolean | undefined;
    let here = false;
    for (let j = i - 1; j >= 0; j--) {
      if (read[j]) continue;
      if (privilegeAt(cs[j]!.w).length) {
        pred = !refusesPrivilege(cs[j]!.w, users);
        here = true;
      }
      break;
    }
    if (!here && before !== undefined) pred = before;
    if (pred === undefined) return;
    for (const [name, v] of values) {
      const gives = v === "yes" || (v === "same" && pred);
      if (v === "no" || (v === "same" && !pred)) {
        lose.add(name);
        said.set(name, c.said);
      } else if (gives && here) gain.add(name);
    }
  });
  for (const n of lose) gain.delete(n);
  if (!gain.size && !lose.size) return undefined;
  return { gain: [...gain], lose: [...lose], said, whole };
}

/** The polarity of the last clause that names the privilege (true: gives it), if any. */
function lastPredicate(cs: readonly Clause[]): boolean | undefined {
  for (let j = cs.length - 1; j >= 0; j--) {
    const c = cs[j]!;
    if (c.question || !privilegeAt(c.w).length) continue;
    return !refusesPrivilege(c.w);
  }
  return undefined;
}
