import { describe, expect, it } from "vitest";
import { readSudo } from "../../agent/rules/sudoRefusals.js";

// "I'm the only admin" keeps sudo for the speaker; when the same words name the speaker's own
// account ("username papa", "call me papa"), that account is the one kept, never the one refused.
describe("exclusivity said by a speaker who names their account", () => {
  for (const [line, users, me] of [
    ["im the only admin, username papa", ["papa"], "papa"],
    ["create kim and papa. i'm the only admin, call me papa", ["kim", "papa"], "papa"],
    ["users ben and jo, wheel is for me only, my username is jo", ["ben", "jo"], "jo"],
    ["nobody but me is admin. my login is vera. also make tim", ["vera", "tim"], "vera"],
  ] as const) {
    it(`"${line}": ${me} is not refused, the others are`, () => {
      const r = readSudo(line, users);
      expect(r.refused.has(me)).toBe(false);
      for (const u of users) if (u !== me) expect(r.refused.has(u)).toBe(true);
    });
  }
  for (const [line, users] of [
    ["create kim. I'm the only admin", ["kim"]],
    ["make user olga, wheel group is for me only", ["olga"]],
  ] as const) {
    it(`"${line}": without the speaker's account named, nobody listed keeps sudo`, () => {
      const r = readSudo(line, users);
      for (const u of users) expect(r.refused.has(u)).toBe(true);
    });
  }
});
