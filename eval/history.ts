import type { ConversationView, Entity, EntityKind, PlanCall, TurnView } from "../agent/backend.js";
import type { Decision } from "../agent/decision.js";
import type { Facts } from "../agent/facts/schema.js";
import { TOOLS } from "../tools/registry.js";
import { formatSize } from "../tools/size.js";
import { argInfos } from "./args.js";
import { type Expect, type ExpectedCall, isAnyOf } from "./dataset.js";

/**
 * Teacher forcing (CONTRACTS §5): before turn N the conversation holds the EXPECTED outcomes of
 * turns 1..N-1, never the backend's own, so one miss does not cascade into the rest of a dialogue.
 */

/** An expected call made concrete: the first anyOf alternative, sizes as size strings, defaults filled. */
export function concreteCall(call: ExpectedCall): PlanCall {
  const infos = argInfos(call.tool);
  const args: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(call.args)) {
    let v = isAnyOf(raw) ? raw.anyOf[0] : raw;
    if (infos.get(name)?.kind === "size" && typeof v === "number") v = formatSize(v);
    args[name] = v;
  }
  const parsed = TOOLS[call.tool].args.safeParse(args);
  return { tool: call.tool, args: parsed.success ? parsed.data : args } as PlanCall;
}

/** The decision that stands for an expected outcome in the history. */
export function expectedDecision(expect: Expect, replyText: string | undefined): Decision {
  if ("calls" in expect) return { calls: expect.calls.map(concreteCall) };
  if ("confirm" in expect) return { confirm: expect.confirm };
  // The data set says only "a reply"; the backend's own words stand in when it did reply.
  return { reply: replyText ?? "(the assistant answered without changing the plan)" };
}

/** Calls that replace an earlier pending one instead of adding to it ("no wait, make it btrfs"). */
function sameSubject(a: PlanCall, b: PlanCall): boolean {
  if (a.tool !== b.tool) return false;
  switch (a.tool) {
    case "partitionDisk":
    case "setHostname":
    case "setLocale":
      return true;
    case "createUser":
      return a.args.username === (b.args as { username: string }).username;
    case "installRecipe":
    case "removeRecipe":
      return a.args.name === (b.args as { name: string }).name;
  }
}

export function applyToPending(pending: PlanCall[], decision: Decision): PlanCall[] {
  if ("confirm" in decision) return [];
  if (!("calls" in decision)) return pending;
  let next = [...pending];
  for (const c of decision.calls) {
    const k = next.findIndex((p) => sameSubject(p, c));
    if (k < 0) next.push(c);
    else if (c.tool === "setLocale") {
      // A later setLocale adds to the earlier one: "German keyboard" then "and Berlin time".
      next[k] = { tool: "setLocale", args: { ...next[k]!.args, ...c.args } } as PlanCall;
    } else next[k] = c;
  }
  if (next.length > 64) next = next.slice(-64);
  return next;
}

const ARG_ENTITY: Record<string, EntityKind> = {
  disk: "disk",
  username: "user",
  locale: "locale",
  keymap: "keymap",
  timezone: "timezone",
  hostname: "hostname",
};

function mention(list: Entity[], kind: EntityKind, value: string, turn: number): void {
  const k = list.findIndex((e) => e.kind === kind && e.value === value);
  if (k >= 0) list.splice(k, 1);
  list.push({ kind, value, turn });
}

/** What a turn brings into view: names in the user's words that the facts know, and the decision's args. */
export function entitiesOf(
  user: string,
  decision: Decision,
  facts: Facts,
  turn: number,
  into: Entity[],
): void {
  const words = new Set(user.toLowerCase().split(/[^a-z0-9/._+-]+/));
  for (const d of facts.disks) if (words.has(d.path)) mention(into, "disk", d.path, turn);
  for (const r of facts.recipes) if (words.has(r)) mention(into, "recipe", r, turn);
  for (const u of facts.users) if (words.has(u)) mention(into, "user", u, turn);
  if (!("calls" in decision)) return;
  for (const c of decision.calls) {
    for (const [name, v] of Object.entries(c.args)) {
      if (typeof v !== "string") continue;
      if (name === "name") mention(into, "recipe", v, turn);
      else if (ARG_ENTITY[name]) mention(into, ARG_ENTITY[name], v, turn);
    }
  }
}

/** Holds a dialogue's teacher-forced history and hands out the view for the next turn. */
export class ForcedHistory {
  private readonly turns: TurnView[] = [];
  private pending: PlanCall[] = [];
  private readonly entities: Entity[] = [];

  constructor(private readonly facts: Facts) {}

  view(user: string): ConversationView {
    return {
      turns: [...this.turns],
      pending: [...this.pending],
      entities: [...this.entities],
      user,
    };
  }

  /** Records the expected outcome of the turn just scored. */
  push(user: string, expect: Expect, replyText: string | undefined): void {
    const decision = expectedDecision(expect, replyText);
    entitiesOf(user, decision, this.facts, this.turns.length, this.entities);
    this.turns.push({ user, decision });
    this.pending = applyToPending(this.pending, decision);
  }
}
