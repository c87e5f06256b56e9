import type { Disk, Facts } from "../../facts/schema.js";
import { describeDisk } from "../rules/disks.js";
import type { PlanCall } from "../types.js";
import { describeContent } from "./diskContent.js";

/** The words of the certainty gate's questions (./certaintyGate.ts): a disk described, the candidates. */

export function diskWords(d: Disk | undefined, path: string): string {
  if (!d) return path;
  const content = describeContent(d);
  return `${describeDisk(d)}${content ? `, which holds ${content}` : ""}`;
}

/** The question for a reference the turn before did not settle: the candidates, by name. */
export function whichOne(call: PlanCall, candidates: readonly string[], facts: Facts): string {
  if (call.tool === "removeRecipe")
    return `Which program do you mean: ${candidates.join(" or ")}? I haven't planned removing any. Say "remove NAME".`;
  if (call.tool === "createUser")
    return `Who should get sudo: ${candidates.join(" or ")}? I haven't given anyone admin rights. Say "give NAME sudo".`;
  const list = candidates.map((p) =>
    diskWords(
      facts.disks.find((d) => d.path === p),
      p,
    ),
  );
  return `Which disk do you mean: ${list.join(", or ")}? I haven't planned erasing any. Say "erase" and the disk's name (e.g. "erase ${candidates[0]!.replace(/^\/dev\//, "")}").`;
}
