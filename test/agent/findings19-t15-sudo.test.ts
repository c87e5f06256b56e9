import { describe, expect, it } from "vitest";
import { loginProblem, loginQuestion, refusedOnRecord } from "../../agent/session/login.js";
import type { PlanCall } from "../../agent/types.js";
import type { Facts } from "../../facts/schema.js";
import { sudoFor } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 15 D1/W4: a refusal of sudo said with a withholding word the reader did not know ("NACK
 * sudo", "withhold sudo", "belay that sudo", "stand down sudo for sgt", "sudo is a hard no", "jon
 * gets sudo... no he doesn't", Afrikaans "sonder") gave sudo; the plan before the confirmation must
 * hold the user without it (agent/safety/sudoRefusalWords.ts).
 */
const DESK = fixtureFacts("findings19-t15-f2-desktop");
const FOUR = fixtureFacts("findings19-t15-f3-four");
const INSTALLED = fixtureFacts("findings19-t15-f4-installed");

const users = (p: PlanCall[]) => p.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : [])).sort();

async function planOf(facts: Facts, lines: string[]) {
  const { conv } = await dialogue(facts, lines);
  return conv.pending;
}

describe("tester 15 D1: a refused sudo is not given (the report's steps, before the confirmation)", () => {
  const cases: [Facts, string[], string][] = [
    [
      DESK,
      [
        "proposal: use the big disk",
        "-1, not that one, the samsung is off limits too",
        "the other one",
        "NACK sudo for user pat",
        "create user pat",
      ],
      "pat",
    ],
    [DESK, ["use the crucial", "user lee, withhold sudo"], "lee"],
    [
      DESK,
      [
        "objective: crucial. hold fire on the seagate, repeat, hold fire on the seagate",
        "deploy ripgrep, fd, bat",
        "create user sgt with sudo",
        "belay that sudo",
      ],
      "sgt",
    ],
    [DESK, ["use the crucial", "create user sgt with sudo", "belay the sudo"], "sgt"],
    [DESK, ["use the crucial", "create user sgt with sudo", "stand down sudo for sgt"], "sgt"],
    [FOUR, ["use the hynix, leave the samsungs", "user jon, and jon gets sudo... no he doesn't"], "jon"],
    [FOUR, ["los die samsungs uit, gebruik die hynix", "gebruiker piet sonder sudo"], "piet"],
    [INSTALLED, ["gebruiker piet sonder sudo"], "piet"],
    [DESK, ["use the crucial", "user max, sudo is a hard no"], "max"],
  ];
  for (const [f, lines, name] of cases)
    it(lines.join(" / "), async () => {
      const p = await planOf(f, lines);
      expect(p.some(sudoFor(name))).toBe(false);
    });
});

describe("other voices: withholding words near the privilege, in any position", () => {
  for (const [line, name] of <[string, string][]>[
    ["create user ria, NACK on sudo", "ria"],
    ["add user tom; withhold the admin rights", "tom"],
    ["user kai. call off the sudo", "kai"],
    ["make user ben, sudo: that's a firm no", "ben"],
    ["user ola, and ola is an admin... no wait, she isn't", "ola"],
    ["add user ivo, tanpa sudo", "ivo"],
    ["create user ana, veto on sudo", "ana"],
  ])
    it(`"${line}": ${name} without sudo`, async () => {
      const p = await planOf(DESK, ["use the crucial", line]);
      expect(p.some(sudoFor(name))).toBe(false);
    });

  it("a plain grant still grants: 'create user sam with sudo'", async () => {
    const p = await planOf(DESK, ["use the crucial", "create user sam with sudo"]);
    expect(p.some(sudoFor("sam"))).toBe(true);
  });
  it("'don't withhold sudo from sam' is no refusal", async () => {
    const p = await planOf(DESK, ["use the crucial", "create user sam with sudo, and don't hold back on it"]);
    expect(p.some(sudoFor("sam"))).toBe(true);
  });
});

describe("tester 15 W4: the withholding words after a user name are no users", () => {
  it("'user lee, withhold sudo' creates lee only", async () => {
    const p = await planOf(DESK, ["use the crucial", "user lee, withhold sudo"]);
    expect(users(p)).toEqual(["lee"]);
  });
});

describe("tester 15 D2: the login question never offers sudo to a user whose refusal is on record", () => {
  for (const [lines, name] of <[string[], string][]>[
    [
      [
        "we'd be grateful if the seagate were left as it is",
        "the nvme, I suppose",
        "one user, emma, not an administrator I'm afraid",
        "ripgrep, and not fd thanks",
      ],
      "emma",
    ],
    [
      [
        "use the crucial",
        "create user pat, sudo: no",
        "user lee - hold the sudo",
        "user max, sudo is a hard no",
      ],
      "max",
    ],
    [["use the crucial", "user ida; admin is a firm no"], "ida"],
  ])
    it(`${lines.at(-1)}: no "Should ${name} get sudo?"`, async () => {
      const { conv } = await dialogue(DESK, lines);
      expect(conv.pending.some(sudoFor(name))).toBe(false);
      const refused = refusedOnRecord(conv.turns, conv.pending, conv.protections);
      expect(refused).toContain(name);
      const problem = loginProblem("live", conv.pending)!;
      const ask = loginQuestion(problem, conv.pending, refused);
      expect(ask.offer).toBeUndefined();
      expect(ask.text).not.toContain(`Should ${name} get sudo`);
    });
});
