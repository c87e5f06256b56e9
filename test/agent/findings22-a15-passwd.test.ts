import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/** Attacker 15 F4: "remove sudo and shadow-utils and passwd" got the password-chat refusal. */
const INST = fixtureFacts("findings22-a15-inst"); // installed mode, passwd among the installed recipes

describe("passwd the program", () => {
  it('"remove passwd" plans its removal', async () => {
    const { last } = await dialogue(INST, ["remove passwd"]);
    expect(last).toEqual({ calls: [{ tool: "removeRecipe", args: { name: "passwd" } }] });
  });

  it("a password typed after passwd is still refused and never planned", async () => {
    const { last, conv } = await dialogue(INST, ["my passwd is hunter2"]);
    expect("reply" in last && last.reply).toMatch(/Passwords never go through the chat/);
    expect(conv.pending).toEqual([]);
  });
});
