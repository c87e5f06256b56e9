import { tokenize } from "../rules/text.js";
import { STOP } from "../rules/tokens.js";
import { notAName } from "../rules/users.js";
import { INSTALL_VERBS, VOCABULARY } from "../rules/vocab.js";
import { NEGATORS, SUDO_WORDS } from "./lexicon.js";
import type { ReadContext } from "./readContext.js";
import { RELAYS } from "./sudoReader.js";
import { namedUsers, REVOKE, refusedRightAfter, USER_STOP } from "./userWords.js";

/**
 * Whom a clause that refuses sudo refuses it to (agent/safety/read.ts): the users it names, else
 * the one a pronoun stands for, else the name the refusal follows or any name in the turn.
 */
export function refusedSudoUsers(
  w: readonly string[],
  text: string,
  ctx: ReadContext,
  named: string[],
  cueAt: ReadonlySet<number>,
  everyone: boolean,
): string[] {
  if (everyone) {
    // every user the turn names ("users anna and ben, neither with sudo"); when it names none
    // ("neither of them gets sudo"), every user in the plan
    let users = namedUsers(text);
    if (!users.length) users = ctx.pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
    return users;
  }
  const users = named.length ? named : [];
  if (!users.length && w.some((x) => ["him", "her", "them", "he", "she"].includes(x))) {
    // "user lena, definitely no sudo for her": the user this turn named comes first
    const all = tokenize(text).map((t) => t.norm);
    for (let i = all.length - 1; i > 0 && !users.length; i--)
      if (
        ["user", "usr", "called", "named"].includes(all[i - 1]!) &&
        /^[a-z_][a-z0-9_-]{1,31}$/.test(all[i]!) &&
        !USER_STOP.has(all[i]!)
      )
        users.push(all[i]!);
    for (let i = ctx.entities.length - 1; i >= 0 && !users.length; i--)
      if (ctx.entities[i]!.kind === "user") {
        users.push(ctx.entities[i]!.value);
        break;
      }
  }
  // "user vince with sudo and user lena, lena gets no sudo": the name the refusal follows
  if (!users.length) users.push(...refusedRightAfter(text));
  if (!users.length) {
    // "user mom no sudo", "kim, no admin": the name somewhere in the turn
    const all = tokenize(text).map((t) => t.norm);
    for (let i = 0; i < all.length; i++)
      if (
        (["user", "usr", "called", "named", "for", "from"].includes(all[i - 1] ?? "") ||
          (all[i - 1] === "is" && all[i - 2] === "name")) &&
        /^[a-z_][a-z0-9_-]{1,31}$/.test(all[i]!) &&
        !notAName(all[i]!) &&
        !STOP.has(all[i]!)
      )
        if (!USER_STOP.has(all[i]!)) users.push(all[i]!);
    if (!users.length) {
      const first = w.find(
        (x, i) =>
          !cueAt.has(i) &&
          /^[a-z_][a-z0-9_-]{1,31}$/.test(x) &&
          // "boss says interns get no admin": who relays the wish is not whom it refuses
          !RELAYS.test(w[i + 1] ?? "") &&
          !USER_STOP.has(x) &&
          !SUDO_WORDS.has(x) &&
          !NEGATORS.has(x) &&
          !notAName(x) &&
          !REVOKE.has(x) &&
          // "add usr lena no sudo": the request's own words are nobody's name
          !VOCABULARY.includes(x) &&
          !INSTALL_VERBS.has(x) &&
          ![
            "usr",
            "new",
            "make",
            "set",
            "for",
            "just",
            "a",
            "please",
            "with",
            "as",
            "should",
            "get",
            "have",
            "has",
            "be",
            "is",
            "do",
            "give",
          ].includes(x),
      );
      if (first) users.push(first);
    }
  }
  return users;
}
