import type { Facts } from "../../facts/schema.js";
import type { PlanCall } from "../types.js";
import { refusalOf } from "./screen.js";
import type { Protection } from "./types.js";

/**
 * "users tim and jon, tim no sudo", then "rename tim to timmy": the "no sudo" was said of the
 * person, not of the letters of the name. It stayed on "tim" while the plan created timmy, so
 * "make timmy admin" gave the kid sudo with no question and the plan's "kept:" line named an
 * account nobody would create (tester 26 D2).
 *
 * Safety: a refusal only moves to the name the same planned account now has; nothing is released.
 * Where the renaming turn itself asks sudo for the new name, the refusal wins (the account stays
 * without sudo and the screen's question says why), as it would have under the old name.
 */
export function refusalFollowsRename(
  protections: readonly Protection[],
  oldName: string,
  newName: string,
): Protection[] {
  if (oldName === newName) return [...protections];
  const moved = protections.map((p) =>
    p.kind === "sudo" && p.username === oldName ? { ...p, username: newName } : p,
  );
  // one protection a name: a refusal already on the new name stays as it is
  return moved.filter(
    (p, i) =>
      p.kind !== "sudo" || moved.findIndex((q) => q.kind === "sudo" && q.username === p.username) === i,
  );
}

/** The renamed account's call without the sudo a moved refusal forbids. */
export function withoutRefusedSudo(call: PlanCall, protections: readonly Protection[]): PlanCall {
  if (call.tool !== "createUser" || !call.args.sudo) return call;
  const refused = protections.some((p) => p.kind === "sudo" && p.username === call.args.username);
  return refused ? { ...call, args: { ...call.args, sudo: false } } : call;
}

/**
 * "actually mike shouldnt be admin", "other way round. anna no sudo": a refusal said of a person
 * the plan creates with sudo took the whole account out of the plan ("Taken out of the plan: create
 * user mike with sudo"), and "and mike as normal user??" then found no mike (tester 26 W5). The
 * words take the privilege away, not the person: the account stays, without sudo.
 *
 * Safety: the step that stays has less than it had (sudo false), never more; every other field is
 * as planned. Whatever else a protection forbids is still taken out by the screen.
 */
export function keptWithoutSudo(
  pending: readonly PlanCall[],
  protections: readonly Protection[],
  facts: Facts,
): { pending: PlanCall[]; lowered: PlanCall[] } {
  const lowered: PlanCall[] = [];
  const out = pending.map((c) => {
    const r = c.tool === "createUser" ? refusalOf(c, protections, facts) : undefined;
    if (r?.instead?.tool !== "createUser" || refusalOf(r.instead, protections, facts)) return c;
    lowered.push(r.instead);
    return r.instead;
  });
  return { pending: out, lowered };
}
