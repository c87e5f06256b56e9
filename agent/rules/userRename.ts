import { type Ctx, lastEntity } from "./context.js";
import type { Token } from "./text.js";
import { STOP, words } from "./tokens.js";

/**
 * "call him robert" (about bob, already named), "rename user sven to svenne", "maria should be
 * called mary": no tool renames a user, so the answer says so and what to do instead. A pronoun
 * with no named user behind it ("create a user" … "call him vince") is naming, not renaming.
 */
export function readRename(tokens: readonly Token[], ctx: Ctx): string | undefined {
  const { conv, facts } = ctx;
  const w = words(tokens);
  const pendingUsers = conv.pending.filter((c) => c.tool === "createUser").map((c) => c.args.username);
  const known = new Set([...facts.users.filter((u) => u !== "root"), ...pendingUsers]);
  const lastUser = lastEntity(conv, "user");
  const valid = (x: string | undefined) =>
    x !== undefined && /^[a-z_][a-z0-9_-]{0,31}$/.test(x) && !STOP.has(x);
  let old: string | undefined;
  let to: string | undefined;
  for (let i = 0; i < w.length && !old; i++) {
    const x = w[i]!;
    const next = w[i + 1];
    const skipTo = (j: number) => (w[j] === "to" || w[j] === "as" ? j + 1 : j);
    if (x === "rename" || x === "call" || x === "name") {
      // rename (user) OLD to NEW; call him NEW
      let j = i + 1;
      if (w[j] === "user" || w[j] === "the") j++;
      if (w[j] === "user") j++;
      const who = w[j];
      if (who && ["him", "her", "them"].includes(who) && lastUser && known.has(lastUser)) {
        old = lastUser;
        to = w[skipTo(j + 1)];
      } else if (who && known.has(who) && (x === "rename" || w[j + 1] === "to" || w[j + 1] === "as")) {
        old = who;
        to = w[skipTo(j + 1)];
      }
    } else if (known.has(x) && (next === "should" || next === "will" || next === "is")) {
      // OLD should be called NEW
      const k = w.slice(i + 1, i + 5).findIndex((y) => y === "called" || y === "named" || y === "renamed");
      if (k >= 0) {
        old = x;
        to = w[i + 2 + k];
      }
    }
  }
  if (!old || !valid(to) || to === old) return undefined;
  const inPlan = pendingUsers.includes(old);
  return inPlan
    ? `I can't rename ${old}: no tool renames a user. ${old} is only in the plan so far: type /undo to take it out, then "create user ${to}".`
    : `I can't rename the user ${old}: no tool renames a user, and renaming one needs their home directory and groups moved too (usermod -l). I can create a new user ${to} if you want.`;
}
