import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import type { ConversationView, PlanCall } from "../types.js";
import { ALIASES } from "./tokens.js";

/**
 * Edits of the programs already in the plan, said about the plan rather than about the programs
 * (retired held-out set, dev12-keep "edit removes fzf", "edit removes htop"): after "bin jq, fzf
 * and starship", "all of them but fzf, sorry" removed fzf — the bare follow-up took the last
 * turn's verb for the one program excepted; after "remove htop", "remove it from the list, I've
 * changed my mind" removed htop again. Read here before any backend:
 * - "all of them but fzf", "the lot except eza", "everything bar jq please": the plan goes ahead
 *   without the programs excepted; "keep everything except dust" (removals planned): only dust's
 *   removal stays; "drop/cancel/forget all of them except ripgrep": only ripgrep's step stays.
 * - "never mind the lot", "scratch both", "forget all of them": every planned program step goes
 *   ("cancel all that", "forget everything" say no to the whole plan, and are read as that).
 * - "remove it from the list", "take htop off the plan", "strike that from the queue": the step goes.
 * Only programs that have a step in the plan are read; anything else is left to the other readers.
 */

type RecipeCall = Extract<PlanCall, { tool: "installRecipe" | "removeRecipe" }>;
const isRecipe = (c: PlanCall): c is RecipeCall => c.tool === "installRecipe" || c.tool === "removeRecipe";

const OPENER =
  /^(?:(?:ok(?:ay)?|hmm+|hm+|actually|sorry|oh|wait|no|nah|right|then|yes|yeah|yep|well|so|erm|um+|and|but|on second thought|come to think of it|tbh|honestly)[\s,.!]+)+/;
const CLOSER =
  /(?:[\s,.!]+(?:sorry|please|pls|plz|thanks|thank you|thx|ta|then|instead|actually|mate|tho|though|if you would|if you don'?t mind|i(?:'ve| have)? changed my mind|changed my mind|my bad|my mistake))+[\s.!]*$/;

const ALL =
  "(?:all|everything|every one(?: of them)?|the (?:whole )?lot|all of (?:them|those|these|it)|them all|those all|all (?:three|four|five|the rest|those|these)|the rest|each of them)";
const BUT =
  "(?:but(?: not)?|except(?: for)?|excepting|besides|bar|barring|apart from|aside from|other than|save(?: for)?|minus|excluding|not|without|leaving out|sans|less)";
const GO = "(?:do|keep|go ahead with|go with|proceed with|plan|install|add|remove|uninstall|yes to)";
const CANCEL =
  "(?:drop|cancel|scratch|forget(?: about)?|never ?mind|nevermind|undo|skip|lose|strike|bin|ditch|nix|cut|leave out|take out)";

const EXCEPT_EDIT = new RegExp(`^(?:(${GO}|${CANCEL})\\s+)?${ALL}\\s+${BUT}\\s+(.+)$`);
const ALL_GONE = new RegExp(
  `^${CANCEL}\\s+(?:the (?:whole )?lot|all of (?:them|those|these)|them all|both(?: of them)?|all (?:three|four|five|those|these)|the lot of them)(?:[\\s,]+(?:and\\s+)?keep (?:everything|it all|all of it|what i have)(?: as it is)?)?$`,
);
const FROM_LIST =
  /^(?:please\s+)?(?:remove|take|strike|delete|drop|cross|get|pull|scratch|knock|cut)\s+(.+?)\s+(?:off|out of|off of|from)\s+(?:the\s+|my\s+|that\s+|this\s+)?(?:list|plan|queue|changes|to-?do(?: list)?|pending(?: changes)?|things to do)$/;
const PRONOUN = /^(?:it|that|this|that one|this one|them|those|these|both|that step|the last one)$/;

function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .trim()
    .replace(OPENER, "")
    .replace(CLOSER, "")
    .replace(/[.!]+$/, "")
    .trim();
}

/** The planned program steps a list of names ("fzf", "jq and bat", "nvim") points at; undefined when any word is no planned program. */
function stepsNamed(list: string, steps: readonly RecipeCall[]): RecipeCall[] | undefined {
  const words = list
    .split(/\s*(?:,|\band\b|&|\bor\b|\bnor\b|\bplus\b|\+)\s*/)
    .map((w) => w.trim().replace(/^(?:the|my)\s+/, ""))
    .map((w) => w.replace(/\s+(?:one|bit|step|install|removal)$/, ""))
    .filter(Boolean);
  if (!words.length) return undefined;
  const out: RecipeCall[] = [];
  for (const w of words) {
    const name = steps.some((s) => s.args.name === w) ? w : ALIASES[w];
    const hit = steps.filter((s) => s.args.name === name);
    if (!hit.length) return undefined;
    out.push(...hit);
  }
  return out;
}

function drop(calls: readonly RecipeCall[]): Decision {
  return { drop: calls.map((c) => ({ tool: c.tool, args: { name: c.args.name } })) } as Decision;
}

export function readRecipePlanEdit(conv: ConversationView, facts: Facts): Decision | undefined {
  const steps = conv.pending.filter(isRecipe);
  if (!steps.length || conv.user.includes("?")) return undefined;
  const text = plain(conv.user);
  const onlyRecipes = steps.length === conv.pending.length;

  const except = EXCEPT_EDIT.exec(text);
  if (except) {
    const verb = except[1] ?? "";
    const named = stepsNamed(except[2]!, steps);
    if (!named) return undefined;
    const others = steps.filter((s) => !named.includes(s));
    if (!others.length) return undefined;
    if (new RegExp(`^${CANCEL}$`).test(verb)) {
      // "bin all of them but fzf" with removals planned removes the others: the same as "all but fzf"
      const removalVerb = /^(?:drop|bin|ditch|lose|nix|cut)$/.test(verb);
      if (removalVerb && named.some((s) => s.tool === "removeRecipe")) return undefined;
      return drop(others);
    }
    if (verb === "keep") {
      // "keep everything except dust" with removals planned: every program stays but dust
      if (named.every((s) => s.tool === "removeRecipe") && others.every((s) => s.tool === "removeRecipe"))
        return drop(others);
      if (named.every((s) => s.tool === "installRecipe")) return drop(named);
      return undefined;
    }
    // "install all but eza" with removals planned, "remove all but fzf" with installs planned:
    // a new request about other programs, not an edit
    if (/^(?:install|add)$/.test(verb) && named.some((s) => s.tool !== "installRecipe")) return undefined;
    if (/^(?:remove|uninstall)$/.test(verb) && named.some((s) => s.tool !== "removeRecipe")) {
      // ... except where nothing is installed to remove (the live system): then the plan is all
      // the words can mean, and its other programs go (tester 20 D3: "remove everything except
      // ripgrep" with ripgrep, fd and bat planned took ripgrep out and kept fd and bat)
      const installs = others.filter((s) => s.tool === "installRecipe");
      if ((facts.mode === "live" || !facts.installed.length) && installs.length === others.length)
        return drop(installs);
      return undefined;
    }
    return drop(named);
  }

  if (onlyRecipes && ALL_GONE.test(text)) return drop(steps);

  const listed = FROM_LIST.exec(text);
  if (listed) {
    const what = listed[1]!.replace(/^(?:the\s+)?/, "");
    if (PRONOUN.test(what)) {
      if (steps.length === 1) return drop(steps);
      // the program talked about last, when it has a step in the plan
      const last = [...conv.entities].reverse().find((e) => e.kind === "recipe");
      const hit = steps.filter((s) => s.args.name === last?.value);
      if (/^(?:them|those|these|both)$/.test(what)) return onlyRecipes ? drop(steps) : undefined;
      return hit.length ? drop(hit) : undefined;
    }
    const named = stepsNamed(what.replace(/\s+(?:removal|install|step)$/, ""), steps);
    return named ? drop(named) : undefined;
  }
  return undefined;
}
