import type { Backend, PlanCall } from "../../../agent/types.js";
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

/** The destructive calls a misreading backend would make, forced on a turn to test the gates alone. */
export const erase = (disk: string): PlanCall =>
  ({ tool: "partitionDisk", args: { disk, use: "whole" } }) as PlanCall;
export const remove = (name: string): PlanCall => ({ tool: "removeRecipe", args: { name } }) as PlanCall;
export const user = (username: string, sudo: boolean): PlanCall =>
  ({ tool: "createUser", args: { username, sudo } }) as PlanCall;
/** A backend that answers every turn with `d`, whatever was said. */
export const forced = (d: Decision): Backend => ({ name: "forced", decide: async () => d });
