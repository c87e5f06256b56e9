import type { Facts } from "../../facts/schema.js";
import type { ConversationView, PlanCall } from "../types.js";
import { erasesWholeDisk } from "./wholeErase.js";

/**
 * The pronoun rule, for every destructive call (whole-disk erase, removal, sudo grant): a
 * reference ("it", "that one", "the same", "her", "them") carries one only when the thing it
 * points to was settled by the turn before: my last question, offer or plan change named exactly
 * that one target, or the user's last turn named exactly one. Pronoun resolution elsewhere
 * (agent/rules/context.ts, recipeReference.ts) picks the most recent mention, which is right for
 * an install and a guess for an erase: a guess that costs a disk, a program or root is asked.
 * Called from the certainty gate (./certaintyGate.ts), the one place every destructive call of
 * every backend passes through.
 */

export type TargetKind = "disk" | "recipe" | "user";

/** What names targets of a kind in a text (the gate's own mention finders). */
export type Namer = (text: string, kind: TargetKind) => Set<string>;

/** Words that point back at a thing: "it", "that one", "this", "the same". */
const THING_REFS = /^(it|its|that|this|those|these|them|same)$/;
/** Words that point back at a person: "give her sudo", "make him admin", "them too". */
const PERSON_REFS = /^(her|him|them|he|she|they|their|his|same)$/;
/**
 * "that" starts a clause before a subject ("make sure that linux fits", "so that I can"): no
 * reference there.
 */
const SUBJECT =
  /^(i|you|we|it|he|she|they|the|a|an|my|there|linux|everything|nothing|all|this|is|was|would|will)$/;
/**
 * A turn that picks by contrast or order ("the other one", "the second", "the rest") is read by
 * the readers of those words (otherAmongListed.ts, otherOfKind.ts): not a bare reference.
 */
const CONTRAST =
  /^(other|another|else|first|second|third|last|former|latter|rest|remaining|bigger|smaller|biggest|smallest|larger|largest)$/;

function toks(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/[^\p{L}\p{N}_'/-]+/u)
    .filter(Boolean);
}

/** Whether the words point back at something of the kind without naming it. */
export function refersBack(text: string, kind: TargetKind): boolean {
  const t = toks(text);
  if (t.some((w) => CONTRAST.test(w))) return false;
  const refs = kind === "user" ? PERSON_REFS : THING_REFS;
  return t.some((w, i) => refs.test(w) && !(w === "that" && SUBJECT.test(t[i + 1] ?? "")));
}

export function targetOf(call: PlanCall): { kind: TargetKind; value: string } | undefined {
  if (call.tool === "removeRecipe") return { kind: "recipe", value: call.args.name };
  if (call.tool === "createUser" && call.args.sudo === true)
    return { kind: "user", value: call.args.username };
  if (call.tool === "partitionDisk" && erasesWholeDisk(call)) return { kind: "disk", value: call.args.disk };
  return undefined;
}

function callTarget(call: PlanCall, kind: TargetKind): string | undefined {
  if (kind === "disk" && call.tool === "partitionDisk") return call.args.disk;
  if (kind === "recipe" && (call.tool === "removeRecipe" || call.tool === "installRecipe"))
    return call.args.name;
  if (kind === "user" && call.tool === "createUser") return call.args.username;
  return undefined;
}

/** The targets of a kind my last decision named: its question's words, its offer, its calls. */
function installerNamed(conv: ConversationView, kind: TargetKind, named: Namer): Set<string> {
  const last = conv.turns.at(-1)?.decision;
  const out = new Set<string>();
  if (!last) return out;
  const calls = "calls" in last ? last.calls : "reply" in last ? (last.offer?.calls ?? []) : [];
  for (const c of calls as PlanCall[]) {
    const v = callTarget(c, kind);
    if (v) out.add(v);
  }
  if ("reply" in last) for (const v of named(last.reply, kind)) out.add(v);
  return out;
}

const one = (s: ReadonlySet<string>, v: string): boolean => s.size === 1 && s.has(v);

/**
 * Whether a destructive call's target stands on a reference the turn before did not settle: the
 * words never name it, point back with a pronoun, and neither my last turn nor the user's named
 * exactly that one. Returns the candidates to ask between, or undefined when the call stands.
 */
export function unsettledReference(
  call: PlanCall,
  conv: ConversationView,
  facts: Facts,
  named: Namer,
): string[] | undefined {
  // An experiment, off unless LEVITATE_PRONOUN_RULE=1: on the dev sets it stopped 27 clear turns
  // ("put it on the big one", "install it": "it" is the system, the disk is described) and its
  // candidate list, put in a reply, made "the first disk" a different disk (dev9-mixed h8m-046)
  if (process.env.LEVITATE_PRONOUN_RULE !== "1") return undefined;
  const target = targetOf(call);
  if (!target) return undefined;
  const { kind, value } = target;
  if (named(conv.user, kind).has(value) || !refersBack(conv.user, kind)) return undefined;
  const mine = installerNamed(conv, kind, named);
  const theirs = named(conv.turns.at(-1)?.user ?? "", kind);
  if (one(mine, value) || one(theirs, value)) return undefined;
  // nothing of the kind named last turn: the one thing of the kind the plan holds is "it"
  const planned = new Set(conv.pending.flatMap((c) => callTarget(c, kind) ?? []));
  if (!mine.size && !theirs.size && one(planned, value)) return undefined;
  const near = new Set([...mine, ...theirs, ...planned]);
  if (near.size >= 2) return [...near];
  const all =
    kind === "disk"
      ? facts.disks.filter((d) => !d.mounted).map((d) => d.path)
      : kind === "recipe"
        ? [...near, value]
        : [...near, value];
  return [...new Set([value, ...all])];
}
