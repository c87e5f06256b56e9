import type { Backend } from "../types.js";
import { citiesAsZones } from "./cityNotPerson.js";
import { decideRules } from "./decide.js";
import { withoutDeniedUsers } from "./deniedUsers.js";

/** The deterministic backend: no model, no I/O, starts in milliseconds. */
export function createRulesBackend(): Backend {
  return {
    name: "rules",
    async decide(conv, facts, allowedTools) {
      // "berlin is the timezone not a user": that planned account leaves the plan (deniedUsers.ts)
      // "user max sudo, berlin, german kb": the city is the time zone (cityNotPerson.ts)
      const d = citiesAsZones(decideRules(conv, facts, allowedTools), conv.user);
      return withoutDeniedUsers(d, conv.user, conv.pending);
    },
  };
}
