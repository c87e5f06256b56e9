import type { Decision } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";
import { type Ctx, capabilities, finish, reply } from "./context.js";
import { objectFallback } from "./objectFallback.js";

/** What the steps of parseTurn gathered: the calls, what cannot be done, and what is only offered. */
export interface Outcome {
  calls: PlanCall[];
  problems: string[];
  /** Programs named by an alias or abbreviation ("hx", "lg"): asked about, never assumed. */
  guessed: { said: string; name: string; tool: "installRecipe" | "removeRecipe" }[];
  /** One call a question offers ("Do you mean helix?"): a "yes" takes it. */
  single: PlanCall[];
  /** The one disk, offered rather than assumed ("install levitate" → "Install onto /dev/sda?"). */
  diskOffer: PlanCall | undefined;
  /** Pending installs a removal named ("take fzf off the list"): dropped where that is all (CONTRACTS §2). */
  drops?: string[];
}

export function emptyOutcome(): Outcome {
  return { calls: [], problems: [], guessed: [], single: [], diskOffer: undefined };
}

/**
 * Every clause accounted for: what cannot be done is said, and what can is offered with it; a
 * guess or a single offered call is a question a "yes" takes.
 */
export function outcomeDecision(out: Outcome, text: string, ctx: Ctx): Decision {
  const { facts, allowed } = ctx;
  const { calls, problems, guessed, single, diskOffer } = out;
  // "remove fzf" with fzf only planned: the pending install is taken out, when the turn asks nothing else
  const drops = out.drops ?? [];
  if (
    drops.length &&
    drops.length === problems.length &&
    !calls.length &&
    !guessed.length &&
    !single.length &&
    !diskOffer
  )
    return { drop: drops.map((name) => ({ tool: "installRecipe" as const, args: { name } })) };
  if (guessed.length) {
    const asks = guessed.map((g) => `${g.name} (for "${g.said}")`).join(" and ");
    const offer = [...calls, ...guessed.map((g) => ({ tool: g.tool, args: { name: g.name } }) as PlanCall)];
    const checked = finish(offer, ctx);
    if ("calls" in checked)
      return {
        reply: `${problems.length ? `${problems.join(" ")} ` : ""}Do you mean ${asks}?`,
        offer: { calls: checked.calls },
      };
  }
  if (single.length && single.length === problems.length) {
    const offered = [...calls, ...single];
    const checked = finish(offered, ctx);
    if ("calls" in checked)
      return {
        reply: `${problems.join(" ")}${calls.length ? ` "yes" adds it with the rest (${calls.map(callText).join(", ")}).` : ""}`,
        offer: { calls: checked.calls },
      };
  }
  if (diskOffer && problems.length === 1) {
    const checked = finish([diskOffer, ...calls], ctx);
    if ("calls" in checked) return { reply: problems[0]!, offer: { calls: checked.calls } };
  }
  if (problems.length && calls.length) {
    const checked = finish(calls, ctx);
    if ("calls" in checked)
      return {
        reply: `${problems.join(" ")} Shall I add the rest (${checked.calls.map(callText).join(", ")})?`,
        offer: { calls: checked.calls },
      };
  }
  if (problems.length) return reply(problems.join(" "));
  if (!calls.length)
    return (
      objectFallback(text, ctx) ??
      reply(`I didn't find anything to do in that. ${capabilities(facts, allowed)}`)
    );
  return finish(calls, ctx);
}

function callText(c: PlanCall): string {
  switch (c.tool) {
    case "partitionDisk":
      return `install on ${c.args.disk}`;
    case "createUser":
      // an offer says the grant it holds: "yes" takes exactly what is shown (tester 9 D8)
      return `user ${c.args.username}${c.args.sudo ? " with sudo" : ""}`;
    case "installRecipe":
      return `install ${c.args.name}${c.args.version ? ` ${c.args.version}` : ""}`;
    case "removeRecipe":
      return `remove ${c.args.name}`;
    case "setHostname":
      return `hostname ${c.args.hostname}`;
    case "setLocale":
      return "language, keyboard and time zone";
  }
}
