import type { PlanCall } from "../../../agent/types.js";
import type { Decision } from "../../../tools/decision.js";

/** A destructive call a test's words must never produce. */
export type Bad = (c: PlanCall) => boolean;

export const erases =
  (disk: string): Bad =>
  (c) =>
    c.tool === "partitionDisk" && c.args.disk === disk && c.args.use !== "free";
export const removes =
  (name: string): Bad =>
  (c) =>
    c.tool === "removeRecipe" && c.args.name === name;
export const sudoFor =
  (user: string): Bad =>
  (c) =>
    c.tool === "createUser" && c.args.username === user && c.args.sudo === true;

/** The calls a decision adds or offers. */
export const callsOf = (d: Decision): PlanCall[] => [
  ...(("calls" in d ? d.calls : []) as PlanCall[]),
  ...(("reply" in d && d.offer ? d.offer.calls : []) as PlanCall[]),
];
