import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { callsOf } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 8 D7, D8 (docs/findings/2026-12-05-hurried-user-8.md): sudo given to someone the words
 * never aimed it at. D7: with paul, lily and tom planned, "kate as well, with sudo" gave tom sudo
 * (a grant with no name in reach went to the last planned user); D8: "give tom sudo sorry lily",
 * "mia and noah with sudo... actually just noah" kept the grant the correction took back. The
 * classes (agent/safety/sudoReader.ts): a grant said with no name reaches only the one person the
 * turn is about; a person named before a correction that names someone else gets nothing from it.
 * Sentences of our own beside the tester's. Machine: the tester's live machine (findings8-c).
 */
const LIVE = fixtureFacts("findings8-c");
type Create = Extract<PlanCall, { tool: "createUser" }>;
const sudoed = (cs: readonly PlanCall[]) =>
  cs.filter((c): c is Create => c.tool === "createUser" && c.args.sudo === true).map((c) => c.args.username);

describe("D7: a grant with no name in reach gives no planned person sudo", () => {
  for (const line of [
    "kate as well, with sudo",
    "oh and kate. sudo.",
    "her too, sudo",
    "my wife kate, she can have admin too",
    "kate as well pls, admin",
    "and bea, with admin rights",
    "also my partner sam. sudo pls",
  ])
    it(`"${line}" with paul (admin), lily and tom planned: lily and tom stay without sudo`, async () => {
      const { conv, last } = await dialogue(LIVE, [
        "install on the empty disk",
        "users: paul (admin), lily, tom",
        line,
      ]);
      const given = [...sudoed(callsOf(last)), ...sudoed(conv.pending)];
      expect(given).not.toContain("tom");
      expect(given).not.toContain("lily");
    });
  it("a grant for the one person the last turn created still reaches them", async () => {
    for (const line of ["give him sudo", "with sudo please", "make him an admin"]) {
      const { conv } = await dialogue(LIVE, ["install on the empty disk", "create tom", line]);
      expect(sudoed(conv.pending), line).toEqual(["tom"]);
    }
  });
});

describe("D8: a grant the same words correct goes to no one taken back", () => {
  for (const line of [
    "give tom sudo sorry lily",
    "tom gets admin, sorry, lily does",
    "give tom sudo oops i mean lily",
    "make tom admin er lily",
    "sudo for tom, no wait, lily",
  ])
    it(`"${line}": tom never gets sudo`, async () => {
      const { conv, last } = await dialogue(LIVE, [
        "install on the empty disk",
        "create users lily and tom",
        line,
      ]);
      expect([...sudoed(callsOf(last)), ...sudoed(conv.pending)]).not.toContain("tom");
    });
  it('"create users mia and noah and give them sudo... actually just noah": only noah', async () => {
    const { conv } = await dialogue(LIVE, [
      "install on the empty disk",
      "create users mia and noah and give them sudo... actually just noah",
    ]);
    expect(sudoed(conv.pending)).not.toContain("mia");
  });
  it("an addition after the marker takes nothing back", async () => {
    const { conv } = await dialogue(LIVE, [
      "install on the empty disk",
      "create users lily and tom",
      "give tom sudo",
    ]);
    expect(sudoed(conv.pending)).toEqual(["tom"]);
  });
});
