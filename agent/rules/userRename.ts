import type { PlanCall } from "../types.js";
import { type Ctx, lastEntity } from "./context.js";
import { renameByShape, userOfLastTurn } from "./renameShapes.js";
import type { Token } from "./text.js";
import { STOP, words } from "./tokens.js";

/**
 * "call him robert" (about bob, already named), "rename user sven to svenne", "maria should be
 * called mary", "change bob to robert", "robert not bob": a new name for a user. No tool renames a
 * user on the machine, so for one that exists the answer says so and what to do instead. A user
 * that is only planned (tester 24 W9) is renamed in the plan: the turn plans the new name with the
 * same settings and the conversation takes the old name out (agent/conversation.ts, by
 * `renamedInPlan`; CONTRACTS §2 lets a drop and an add do it). A pronoun with no named user behind
 * it ("create a user" … "call him vince") is naming, not renaming.
 *
 * Safety: the new name gets exactly the grant the old one had (the same person, asked for before);
 * nothing that exists is touched, and the old name's account was never made.
 */

export type Rename = { old: string; to: string };

/** The rename the words ask for, on their plain lowercase words. */
export function renameOf(
  w: readonly string[],
  known: ReadonlySet<string>,
  lastUser: string | undefined,
  things: readonly string[] = [],
  shape?: { text: string; thatUser: string | undefined },
): Rename | undefined {
  // a program's name is never a new name ("fd not bob" asks for fd, not a user fd)
  const valid = (x: string | undefined) =>
    x !== undefined &&
    /^[a-z_][a-z0-9_-]{0,31}$/.test(x) &&
    !STOP.has(x) &&
    !NOT_NAMES.has(x) &&
    !things.includes(x);
  let old: string | undefined;
  let to: string | undefined;
  for (let i = 0; i < w.length && !old; i++) {
    const x = w[i]!;
    const next = w[i + 1];
    const skipTo = (j: number) => (w[j] === "to" || w[j] === "as" || w[j] === "into" ? j + 1 : j);
    if (x === "rename" || x === "call" || x === "name" || x === "change" || x === "make") {
      // rename (user) OLD to NEW; call him NEW; call OLD NEW; change OLD to NEW
      let j = i + 1;
      if (w[j] === "user" || w[j] === "the") j++;
      if (w[j] === "user") j++;
      const who = w[j];
      const said = w[j + 1] === "to" || w[j + 1] === "as" || w[j + 1] === "into";
      if (who && ["him", "her", "them"].includes(who) && lastUser && known.has(lastUser) && x !== "change") {
        if (x !== "make") {
          old = lastUser;
          to = w[skipTo(j + 1)];
        }
      } else if (who && known.has(who) && (x === "rename" || said || (x === "call" && valid(w[j + 1])))) {
        if ((x === "change" || x === "make") && !said) continue;
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
    } else if (
      valid(x) &&
      !known.has(x) &&
      i + 2 < w.length &&
      (next === "not" ||
        (next === "instead" && w[i + 2] === "of") ||
        (next === "rather" && w[i + 2] === "than"))
    ) {
      // NEW not OLD, NEW instead of OLD: the name the words put first replaces the one they refuse
      const o = w[next === "not" ? i + 2 : i + 3];
      const end = next === "not" ? i + 3 : i + 4;
      if (o && known.has(o) && (end >= w.length || BOUNDARY.has(w[end]!))) {
        old = o;
        to = x;
      }
    }
  }
  // "not mike, mikey", "mike -> mikey", "change the username to mikey" (renameShapes.ts)
  if (!old && shape) return renameByShape(shape.text, known, shape.thatUser, things);
  if (!old || !valid(to) || to === old) return undefined;
  return { old, to: to! };
}

/** Words that end the "robert not bob" clause: nothing after OLD may make it a longer sentence. */
const BOUNDARY = new Set(["please", "pls", "then", "thanks", "sorry", "and", "but", "with", "lol"]);
/** Words after "call him" / "not" that are never a new name. */
const NOT_NAMES = new Set([
  "user",
  "admin",
  "sudo",
  "that",
  "this",
  "it",
  "one",
  "yet",
  "now",
  "anymore",
  "instead",
  "either",
]);

function plainWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9_'-]+/g) ?? [];
}

/**
 * The planned user the words rename, when the decision plans the new name: the step the
 * conversation takes out so that the user is not planned twice. Never an account that exists.
 */
export function renamedInPlan(
  text: string,
  pending: readonly PlanCall[],
  added: readonly PlanCall[],
  lastUser: string | undefined,
  thatUser?: string,
): PlanCall | undefined {
  const planned = pending.filter((c) => c.tool === "createUser" && !added.includes(c));
  if (!planned.length) return undefined;
  const r = renameOf(
    plainWords(text),
    new Set(planned.map((c) => (c.tool === "createUser" ? c.args.username : ""))),
    lastUser,
    [],
    { text, thatUser },
  );
  if (!r) return undefined;
  if (!added.some((c) => c.tool === "createUser" && c.args.username === r.to)) return undefined;
  return planned.find((c) => c.tool === "createUser" && c.args.username === r.old);
}

export function readRename(
  tokens: readonly Token[],
  ctx: Ctx,
): { reply: string } | { calls: PlanCall[] } | undefined {
  const { conv, facts } = ctx;
  const pendingUsers = conv.pending.filter((c) => c.tool === "createUser");
  const known = new Set([
    ...facts.users.filter((u) => u !== "root"),
    ...pendingUsers.map((c) => c.args.username),
  ]);
  const r = renameOf(words(tokens), known, lastEntity(conv, "user"), facts.recipes, {
    text: conv.user,
    thatUser: userOfLastTurn(conv.turns),
  });
  if (!r) return undefined;
  const { old, to } = r;
  const planned = pendingUsers.find((c) => c.args.username === old);
  if (planned && !facts.users.includes(to) && !pendingUsers.some((c) => c.args.username === to))
    return { calls: [{ tool: "createUser", args: { ...planned.args, username: to } }] };
  return planned
    ? {
        reply: `${to} is already a user${facts.users.includes(to) ? " here" : " in the plan"}, so I left ${old} as planned. To take ${old} out, say "drop ${old}".`,
      }
    : {
        reply: `I can't rename the user ${old}: no tool renames a user, and renaming one needs their home directory and groups moved too (usermod -l). I can create a new user ${to} if you want.`,
      };
}

/**
 * "no, robert not bob", "robert instead of bob" with bob only planned: the new name, read before the
 * readers that would drop bob alone or plan robert beside him. Plans the new name with defaults;
 * the conversation carries the old name's settings over (agent/conversation.ts).
 */
export function plannedRename(
  text: string,
  pending: readonly PlanCall[],
  lastUser: string | undefined,
  existing: readonly string[],
  things: readonly string[],
  thatUser?: string,
): PlanCall[] | undefined {
  const planned = pending.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
  if (!planned.length) return undefined;
  const r = renameOf(plainWords(text), new Set(planned), lastUser, things, { text, thatUser });
  if (!r || existing.includes(r.to) || planned.includes(r.to)) return undefined;
  return [{ tool: "createUser", args: { username: r.to, sudo: false, shell: "/bin/bash", groups: [] } }];
}
