import type { Entity, PlanCall } from "../types.js";

/** What the conversation tells agent/safety/read.ts beside the words. */
export interface ReadContext {
  /** The pending plan: "don't wipe it" means its disk. */
  readonly pending: readonly PlanCall[];
  /** Mentioned entities, most recent last. */
  readonly entities: readonly Entity[];
  /** Earlier turns: "and fzf" after "keep jq" keeps fzf too. */
  readonly turns?: readonly { readonly user: string; readonly decision?: unknown }[];
  /**
   * What earlier clauses of this turn named, most recent last: "erase sda. no keep it" keeps sda,
   * whatever the plan or earlier turns hold.
   */
  readonly here?: readonly Entity[];
}
