import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/** Attacker 15 F3: "create user zoë with sudo" planned zoe WITHOUT the sudo said in the same turn. */
const INST = fixtureFacts("findings22-a15-inst");
const users = (pending: readonly { tool: string; args: Record<string, unknown> }[]) =>
  pending.flatMap((p) => (p.tool === "createUser" ? [[p.args.username, p.args.sudo]] : []));

describe("a name typed with accents keeps the turn's sudo", () => {
  for (const [line, name] of [
    ["create user zoë with sudo", "zoe"],
    ["create user josé with sudo", "jose"],
    ["add user Renée, she gets admin", "renee"],
  ] as const)
    it(`"${line}" creates ${name} with sudo`, async () => {
      const { conv } = await dialogue(INST, [line]);
      expect(users(conv.pending)).toEqual([[name, true]]);
    });

  it("a refusal beside an accented name still refuses", async () => {
    const { conv } = await dialogue(INST, ["create user zoë, no sudo for zoë"]);
    expect(users(conv.pending)).toEqual([["zoe", false]]);
  });
});
