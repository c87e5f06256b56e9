import { type Decision, sameCall } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";

/**
 * A planned step named as a THING, "the starship removal", "the removal of starship", "the lazygit
 * install" (dev h22m-046#2: "cancel the starship removal, it's in the team dotfiles" planned the
 * removal again). A step said as a noun is the object of what the sentence does to it: cancelled,
 * kept, asked about. It never asks for the step a second time, since it is already planned. So a
 * reading that only adds again, unchanged, a pending step the turn names this way did not read
 * the verb: the turn is asked about, and nothing is added. The same for "the X account".
 */

const REMOVAL_NOUNS = "removal|uninstall|uninstallation|deletion|purge";
const INSTALL_NOUNS = "install|installation|addition";

function namedAsStep(text: string, name: string, nouns: string, verbs: string): boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return (
    new RegExp(`\\b${n}(?:'s)?\\s+(?:${nouns})\\b`, "i").test(text) ||
    new RegExp(`\\b(?:${nouns})\\s+of\\s+(?:the\\s+)?${n}\\b`, "i").test(text) ||
    // the same made plain before the readers see it ("the starship removal" is "the remove starship")
    new RegExp(`\\b(?:the|that|this)\\s+(?:${verbs})\\s+${n}\\b`, "i").test(text)
  );
}

/** The step as said back, and the words that take it out (read by agent/rules/edits.ts). */
function stepNamed(c: PlanCall, text: string): { step: string; undo: string } | undefined {
  if (
    c.tool === "removeRecipe" &&
    namedAsStep(text, c.args.name, REMOVAL_NOUNS, "remove|uninstall|delete|purge")
  )
    return { step: `removing ${c.args.name}`, undo: `keep ${c.args.name}` };
  if (c.tool === "installRecipe" && namedAsStep(text, c.args.name, INSTALL_NOUNS, "install|add"))
    return { step: `installing ${c.args.name}`, undo: `no ${c.args.name}` };
  if (c.tool === "createUser" && namedAsStep(text, c.args.username, "account|user", "create|add"))
    return { step: `creating ${c.args.username}`, undo: `don't create ${c.args.username}` };
  return undefined;
}

export function stepNamedAgain(d: Decision, text: string, conv: ConversationView): Decision {
  if (!("calls" in d) || !d.calls.length || !conv.pending.length) return d;
  const calls = d.calls as PlanCall[];
  if (!calls.every((c) => conv.pending.some((p) => sameCall(p, c)))) return d;
  const named = calls.map((c) => stepNamed(c, text)).filter((x) => x !== undefined);
  if (!named.length) return d;
  const steps = named.map((n) => n.step).join(" and ");
  const undo = named.map((n) => `"${n.undo}"`).join(" or ");
  return {
    reply: `${steps[0]!.toUpperCase()}${steps.slice(1)} is already in the plan; I changed nothing. To take it out, say ${undo}; to go ahead with the plan, say "yes".`,
  };
}
