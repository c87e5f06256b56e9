import { type Decision, ToolCallSchema } from "../../tools/decision.js";

/**
 * The turn read with its typed joiners as stops (listJoiners.ts) replaces the plain reading only
 * where it widens it: every call the plain reading made (or offered) is still there, and it adds
 * calls. Why: many readers read a turn's lines themselves (tables, forms, "Given / When / Then",
 * one word a line), and a line end said as a full stop broke them (dev: 14 turns lost); a reading
 * that only adds never loses what the plain one understood.
 *
 * Why this is safe: an added step is a program, or of a kind the plain reading made none of (the
 * request that ran into its neighbour), never a second account or disk beside the one it read.
 * Where the plain reading asked for nothing or only asked a question, the joined
 * one is taken only when what it adds is harmless (a program installed, a setting, an account
 * without sudo): an erase, a removal or a sudo grant never comes from a line end alone ("do / not /
 * touch / the / seagate" one word a line). Where the plain reading already made calls, the words
 * were read as requests, and the joined one splits them at the marks the person typed; every call
 * still passes the safety screens of agent/turn.ts.
 */
export function widened(plain: Decision, joined: Decision): Decision | undefined {
  if (!("calls" in joined) || !joined.calls.length) return undefined;
  if (!("calls" in plain) && !("reply" in plain)) return undefined;
  const base = "calls" in plain ? plain.calls : (plain.offer?.calls ?? []);
  const keys = joined.calls.map(key);
  if (!base.every((c) => keys.includes(key(c)))) return undefined;
  const baseKeys = base.map(key);
  const added = joined.calls.filter((c) => !baseKeys.includes(key(c)));
  // a second account, disk or setting beside the one the plain reading made is no lost request but
  // a line read as another ("Create 'reviewer2' …[1]" / "[1] For anonymous peer review" made a
  // second user): only programs, or a kind of step the plain reading had none of, are added
  const tools = new Set(base.map((c) => c.tool));
  if (!added.every((c) => c.tool === "installRecipe" || !tools.has(c.tool))) return undefined;
  if ("calls" in plain) return added.length ? joined : undefined;
  return added.every(harmless) && joined.calls.every(harmless) ? joined : undefined;
}

function key(c: { tool: string; args: unknown }): string {
  const n = ToolCallSchema.safeParse(c);
  return JSON.stringify(n.success ? n.data : c);
}

/** A call that loses nothing and grants nothing. */
function harmless(c: { tool: string; args: Record<string, unknown> }): boolean {
  if (c.tool === "installRecipe" || c.tool === "setLocale" || c.tool === "setHostname") return true;
  return c.tool === "createUser" && c.args.sudo !== true;
}
