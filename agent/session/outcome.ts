import type { Offer } from "../../tools/decision.js";
import type { Refusal } from "../safety/screen.js";
import type { Protection } from "../safety/types.js";
import type { PlanCall } from "../types.js";

/**
 * What one recorded turn did to the plan (agent/conversation.ts records it, describe.ts says it).
 * Its own module so that describing a turn does not import the conversation: readers the
 * conversation loads may describe calls without an import circle.
 */
export type Outcome =
  | {
      kind: "calls";
      added: PlanCall[];
      replaced: PlanCall[];
      refused?: Refusal[];
      /** The planned user a new name replaced ("no call him robert"; agent/rules/userRename.ts). */
      renamed?: PlanCall;
      withdrawn?: PlanCall[];
      /** Planned accounts kept without the sudo the words now refuse them ("anna no sudo"). */
      lowered?: PlanCall[];
      /** What the user keeps, shown with the plan ("kept: /dev/sda ..."). */
      kept?: Protection[];
      /** What this turn's words kept anew (or changed): the reply says these, the plan all of them. */
      keptNow?: Protection[];
    }
  | {
      kind: "drop";
      dropped: PlanCall[];
      withdrawn?: PlanCall[];
      lowered?: PlanCall[];
      kept?: Protection[];
      keptNow?: Protection[];
    }
  | { kind: "reply"; text: string; offer?: Offer; withdrawn?: PlanCall[]; lowered?: PlanCall[] }
  /** `kept`: a "no" that left every step pending (only a "start over" drops them). */
  | { kind: "confirm"; value: boolean; plan: PlanCall[]; kept?: boolean };
