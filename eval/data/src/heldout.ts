import type { DialogueSource } from "./dsl.js";

/** Written apart from dev.jsonl and never tuned against: see docs/eval.md. */
export const heldout: DialogueSource[] = [];
