import type { Decision } from "../../tools/decision.js";

/**
 * "reinstall ripgrep", "reinstall helix, its broken" (findings3 DANGEROUS 6): a reinstall is never
 * read as a lone removal. The plan cannot hold a removal and an install of one program (the later
 * replaces the earlier), so it is said not to be offered, with the two steps that do it.
 */
const REINSTALL = /\bre-?\s?instal+(?:l|ed|ing)?\b/i;

export function screenReinstall(decision: Decision, user: string): Decision {
  if (!REINSTALL.test(user) || !("calls" in decision)) return decision;
  const removed = decision.calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));
  if (!removed.length) return decision;
  const names = removed.join(", ");
  return {
    reply: `I don't offer a reinstall, so I removed nothing. To reinstall ${names}: say "remove ${removed[0]}", run that plan, then "add ${removed[0]}".`,
  };
}
