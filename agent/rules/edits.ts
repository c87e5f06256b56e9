import type { Decision, DropEntry } from "../../tools/decision.js";
import type { PlanCall } from "../types.js";
import type { Ctx } from "./context.js";
import { recipeOf } from "./recipes.js";
import type { Token } from "./text.js";
import { splitClauses, words } from "./tokens.js";
import { HOST_WORDS, KEYBOARD_WORDS, LOCALE_WORDS, SUDO_WORDS, TIME_WORDS } from "./vocab.js";

/**
 * Edits of the pending plan in words (CONTRACTS §2 `drop`): "forget about fd", "don't create
 * vince after all", "scratch the hostname", "drop eza and btop", "take bat out", "remove it" about
 * a program that is only planned. Only pending steps are dropped; a turn that also asks for
 * something else is left to the parser.
 */

/** Verbs that take something out of the plan (not off the machine). */
const DROP_VERBS = new Set([
  "forget",
  "scratch",
  "scrap",
  "drop",
  "cancel",
  "skip",
  "nix",
  "ditch",
  "undo",
  "omit",
]);
/** Verbs that remove from the machine; about a step that is only planned they drop it. */
const REMOVE_LIKE = new Set(["remove", "delete", "uninstall", "rid", "lose", "trash", "dump", "axe", "zap"]);
/** Verbs whose negation drops a planned step of their own kind ("don't create vince after all"). */
const NEGATABLE: Record<string, PlanCall["tool"][]> = {
  install: ["installRecipe"],
  add: ["installRecipe", "createUser"],
  create: ["createUser"],
  make: ["createUser"],
  set: ["setHostname", "setLocale"],
  remove: ["removeRecipe"],
  uninstall: ["removeRecipe"],
  delete: ["removeRecipe"],
  wipe: ["partitionDisk"],
  erase: ["partitionDisk"],
  format: ["partitionDisk"],
  partition: ["partitionDisk"],
};
const NEGATORS = new Set(["not", "dont", "never", "no"]);
/** Words that say again what was asked ("i said just tmux"), asking for nothing new. */
const RESTATE = new Set(["i", "said", "just", "only", "meant", "mean", "want", "wanted", "so", "like"]);

function entryOf(c: PlanCall): DropEntry {
  switch (c.tool) {
    case "partitionDisk":
      return { tool: "partitionDisk", args: { disk: c.args.disk } };
    case "createUser":
      return { tool: "createUser", args: { username: c.args.username } };
    case "installRecipe":
    case "removeRecipe":
      return { tool: c.tool, args: { name: c.args.name } };
    case "setHostname":
      return { tool: "setHostname", args: {} };
    case "setLocale":
      return { tool: "setLocale", args: {} };
  }
}

/** The pending steps a clause names: programs, users, "the hostname", "the disk", a pronoun. */
function targets(
  clause: readonly Token[],
  ctx: Ctx,
  names: readonly string[],
  tools?: PlanCall["tool"][],
): PlanCall[] {
  const pending = ctx.conv.pending.filter((c) => !tools || tools.includes(c.tool));
  const out: PlanCall[] = [];
  const add = (c: PlanCall | undefined) => {
    if (c && !out.includes(c)) out.push(c);
  };
  const w = words(clause);
  for (const t of clause) {
    if (t.kind !== "word") continue;
    const r = recipeOf(t, names);
    if (r)
      add(
        pending.find((c) => (c.tool === "installRecipe" || c.tool === "removeRecipe") && c.args.name === r),
      );
    add(pending.find((c) => c.tool === "createUser" && c.args.username === t.norm));
  }
  if (w.some((x) => HOST_WORDS.has(x)) || (w.includes("host") && w.includes("name")))
    add(pending.find((c) => c.tool === "setHostname"));
  if (w.some((x) => LOCALE_WORDS.has(x) || KEYBOARD_WORDS.has(x) || TIME_WORDS.has(x)))
    add(pending.find((c) => c.tool === "setLocale"));
  if (w.some((x) => ["disk", "drive", "partitioning", "partitions", "install", "installation"].includes(x)))
    add(pending.find((c) => c.tool === "partitionDisk"));
  if (w.some((x) => x === "user" || x === "account") && !out.some((c) => c.tool === "createUser")) {
    const users = pending.filter((c) => c.tool === "createUser");
    if (users.length === 1) add(users[0]);
  }
  if (!out.length && w.some((x) => ["it", "that", "this", "them", "those"].includes(x))) {
    // "remove it", "forget that": the last step added
    const last = ctx.conv.turns.at(-1)?.decision;
    if (last && "calls" in last)
      for (const c of last.calls)
        add(
          pending.find(
            (p) =>
              p.tool === c.tool &&
              JSON.stringify(entryOf(p).args) === JSON.stringify(entryOf(c as PlanCall).args),
          ),
        );
    else add(pending.at(-1));
  }
  return out;
}

/** A drop decision when every clause of the turn drops planned steps; undefined otherwise. */
export function readDrop(tokens: readonly Token[], ctx: Ctx, names: readonly string[]): Decision | undefined {
  const { conv, facts } = ctx;
  if (!conv.pending.length) return undefined;
  const clauses = splitClauses(tokens);
  const dropped: PlanCall[] = [];
  let dropping = false;
  for (const c of clauses) {
    const w = words(c).filter(
      (x) =>
        !["please", "pls", "actually", "oh", "hmm", "wait", "ok", "okay", "also", "and", "then"].includes(x),
    );
    if (!w.length) continue;
    // "remove sudo from vince", "drop his admin rights": a privilege changes, the user stays
    if (w.some((x) => SUDO_WORDS.has(x))) return undefined;
    const dropAt = w.findIndex((x) => DROP_VERBS.has(x) || (x === "never" && w.includes("mind")));
    const leaveOut = (w.includes("leave") || w.includes("take")) && w.includes("out");
    const removeAt = w.findIndex((x) => REMOVE_LIKE.has(x));
    const negAt = w.findIndex((x, i) => NEGATORS.has(x) && NEGATABLE[w[i + 1] ?? ""] !== undefined);
    const afterAll = w.join(" ").includes("after all") || w.includes("anymore");
    const planned = (x: string | undefined) => {
      const name = x && recipeOf({ kind: "word", raw: x, norm: x, start: 0, end: 0 }, names);
      return !!name && conv.pending.some((p) => p.tool === "installRecipe" && p.args.name === name);
    };
    // "no btop", "without btop": a planned program the words now refuse
    const noAt = w.findIndex((x, i) => ["no", "not", "without"].includes(x) && planned(w[i + 1]));
    let found: PlanCall[] = [];
    if (noAt >= 0 && dropAt < 0 && removeAt < 0 && negAt < 0) {
      found = targets(c, ctx, names, ["installRecipe"]).filter(
        (p) => p.tool === "installRecipe" && w.slice(noAt + 1).includes(p.args.name),
      );
    } else if (!dropping && w.every((x) => RESTATE.has(x) || planned(x)) && w.some((x) => planned(x))) {
      // "i said just tmux": what is planned already, said again
      continue;
    } else if (dropAt >= 0 || leaveOut) {
      found = targets(c, ctx, names);
    } else if (negAt >= 0 && (afterAll || w.includes("actually") || conv.pending.length)) {
      found = targets(c, ctx, names, NEGATABLE[w[negAt + 1]!]);
      // "don't remove git" with no removal planned is a protection, not an edit
      if (!found.length) return undefined;
    } else if (removeAt >= 0) {
      // "remove delta" when delta is only planned (not installed): drop the planned install
      found = targets(c, ctx, names, ["installRecipe", "createUser", "setHostname", "setLocale"]).filter(
        (p) => !(p.tool === "installRecipe" && facts.installed.includes(p.args.name)),
      );
      if (!found.length) return undefined;
    } else if (
      dropping &&
      w.every((x) => recipeOf({ kind: "word", raw: x, norm: x, start: 0, end: 0 }, names) || x === "too")
    ) {
      // "drop eza and btop": the names after the first continue the drop
      found = targets(c, ctx, names);
    } else if (w.some((x) => x === "keep" || x === "leave")) {
      // "drop eza, keep bat": keeping asks for nothing here
      continue;
    } else {
      return undefined;
    }
    if (!found.length) return undefined;
    dropping = true;
    for (const f of found) if (!dropped.includes(f)) dropped.push(f);
  }
  if (!dropped.length) return undefined;
  return { drop: dropped.slice(0, 8).map(entryOf) };
}
