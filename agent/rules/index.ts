import type { Backend } from "../backend.js";

/** The deterministic backend; the parser lands in this directory. */
export function createRulesBackend(): Backend {
  return {
    name: "rules",
    async decide() {
      return { reply: "I did not understand that yet." };
    },
  };
}
