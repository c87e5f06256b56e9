import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The third user findings, WRONG 3: "add user vince with sudo and user lena, lena gets no sudo" was
 * read as refusing vince (the first user named) and dropped lena. The refusal belongs to the name
 * it follows.
 */
const LIVE = fixtureFacts("findings3-a");

async function sudoOf(lines: string[]) {
  const { conv } = await dialogue(LIVE, lines);
  return Object.fromEntries(
    conv.pending.flatMap((c) => (c.tool === "createUser" ? [[c.args.username, c.args.sudo]] : [])),
  );
}

describe("a refusal of sudo belongs to the name right before it", () => {
  for (const [line, want] of [
    ["add user vince with sudo and user lena, lena gets no sudo", { vince: true, lena: false }],
    ["users vince (sudo) and lena, lena: no sudo", { vince: true, lena: false }],
    ["user omar with admin and user pia, pia should get no admin", { omar: true, pia: false }],
    ["create user rex with sudo plus user sam, sam has no sudo", { rex: true, sam: false }],
  ] as const) {
    it(`"${line}"`, async () => {
      expect(await sudoOf(["use the nvme", line])).toEqual(want);
    });
  }
});
