import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/** Tester 18 W1: "add trader user vik with sudo" gave sudo to a user "trader". */
const LAPTOP = fixtureFacts("findings22-t18-laptop");
const users = (pending: readonly { tool: string; args: Record<string, unknown> }[]) =>
  pending.flatMap((p) => (p.tool === "createUser" ? [[p.args.username, p.args.sudo]] : []));

describe("a role before user/account, the name after it", () => {
  const cases: [string, [string, boolean]][] = [
    ["add trader user vik with sudo", ["vik", true]],
    ["create the intern account mila", ["mila", false]],
    ["add a croupier user dora, with sudo", ["dora", true]],
    ["add vik user with sudo", ["vik", true]],
    ["add bob user account", ["bob", false]],
    ["add the guest user", ["guest", false]],
  ];
  for (const [line, want] of cases)
    it(`"${line}" creates ${want[0]}${want[1] ? " with sudo" : ""}`, async () => {
      const { conv } = await dialogue(LAPTOP, [line]);
      expect(users(conv.pending)).toEqual([want]);
    });
});
