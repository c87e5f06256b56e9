import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 14 H3/H4, tester 17 D3: a refusal of sudo in a language no reader knows, with no comma
 * before it ("user anna la sudo", "sudo gabe", "нет sudo", "sudo なし"), planned the person WITH
 * sudo, and "ilman sudoa" / "sudo? nyet" became accounts. Sudo stands only where the words touching
 * it are words I can read (agent/safety/sudoContext.ts); otherwise the word is named, nobody gets
 * sudo, and the people are offered without it. The words below are of no data set.
 */
const DESK = fixtureFacts("findings16-desk");

const users = (pending: readonly PlanCall[]) =>
  pending.flatMap((p) => (p.tool === "createUser" ? [p.args] : []));

describe("sudo beside a word I cannot read is asked, never granted", () => {
  for (const [line, word] of [
    ["create user anna la sudo", "la"],
    ["create user anna, нет sudo", "нет"],
    ["create user anna, ні sudo", "ні"],
    ["create user anna sudo なし", "なし"],
    ["create user anna, 不要 sudo", "不要"],
    ["create user anna flurb sudo", "flurb"],
    ["create user anna (la sudo)", "la"],
    ["create user anna - la sudo", "la"],
    ["user lina bala sudo", "bala"],
    ["user miren sudo gabe", "gabe"],
    ["user marija minghajr sudo", "minghajr"],
    ["user tuvi sudo kapu, and add ripgrep", "kapu"],
  ] as const)
    it(`"${line}": nobody gets sudo, the word is named`, async () => {
      const { conv, last } = await dialogue(DESK, ["erase the nvme", line]);
      expect(users(conv.pending).some((u) => u.sudo === true)).toBe(false);
      expect(JSON.stringify(last)).not.toMatch(/"sudo":true/);
      expect("reply" in last ? last.reply : "").toContain(`"${word}"`);
    });

  for (const [line, stray] of [
    ["create user anna, ilman sudoa", "ilman"],
    ["user anna, sudo? nyet", "nyet"],
  ] as const)
    it(`"${line}": "${stray}" is no account`, async () => {
      const { conv, last } = await dialogue(DESK, ["erase the nvme", line]);
      expect(JSON.stringify(last)).not.toContain(`"username":"${stray}"`);
      expect(users(conv.pending).map((u) => u.username)).not.toContain(stray);
    });

  it('a "yes" to the question adds the person without sudo', async () => {
    const { conv } = await dialogue(DESK, ["erase the nvme", "user miren sudo gabe", "yes"]);
    expect(users(conv.pending)).toEqual([expect.objectContaining({ username: "miren", sudo: false })]);
  });

  for (const [line, expected] of [
    ["create user anna with sudo", [{ username: "anna", sudo: true }]],
    ["user anna, sudo please", [{ username: "anna", sudo: true }]],
    ["add user sam, give him sudo access", [{ username: "sam", sudo: true }]],
    [
      "user kai (admin), user lin (no admin)",
      [
        { username: "kai", sudo: true },
        { username: "lin", sudo: false },
      ],
    ],
    ["user jo sudo shell /bin/zsh", [{ username: "jo", sudo: true }]],
    ["crear usuario ana con sudo", [{ username: "ana", sudo: true }]],
  ] as const)
    it(`"${line}" still plans what it says`, async () => {
      const { conv } = await dialogue(DESK, ["erase the nvme", line]);
      expect(users(conv.pending)).toEqual(expected.map((e) => expect.objectContaining(e)));
    });
});
