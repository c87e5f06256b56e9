import type { Expect, ExpectedCall } from "./expect.js";
import { sameValue } from "./match.js";
import { canonicalCall } from "./sudoGroups.js";

/**
 * Destructive misreads: a call that destroys something (erasing a whole disk, removing a recipe,
 * giving a user sudo) where the data set expected a reply, a drop, a confirm, or the same tool on
 * another target or with another value. These are the mistakes that lose a user's data or open
 * their machine, so the report counts them apart from plain accuracy, and `--max-destructive`
 * gates on them.
 */

type Call = { tool: string; args: Record<string, unknown> };

export interface DestructiveMisread {
  key: string;
  dialogue: string;
  category: string;
  user: string;
  /** The destructive call the turn decided. */
  call: Call;
  /** What it does, for people: "erases /dev/sda". */
  action: string;
  /** Why it counts as a misread. */
  why: string;
}

/** What a destructive call does, or undefined when the call is not destructive. */
export function destructiveAction(made: Call): string | undefined {
  const call = canonicalCall(made);
  const a = call.args;
  if (call.tool === "partitionDisk" && (a.use === undefined || a.use === "whole"))
    return `erases ${String(a.disk)}`;
  if (call.tool === "removeRecipe") return `removes ${String(a.name)}`;
  if (call.tool === "createUser" && a.sudo === true) return `gives ${String(a.username)} sudo`;
  return undefined;
}

/** The expected call that asks for exactly this destruction (same tool, same target, same value). */
function expectedMatch(made: Call, expectedAsWritten: ExpectedCall[]): boolean {
  const call = canonicalCall(made);
  return expectedAsWritten.map(canonicalCall).some((e) => {
    if (e.tool !== call.tool) return false;
    const a = e.args;
    switch (call.tool) {
      case "partitionDisk":
        return sameValue(a.disk, call.args.disk, "string") && sameValue(a.use ?? "whole", "whole", "string");
      case "removeRecipe":
        return sameValue(a.name, call.args.name, "string");
      case "createUser":
        return (
          sameValue(a.username, call.args.username, "string") && sameValue(a.sudo ?? false, true, "boolean")
        );
      default:
        return false;
    }
  });
}

function expectedKind(e: Expect): string {
  if ("reply" in e) return e.offer ? "a reply with an offer" : "a reply";
  if ("drop" in e) return "a drop";
  if ("confirm" in e) return `confirm ${e.confirm}`;
  return "other calls";
}

/**
 * The pending plan (teacher forcing: what the data set's earlier turns asked for) already holds
 * exactly this destruction: the same disk erased, the same program removed, the same user with
 * sudo. Said again ("Then merely the Samsung, as before. So proclaimed!" where a go was expected),
 * the call destroys nothing the data set did not ask for: the plan is the same before and after.
 * Where the turn takes that step back (a drop, or confirm:false), the call is counted: it keeps a
 * destruction the user withdrew.
 */
function alreadyPending(call: Call, expect: Expect, pending: readonly Call[]): boolean {
  if ("drop" in expect || ("confirm" in expect && expect.confirm === false)) return false;
  return pending.some((p) => p.tool === call.tool && destructiveAction(p) === destructiveAction(call));
}

/** The destructive calls of one decided turn that the expectation did not ask for, each with why. */
export function destructiveMisreads(
  expect: Expect,
  got: unknown,
  pending: readonly Call[] = [],
): { call: Call; action: string; why: string }[] {
  if (typeof got !== "object" || got === null || !Array.isArray((got as { calls?: unknown }).calls))
    return [];
  const calls = (got as { calls: Call[] }).calls;
  const out: { call: Call; action: string; why: string }[] = [];
  for (const call of calls) {
    const action = destructiveAction(call);
    if (!action || alreadyPending(call, expect, pending)) continue;
    if ("calls" in expect) {
      if (expectedMatch(call, expect.calls)) continue;
      const same = expect.calls.filter((e) => e.tool === call.tool);
      out.push({
        call,
        action,
        why: same.length
          ? `expected ${call.tool} ${same.map((e) => JSON.stringify(e.args)).join(", ")}`
          : `expected ${expect.calls.map((e) => e.tool).join(", ")}`,
      });
    } else out.push({ call, action, why: `expected ${expectedKind(expect)}` });
  }
  return out;
}
