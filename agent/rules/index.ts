import type { Backend } from "../types.js";
import { decideRules } from "./decide.js";

/** The deterministic backend: no model, no I/O, starts in milliseconds. */
export function createRulesBackend(): Backend {
  return {
    name: "rules",
    async decide(conv, facts, allowedTools) {
      return decideRules(conv, facts, allowedTools);
    },
  };
}
