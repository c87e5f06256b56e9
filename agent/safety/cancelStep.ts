import type { Disk, Facts } from "../../facts/schema.js";
import type { Decision, DropEntry } from "../../tools/decision.js";
import { renamesHost } from "../rules/hostname.js";
import type { ConversationView, PlanCall } from "../types.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * Taking back a step already planned (findings3 DANGEROUS 1): "cancel the erase", "cancel the wipe
 * of the wd, my games are on it", "never mind the wd", "cancel the nvme" with an install on that
 * disk pending drop the install; "cancel that" / "oh wait my thesis is on windows. cancel that"
 * drops the last change, and only it. Read for every backend, before it decides (agent/turn.ts):
 * words that take a disk step back must never be read as the step again.
 *
 * Only when the words say nothing else to do ("cancel the erase and use the samsung" is a
 * correction: the backend reads it), and only about what is pending.
 */

const CANCEL =
  /\b(?:cancel|cancle|cancell?|cansel|canel|cancell?ed|never\s*mind|nevermind|nvm|scrap|scratch|forget(?:\s+about)?|undo|revert|roll\s+back|rollback|reverse|abort|call\s+off|drop|skip)\b/i;
/** Verbs that take a change back rather than answer the plan: "undo that", "scratch that". */
const UNDOES =
  /^(?:undo|revert|roll\s+back|rollback|reverse|scratch|scrap|never\s*mind|nevermind|nvm|drop|skip)$/i;
/** Words that name the install step itself rather than a disk. */
const STEP =
  /\b(?:erase|erasing|erasure|wipe|wiping|format|formatting|reformat|install(?:ation)?|partition|partitioning|nuke|nuking|disk|drive|ssd|whole\s+thing)\b/i;
/**
 * The whole plan: "cancel it all", "cancel the whole thing", "scrap all of that". Read as the last
 * change, "it all" dropped only the last turn's steps and left the earlier ones planned.
 */
const WHOLE =
  /^(?:(?:it|this|that)\s+all|all(?:\s+of)?\s+(?:it|that|this)|all|everything|the\s+(?:whole|entire)\s+(?:thing|plan|lot|list|setup)|the\s+lot|all\s+the\s+(?:changes|steps)|the\s+plan)(?:\s+(?:please|pls|then|now|too))*\s*$/i;
const LAST = /^(?:the\s+)?(?:that|it|this|that\s+one|the\s+last\s+change|last\s+change)\b/i;
/** A request after the take-back: the backend's to read. */
const REQUEST =
  /\b(?:use|install|put|erase|wipe|format|add|create|give|make|set|encrypt|instead|pick|go\s+with)\b/i;

function words(s: string): string[] {
  return s.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** The words a person calls a disk by: "sda", "nvme", "samsung", "wd", "sata". */
function diskWords(d: Disk): Set<string> {
  const out = new Set<string>([d.path.replace(/^\/dev\//, ""), d.path]);
  if (d.transport) out.add(d.transport.toLowerCase());
  for (const w of words(d.model ?? "")) if (w.length >= 2 && !/^\d+$/.test(w)) out.add(w);
  if (/^nvme/.test(out.values().next().value ?? "")) out.add("nvme");
  return out;
}

/** The drop entry that identifies a pending call. */
export function entryOf(call: PlanCall): DropEntry {
  switch (call.tool) {
    case "partitionDisk":
      return { tool: "partitionDisk", args: { disk: call.args.disk } };
    case "createUser":
      return { tool: "createUser", args: { username: call.args.username } };
    case "installRecipe":
      return { tool: "installRecipe", args: { name: call.args.name } };
    case "removeRecipe":
      return { tool: "removeRecipe", args: { name: call.args.name } };
    case "setHostname":
      return { tool: "setHostname", args: { hostname: call.args.hostname } };
    case "setLocale":
      return { tool: "setLocale", args: {} };
  }
}

/** The pending calls the last change added (the last turn whose decision added steps). */
function lastChange(conv: ConversationView): PlanCall[] {
  for (let i = conv.turns.length - 1; i >= 0; i--) {
    const d = conv.turns[i]!.decision;
    if (!("calls" in d)) continue;
    return conv.pending.filter((p) =>
      d.calls.some(
        (c) => c.tool === p.tool && JSON.stringify(entryOf(c as PlanCall)) === JSON.stringify(entryOf(p)),
      ),
    );
  }
  return [];
}

/** A drop decision when the words take a pending step back; undefined to let the backend read them. */
export function readCancelStep(conv: ConversationView, facts: Facts): Decision | undefined {
  if (!conv.pending.length) return undefined;
  const m = CANCEL.exec(conv.user);
  if (!m) return undefined;
  const before = conv.user.slice(0, m.index);
  // "install fd, cancel that": a take-back of this turn's own words (agent/safety/takeback.ts)
  if (REQUEST.test(before)) return undefined;
  const rest = conv.user.slice(m.index + m[0].length);
  // the object: up to the end of the clause
  const clause = rest.split(/[,;.!?]|\b(?:and|but|because|cause|cuz|since)\b/i)[0] ?? "";
  const after = rest.slice(clause.length);
  if (REQUEST.test(after) && !/\b(?:are|is|was|were)\s+on\s+it\b|\bon\s+it\b/i.test(after)) return undefined;
  const object = clause.trim();
  // "no no no. lazygit needs it. cancel": a bare "cancel" closing the turn, after words that ask
  // for nothing, says no to the plan; the reasons before it are no request of their own
  if (!object && !after.replace(/[,;.!?\s]/g, "") && /(?:^|[.!?;,]|\bso|\bjust|\bplease)\s*$/i.test(before))
    return { confirm: false };
  // "cancel it all" with several steps planned says no to all of them
  if (WHOLE.test(object) && !after.replace(/[,;.!?\s]/g, "")) return { confirm: false };
  // "undo, I still need it", "revert!": an undo said alone takes back the last change
  const bareUndo = !object && UNDOES.test(m[0]) && /^\s*(?:[,;.!]|$)/.test(rest);
  if (LAST.test(object) || bareUndo) {
    const last = lastChange(conv);
    if (!last.length) return undefined;
    // "scrap that — runner-01": a hostname taken back for a new one is a correction
    const host = last.every((c) => c.tool === "setHostname") ? renamesHost(conv.user) : undefined;
    const said = new Set(words(conv.user));
    const other =
      host &&
      (facts.disks.some((d) => [...diskWords(d)].some((w) => said.has(w))) ||
        [...facts.recipes, ...facts.installed, ...facts.users].includes(host));
    if (host && !other) return undefined;
    // the last change was the whole plan: "cancel it", "nope, forget it" say no to it; "undo that",
    // "scratch that" take the change back, as they do with more planned ("cancel that disk" and
    // "forget that, dont partition anything yet" name the step: a drop of it)
    const namesStep = STEP.test(after) || (STEP.test(object) && last.some((c) => c.tool === "partitionDisk"));
    if (last.length === conv.pending.length && !UNDOES.test(m[0]) && !namesStep) return { confirm: false };
    return { drop: last.map(entryOf) };
  }
  const installs = conv.pending.filter((c) => c.tool === "partitionDisk");
  if (!installs.length) return undefined;
  const said = new Set(words(object));
  const named = facts.disks.filter((d) => [...diskWords(d)].some((w) => said.has(w)));
  const targets = named.length
    ? installs.filter((c) => named.some((d) => d.path === c.args.disk))
    : STEP.test(object)
      ? installs
      : [];
  // "cancel the samsung" while the wd is planned: never read as a move onto the samsung
  if (!targets.length && named.length)
    return {
      reply: `Nothing in the plan touches ${named.map((d) => d.path).join(" or ")}; the plan installs on ${installs.map((c) => c.args.disk).join(", ")}. To drop that, say "cancel the install".`,
    };
  if (!targets.length) return undefined;
  return { drop: targets.map(entryOf) };
}

/** "dont wipe it yet", "hmm ok dont erase it then", "do not format the nvme after all". */
const NEGATED_ERASE =
  /\b(?:dont|don't|do\s+not|dnt|never)\s+(?:(?:actually|really|yet|now|please|pls)\s+)?(?:wipe|erase|format|reformat|nuke|overwrite|delete)\b/i;
const FILLER_OBJECT =
  /\b(?:it|that|this|the|disk|drive|ssd|yet|then|now|for now|after all|anymore|any more|please|pls|ok|okay|either|at all|just)\b/gi;

/**
 * "wait i changed my mind dont wipe it yet", "hmm ok dont wipe it then": with the erase of a disk
 * pending, a negated erase of it (or of "it") takes that step out, and only it (the users and
 * programs planned stay); never read as the erase again. A correction after it ("dont wipe it, put
 * it next to fedora") is the backend's to read.
 */
export function readNegatedErase(conv: ConversationView, facts: Facts): Decision | undefined {
  const erases = conv.pending.filter((c) => erasesWholeDisk(c));
  if (!erases.length) return undefined;
  const m = NEGATED_ERASE.exec(conv.user);
  if (!m) return undefined;
  const rest = conv.user.slice(m.index + m[0].length);
  const clause = rest.split(/[,;.!?]|\b(?:and|but|because|cause|cuz|since|i|my)\b/i)[0] ?? "";
  if (REQUEST.test(rest.slice(clause.length)) || REQUEST.test(conv.user.slice(0, m.index))) return undefined;
  const said = new Set(words(clause));
  const named = facts.disks.filter((d) => [...diskWords(d)].some((w) => said.has(w)));
  const leftover = clause.replace(FILLER_OBJECT, " ").trim();
  const targets = named.length
    ? erases.filter((c) => named.some((d) => d.path === c.args.disk))
    : leftover === ""
      ? erases
      : [];
  if (!targets.length) return undefined;
  return { drop: targets.map(entryOf) };
}
