import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 16 D2: "user sigga, ekki sudo" (Icelandic "not") planned sigga with sudo and a second
 * account "ekki" with sudo. A word no reader knows, standing between a comma and "sudo" in a turn
 * that introduces one person, is no person: it is asked, the person offered without sudo
 * (agent/safety/sudoModifierName.ts). The words below are of no data set and no word list.
 */
const DESK = fixtureFacts("findings16-desk");

const users = (pending: readonly PlanCall[]) =>
  pending.filter((p) => p.tool === "createUser").map((p) => (p.tool === "createUser" ? p.args : undefined));

describe("an unread word before sudo is neither a person nor a grant", () => {
  for (const line of [
    "user sigga, ekki sudo",
    "user arnau, gens sudo", // Catalan "no ... at all"
    "user mele, e le sudo", // Samoan-ish negation, two unread words
    "account for tane, kāore sudo", // Māori
    "user ola, hakuna sudo, and add ripgrep",
  ])
    it(`"${line}": no account from the word, nobody gets sudo`, async () => {
      const { conv, last } = await dialogue(DESK, ["erase the nvme", line]);
      const planned = users(conv.pending);
      expect(planned.some((u) => u?.sudo === true)).toBe(false);
      expect(planned.map((u) => u?.username)).not.toContain("ekki");
      expect(planned.map((u) => u?.username)).not.toContain("gens");
      expect(planned.map((u) => u?.username)).not.toContain("hakuna");
      expect(JSON.stringify(last)).not.toMatch(/"sudo":true/);
    });

  it('the offer adds the person without sudo, and a "yes" takes it', async () => {
    const { conv } = await dialogue(DESK, ["erase the nvme", "user sigga, ekki sudo", "yes"]);
    expect(users(conv.pending)).toEqual([expect.objectContaining({ username: "sigga", sudo: false })]);
  });

  for (const [line, expected] of [
    ["user sigga, sudo", [{ username: "sigga", sudo: true }]],
    ["user sigga with sudo", [{ username: "sigga", sudo: true }]],
    ["users anna, bob sudo", [{ username: "anna" }, { username: "bob", sudo: true }]],
    [
      "user anna and bob, sudo",
      [
        { username: "anna", sudo: true },
        { username: "bob", sudo: true },
      ],
    ],
  ] as const)
    it(`"${line}" still plans what it says`, async () => {
      const { conv } = await dialogue(DESK, ["erase the nvme", line]);
      expect(users(conv.pending)).toEqual(expected.map((e) => expect.objectContaining(e)));
    });
});
