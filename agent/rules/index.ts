import type { Backend } from "../backend.js";
import { decideRules } from "./parse.js";

/** The deterministic backend: no model, no I/O, starts in milliseconds. */
export function createRulesBackend(): Backend {
  return {
    name: "rules",
    async decide(conv, facts, allowedTools) {
      return decideRules(conv, facts, allowedTools);
    },
  };
}
