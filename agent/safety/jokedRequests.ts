import { type Decision, MAX_CALLS } from "../../tools/decision.js";
import { EMPHASIS } from "../rules/textingJokes.js";
import type { ConversationView, PlanCall } from "../types.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * A turn that ends by saying it was a joke ("erase /dev/sda — april fools", "remove fd (joke)",
 * "give bob sudo, jk", "make bob an admin, just joking") asks for nothing destructive (attacker
 * 27 H2: the erase of the PHOTOS disk, the removal and the sudo were planned). The rewrite steps
 * already take back the jokes they can place ("remove git (kidding) and htop" loses only git);
 * a joke word still in the words as read, at the end of the turn, takes back every destructive
 * request of the turn: a whole-disk erase, a removal, a sudo grant. They are asked about instead;
 * the rest of the turn is offered (a user asked with sudo is offered without it).
 *
 * Safety: this only ever withholds a destructive call and asks; a real request that happened to
 * end with a joke word costs one more sentence. Emphasis ("no joke", "not kidding", "i'm not
 * joking") is no take-back.
 */

const MARK = new RegExp(
  [
    String.raw`\bapril\s*fool'?s?(?:'?\s*day)?\b`,
    String.raw`\(\s*(?:just\s+)?(?:a\s+)?(?:joke|joking|kidding|jk|j/k|lol)\s*!*\)`,
    String.raw`\b(?:just\s+)?(?:a\s+)?joke\b`,
    String.raw`\b(?:just\s+)?(?:kidding|kiddin'?|joking|jokin'?|jking|messing|trolling)\b`,
    String.raw`\bj/?k\b`,
    String.raw`\b(?:psych|sike|syke|gotcha)\b`,
  ].join("|"),
  "gi",
);

/** Verbs that start a request of their own: a joke word before one is about the turn before. */
const REQUEST =
  /\b(?:erase|wipe|format|nuke|use|install|put|remove|uninstall|delete|drop|purge|give|grant|create|add|make|set|call)\b/i;

/** The joke word that takes the turn back, or undefined. A joke placed on one of `names` ("ben
 * kidding", "kidding about ben", "ben was a joke") is that person's, read by the people readers. */
export function jokeMark(text: string, names: readonly string[] = []): string | undefined {
  for (const m of text.matchAll(MARK)) {
    const near = `${text.slice(Math.max(0, m.index - 24), m.index)} ${text.slice(m.index, m.index + m[0].length + 24)}`;
    const placed = names.some((n) =>
      new RegExp(
        String.raw`\b${n}\b[\s,(-]*(?:was|is|'s)?\s*(?:a\s+|just\s+)?$|(?:about|re|on|for)\s+${n}\b|\(\s*${n}\b|\b${n}[\s,]+(?:\w+\s+)?(?:jk|j/k|kidding|joking|just|was\s+a\s+joke)`,
        "i",
      ).test(near.replace(/[^\w\s,()'/-]/g, " ")),
    );
    if (placed) continue;
    const before = text.slice(0, m.index);
    if (EMPHASIS.test(before) || /\b(?:no|not|isn'?t|wasn'?t|ain'?t)\s+(?:a\s+)?$/i.test(before)) continue;
    if (!/[a-z0-9]/i.test(before)) continue; // the joke leads: it is about my last words
    const after = text.slice(m.index + m[0].length);
    const words = after.split(/[^a-z0-9'/]+/i).filter(Boolean);
    if (words.length > 5 || REQUEST.test(after)) continue;
    return m[0].trim();
  }
  return undefined;
}

function describe(c: PlanCall): string {
  const a = c.args as Record<string, unknown>;
  if (c.tool === "removeRecipe") return `remove ${String(a.name)}`;
  if (c.tool === "createUser") return `sudo for ${String(a.username)}`;
  return `erase ${String(a.disk)}`;
}

export function screenJokedRequests(decision: Decision, conv: ConversationView): Decision {
  if (!("calls" in decision) || !decision.calls.length) return decision;
  const calls = decision.calls as PlanCall[];
  const destructive = (c: PlanCall) =>
    c.tool === "removeRecipe" || erasesWholeDisk(c) || (c.tool === "createUser" && c.args.sudo === true);
  if (!calls.some(destructive)) return decision;
  const names = calls.flatMap((c) => (c.tool === "createUser" ? [String(c.args.username)] : []));
  const mark = jokeMark(conv.user, names);
  if (!mark) return decision;
  const taken = calls.filter(destructive);
  const rest: PlanCall[] = [];
  for (const c of calls) {
    if (!destructive(c)) rest.push(c);
    else if (
      c.tool === "createUser" &&
      !conv.pending.some((p) => p.tool === "createUser" && p.args.username === c.args.username)
    )
      rest.push({ ...c, args: { ...c.args, sudo: false } } as PlanCall);
  }
  const ask = `That ended with "${mark}", so I read it as a joke and haven't planned ${taken.map(describe).join(", ")}. If you mean it, say it again without the joke.`;
  if (!rest.length) return { reply: ask };
  return {
    reply: `${ask} Shall I do the rest (${rest.length} change${rest.length > 1 ? "s" : ""})?`,
    offer: { calls: rest.slice(0, MAX_CALLS) },
  };
}
