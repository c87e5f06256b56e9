import type { Decision, DropEntry } from "../../tools/decision.js";
import { isKeepWord, isNegator } from "../safety/protectLexicon.js";
import type { PlanCall } from "../types.js";
import type { Ctx } from "./context.js";
import { accountSaidAway, offThePlan } from "./pendingDropPlaces.js";
import type { Token } from "./text.js";
import { ALIASES, normalizeTokens } from "./tokens.js";
import { INSTALL_VERBS } from "./vocab.js";

/**
 * A drop of a pending step read from the SHAPE of a turn, not its verb (issue 14, round 22): the
 * turn names exactly one known program, that program is a step of the pending plan, and the turn
 * points the other way from the step. The verb is left unread ("Mulligan on tmux", "Throw the btop
 * back", "Erratum: delta should be retained", "scratch the jq, it stays off the tab"):
 * - a pending REMOVAL of X and the turn keeps X (a keep word or a word built on keep/stay/retain/
 *   remain: "fd's a keeper", "it stays in the bag", "should be retained", "Let it stay"): the
 *   removal is dropped. Dropping a removal is the safe direction: nothing is taken.
 * - a pending INSTALL of X and the turn says X away: a particle of reversal ("back", "off",
 *   "away", "out": "throw it back", "leave it off", "turn it away", "hold off on btop") or a
 *   negator said of it ("not btop yet", "eza nogat", "o fd non"), with no verb of installing, no
 *   keep and no assent beside it. A dropped install takes nothing from the machine.
 * Anything else stays as the readers left it (objectFallback.ts asks "Take install X out of the
 * plan?"). A question, or a turn naming two programs, is never read here.
 */

/** Particles that turn an act back: "throw it BACK", "leave it OFF", "turn it AWAY", "take it OUT". */
const REVERSAL = new Set(["back", "off", "away", "out", "rollback"]);

/** Words for the other things: a keep said of them is no keep of the one named. */
const OTHERS = new Set(["else", "rest", "other", "others", "everything", "everyone", "all", "remaining"]);

/** Going away: said beside a pending removal, it says the removal again. */
const GOES = new Set(["go", "goes", "gone", "going", "leaves", "leaving", "remove", "removed", "delete"]);

/** Assent and approval: "nah, btop is fine" keeps the step, whatever negator it has. */
const ASSENT = new Set(["ok", "okay", "fine", "good", "great", "sure", "perfect", "right"]);

/** Verbs that use or look at a program, where "out" or "off" is their own particle ("check out btop"). */
const LOOK_VERBS = new Set([
  "check",
  "try",
  "test",
  "print",
  "figure",
  "find",
  "sort",
  "show",
  "log",
  "sign",
]);

/** A word built on keeping or staying: "keeper", "stays", "retained", "remains", "staying". */
function keepShaped(w: string): boolean {
  return isKeepWord(w) || /^(?:keep|stay|retain|remain)/.test(w);
}

function programAt(t: Token, names: readonly string[]): string | undefined {
  if (t.kind !== "word" && t.kind !== "number") return undefined;
  for (const n of [t.norm, t.raw.toLowerCase()]) {
    const name = names.includes(n) ? n : ALIASES[n];
    if (name && names.includes(name)) return name;
  }
  return undefined;
}

function stepNamed(pending: readonly PlanCall[], name: string): PlanCall | undefined {
  const steps = pending.filter(
    (c) => (c.tool === "installRecipe" || c.tool === "removeRecipe") && c.args.name === name,
  );
  return steps.length === 1 ? steps[0] : undefined;
}

/**
 * The drop the shape of the turn asks for, or undefined. `d` is the readers' decision: only a reply
 * (they read nothing they could act on) or calls that only repeat the pending plan are replaced.
 */
export function shapedDrop(d: Decision, text: string, ctx: Ctx): Decision | undefined {
  const { conv, facts } = ctx;
  if (!conv.pending.length || text.includes("?")) return undefined;
  const repeats =
    "calls" in d &&
    d.calls.every((c) =>
      conv.pending.some((p) => p.tool === c.tool && JSON.stringify(p.args) === JSON.stringify(c.args)),
    );
  if (!("reply" in d) && !repeats) return undefined;
  const tokens = normalizeTokens(text, facts);
  const names = [...new Set([...facts.recipes, ...facts.installed])];
  const named = [...new Set(tokens.map((t) => programAt(t, names)).filter((n) => n !== undefined))];
  // "Pull benny off the baseplate", "carl cancelled, take him off" (pendingDropPlaces.ts)
  if (!named.length) {
    const away = accountSaidAway(tokens, conv.pending);
    return away ? { drop: away } : undefined;
  }
  if (named.length !== 1) return undefined;
  const step = stepNamed(conv.pending, named[0]!);
  if (!step || (step.tool !== "installRecipe" && step.tool !== "removeRecipe")) return undefined;
  const words = tokens.filter((t) => t.kind === "word").flatMap((t) => [t.norm, t.raw.toLowerCase()]);
  const drop: DropEntry[] = [{ tool: step.tool, args: { name: step.args.name } } as DropEntry];
  if (step.tool === "removeRecipe") {
    const keptHere = (conv.protections ?? []).some(
      (p) =>
        p.kind === "recipe" &&
        p.name === step.args.name &&
        (!p.said || text.toLowerCase().includes(p.said.toLowerCase())),
    );
    // "neovim is a pet, not a pest. Take it off the list": off the plan, not off the machine
    // (pendingDropPlaces.ts); dropping a removal takes nothing
    const plain = tokens.filter((t) => t.kind === "word").map((t) => t.norm);
    if (offThePlan(plain) && !words.some((w) => OTHERS.has(w) || GOES.has(w))) return { drop };
    // "tmux goes, everything else stays": the keep is of the others, the removal is said again
    if (words.some((w) => OTHERS.has(w) || GOES.has(w) || REVERSAL.has(w))) return undefined;
    return keptHere || words.some(keepShaped) ? { drop } : undefined;
  }
  // a pending install: said away, never asked for again, kept or agreed to ("leave it off" is no
  // keep: its particle says where the program is left)
  const reversed = words.some((w) => REVERSAL.has(w));
  const kept = words.some((w) => keepShaped(w) && !(reversed && /^leav/.test(w)));
  if (kept || words.some((w) => INSTALL_VERBS.has(w) || ASSENT.has(w) || LOOK_VERBS.has(w))) return undefined;
  return reversed || words.some(isNegator) ? { drop } : undefined;
}
