import { FAMILY } from "../rules/nameCandidates.js";
import { inSubjectPlace, RELATIONS } from "../rules/userNames.js";
import { KIN } from "../rules/users.js";
import { nameWord } from "./userWords.js";

/**
 * Whom a refusal is about when it says so itself (fixN28, attacker 27 L2): "bob gets no sudo,
 * alice gets sudo", "my kid bob must not get sudo, give alice sudo". The refusal's subject is a
 * name in a subject's place (agent/rules/userNames.ts inSubjectPlace: first in its clause, or
 * after "my kid"), so the refusal is bob's; it never falls to the accounts the turn creates
 * (alice), who then lost the sudo the same words gave her by name.
 *
 * Safety: this only stops a refusal from binding to people it does not name. The named person
 * keeps it (read.ts binds "bob" from the same words), a pronoun ("he gets no sudo") or a relation
 * ("the kids get no sudo", "my son must not", who may be the users named beside it) is no other
 * person, so a refusal of theirs still binds to the turn's users.
 */
export function refusalSubjectElsewhere(w: readonly string[]): boolean {
  return w.some(
    (x, j) =>
      nameWord(x) &&
      !RELATIONS.has(x) &&
      !FAMILY.has(x) &&
      !KIN.test(x) &&
      !/^(?:he|she|they|it|we|you|i|everyone|nobody|noone|others?|rest|kids?|everybody)$/.test(x) &&
      inSubjectPlace(w, j),
  );
}
