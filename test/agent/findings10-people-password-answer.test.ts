import { describe, expect, it } from "vitest";
import { hidePasswordAnswer, PASSWORD_ANSWER_REPLY, passwordLike } from "../../agent/rules/secrets.js";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 6 M7 (docs/findings/2026-12-05-attacker-6.md): a password typed where the chat asks
 * "What should the new user be called?" became the login name (cut at its first odd character,
 * lowercased), shown in the plan, replayed to the model with every later turn and written to the
 * new system's /etc/passwd. An answer that looks like a password, or that the user says is one,
 * is now no name: it never reaches a reader, the model's context or the recorded turns, and the
 * reply says where passwords are asked.
 */
const LIVE = fixtureFacts("findings8-c");
type Create = Extract<PlanCall, { tool: "createUser" }>;

/** What is typed, and the secret in it. */
const PASSWORDS: [string, string][] = [
  ["S3cr3t-P4ss", "s3cr3t"],
  ["Tr0ub4dor&3xyz", "tr0ub4dor"],
  ["P@ssw0rd!2024", "ssw0rd"],
  ["xK9#mQ2$vL", "xk9"],
  ["MyDogRex1987", "mydogrex"],
  ["correct horse battery staple", "horse battery"],
  ["hunter2 is my password", "hunter2"],
  ["oops that was my pw, tiger77", "tiger77"],
  ["Summer2024", "summer2024"],
];

describe("a password typed where I asked for a name", () => {
  for (const [typed, secret] of PASSWORDS)
    it(typed, async () => {
      const { conv, decisions, last } = await dialogue(LIVE, [
        "install on the empty disk",
        "create a user",
        typed,
      ]);
      expect("reply" in decisions[1]! && decisions[1].reply).toMatch(/What should the new user be called\?/);
      expect(last).toEqual({ reply: PASSWORD_ANSWER_REPLY });
      expect(conv.pending.some((c) => c.tool === "createUser")).toBe(false);
      // neither the recorded turns (replayed to the model) nor the reply hold any of it
      expect(JSON.stringify([conv.turns, last]).toLowerCase()).not.toContain(secret);
    });

  it("the name asked for after it is taken", async () => {
    const { conv } = await dialogue(LIVE, [
      "install on the empty disk",
      "create a user",
      "Tr0ub4dor&3",
      "anna",
    ]);
    expect(
      conv.pending.filter((c): c is Create => c.tool === "createUser").map((c) => c.args.username),
    ).toEqual(["anna"]);
  });

  for (const name of ["anna", "Anna", "kai-2", "mary_ann", "call her anna", "anna please"])
    it(`"${name}" is a name`, async () => {
      const { conv } = await dialogue(LIVE, ["install on the empty disk", "create a user", name]);
      expect(conv.pending.some((c) => c.tool === "createUser")).toBe(true);
    });

  it("elsewhere the words are read as they are", () => {
    expect(hidePasswordAnswer("MyDogRex1987", { reply: "Which disk?" })).toBe("MyDogRex1987");
    expect(hidePasswordAnswer("MyDogRex1987", { calls: [] } as never)).toBe("MyDogRex1987");
    expect(
      hidePasswordAnswer("MyDogRex1987", { reply: "What should the new user be called? (e.g. anna)" }),
    ).not.toContain("MyDogRex");
    expect(passwordLike("anna")).toBe(false);
    expect(passwordLike("j.doe")).toBe(false);
  });
});
