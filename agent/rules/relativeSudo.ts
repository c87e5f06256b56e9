import { NEGATORS, privilegeAt } from "../safety/sudoRefusalWords.js";
import type { Member } from "./roleApposition.js";
import type { Token } from "./text.js";
import type { UserDraft } from "./users.js";

/**
 * A relative clause after a person's name says something of that person: "hume, who shall not have
 * sudo", "Create the user oswin, who shall." The user reader read each clause alone, so the
 * relative clause's setting went to the next named person (the merge of a nameless clause into the
 * one after it) or nowhere, and "who shall" made an account "shall" (dev24 h23k-091, h23m-089).
 *
 * The shape: a clause that opens with "who", joined to a clause that names a person by a comma. What
 * it says (sudo, shell, groups) is that person's. With no privilege word of its own ("who shall",
 * "who does too", "who shouldn't") it is an ellipsis of the privilege predicate said earlier in the
 * same turn ("lena shall have no sudo. ... oswin, who shall"), with its OWN polarity: an auxiliary
 * alone grants, a negator refuses (the contrast is what the ellipsis is for).
 *
 * Safety: a grant by ellipsis needs the privilege said in an earlier clause of the same turn, the
 * relative clause right after the person's own clause, and nothing in it but the auxiliary and
 * "too/also"; any negator (the project's NEGATORS) makes it a refusal. Nothing is named here.
 */

/** The auxiliaries an ellipsis of "have sudo" keeps: "who shall", "who does", "who should too". */
const AUX = new Set([
  "shall",
  "should",
  "will",
  "would",
  "can",
  "could",
  "may",
  "might",
  "must",
  "does",
  "do",
  "did",
  "is",
  "has",
  "have",
  "gets",
  "get",
  "doesnt",
  "shouldnt",
  "wont",
  "cant",
  "mustnt",
  "isnt",
  "hasnt",
  "shant",
]);
/** What may follow the auxiliary in the ellipsis. */
const TAIL = new Set(["too", "also", "either", "as", "well", "not", "though", "tho", "indeed"]);

export function relativeClauses(
  text: string,
  clauses: readonly (readonly Token[])[],
  users: UserDraft[],
  members: Member[],
): void {
  for (let i = members.length - 1; i > 0; i--) {
    const rel = members[i]!;
    const head = members[i - 1]!;
    const w = rel.clause.filter((t) => t.kind === "word").map((t) => t.norm);
    if (w[0] !== "who" || rel.draft.username || !head.draft.username) continue;
    const between = text.slice(head.clause.at(-1)!.end, rel.clause[0]!.start).trim();
    if (between !== ",") continue;
    const d = rel.draft;
    const h = head.draft;
    if (d.sudo === undefined && ellipsis(w.slice(1))) {
      // the privilege predicate said before, in this turn
      const at = clauses.indexOf(rel.clause as Token[]);
      const said = clauses
        .slice(0, at < 0 ? 0 : at)
        .some((c) => privilegeAt(c.filter((t) => t.kind === "word").map((t) => t.norm)).length);
      if (said) d.sudo = !w.slice(1).some((x) => NEGATORS.test(x) || /nt$/.test(x));
    }
    if (d.sudo !== undefined && h.sudo === undefined) h.sudo = d.sudo;
    h.shell ??= d.shell;
    h.fullName ??= d.fullName;
    if (d.groups) h.groups = [...(h.groups ?? []), ...d.groups];
    const k = users.indexOf(d);
    if (k >= 0) users.splice(k, 1);
    members.splice(i, 1);
  }
}

/** "shall", "does too", "should not", "wont either": an auxiliary and nothing of its own. */
function ellipsis(w: readonly string[]): boolean {
  return w.length >= 1 && w.length <= 4 && AUX.has(w[0]!) && w.slice(1).every((x) => TAIL.has(x));
}
