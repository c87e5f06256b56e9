import { describe, expect, it } from "vitest";
import { readSudoEllipsis } from "../../agent/safety/sudoEllipsis.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 11 D4 and W4 (docs/findings/2026-12-05-hurried-user-11.md): "paul keeps sudo, rita
 * doesn't" kept rita's sudo and said "Changed"; "anna shouldnt be admin after all, ben is enough"
 * took ben's sudo too; "ben keeps it" dropped the disk. An elliptical clause takes the predicate of
 * the clause before it (agent/safety/sudoEllipsis.ts): a negation takes the privilege away, a yes
 * after a refusal in the same turn gives it.
 */
const DESK = fixtureFacts("findings12-desk3");

async function plan(lines: string[]): Promise<Record<string, boolean | string>> {
  const { conv } = await dialogue(DESK, lines);
  return Object.fromEntries(
    conv.pending.map((c) =>
      c.tool === "createUser"
        ? [c.args.username, (c.args as { sudo: boolean }).sudo]
        : [c.tool, c.tool === "partitionDisk" ? (c.args as { disk: string }).disk : "yes"],
    ),
  );
}

const BOTH = ["nvme", "users paul and rita, both sudo"];

describe("an elliptical negation after a contrast takes sudo away (must not give)", () => {
  const cases: string[] = [
    "paul keeps sudo, rita doesn't",
    "no wait paul keeps sudo, rita doesnt",
    "paul keeps it, rita doesnt",
    "rita doesnt, paul does",
    "paul does, rita doesnt",
    "rita shouldnt",
    "sudo for paul but not rita",
    "paul stays admin, rita not",
    "paul yes, rita no",
    "rita does not",
  ];
  for (const line of cases)
    it(line, async () => {
      expect(await plan([...BOTH, line])).toEqual({ partitionDisk: "/dev/nvme0n1", paul: true, rita: false });
    });
  it("'rita doesn't either' after 'paul no sudo': neither keeps it", async () => {
    expect(await plan([...BOTH, "paul no sudo", "rita doesn't either"])).toEqual({
      partitionDisk: "/dev/nvme0n1",
      paul: false,
      rita: false,
    });
  });
  it("a refused half never swallows the other: the reply names rita, and yes takes her sudo", async () => {
    const { last, conv } = await dialogue(DESK, [
      ...BOTH,
      "paul no sudo",
      "no wait paul keeps sudo, rita doesnt",
    ]);
    expect("reply" in last && last.reply).toMatch(/takes sudo from rita/);
    expect(
      conv.pending.some((c) => c.tool === "createUser" && c.args.username === "rita" && c.args.sudo),
    ).toBe(true);
    expect(
      await plan([...BOTH, "paul no sudo", "no wait paul keeps sudo, rita doesnt", "yes"]),
    ).toMatchObject({
      rita: false,
    });
  });
});

describe("sudo changes land on the person named (tester 11 W4)", () => {
  it("'anna shouldnt be admin after all, ben is enough': ben keeps his sudo", async () => {
    expect(
      await plan([
        "nvme",
        "users anna and ben, both sudo",
        "anna shouldnt be admin after all, ben is enough",
      ]),
    ).toEqual({ partitionDisk: "/dev/nvme0n1", anna: false, ben: true });
  });
  it("'anna shouldnt be admin, ben should': ben gets it", async () => {
    expect(await plan(["nvme", "users anna (sudo), ben", "anna shouldnt be admin, ben should"])).toEqual({
      partitionDisk: "/dev/nvme0n1",
      anna: false,
      ben: true,
    });
  });
  it("'take sudo from anna, ben keeps it': the disk stays in the plan", async () => {
    expect(
      await plan(["nvme", "users anna and ben, both sudo", "take sudo from anna, ben keeps it"]),
    ).toEqual({
      partitionDisk: "/dev/nvme0n1",
      anna: false,
      ben: true,
    });
  });
  it("'admin: ana yes ben no' in the list's own turn", async () => {
    expect(await plan(["nvme", "users ana and ben, admin: ana yes ben no"])).toEqual({
      partitionDisk: "/dev/nvme0n1",
      ana: true,
      ben: false,
    });
  });
});

describe("the reader gives nothing an ellipsis does not say (must not give)", () => {
  const users = ["paul", "rita"];
  it("a yes in a turn of ellipses alone gives nothing (the predicate is a turn ago)", () => {
    expect(readSudoEllipsis("rita does", users, "users paul and rita, paul sudo")).toBeUndefined();
  });
  it("no predicate about the privilege: nothing", () => {
    expect(readSudoEllipsis("paul yes, rita no", users, "users paul and rita")).toBeUndefined();
    expect(
      readSudoEllipsis("paul keeps the disk, rita doesnt", users, "users paul and rita, both sudo"),
    ).toBe(undefined);
  });
  it("'too' after a refusal refuses", () => {
    expect(readSudoEllipsis("no sudo for paul, rita too", users)?.lose).toEqual(["rita"]);
  });
  it("'too' after a grant gives, in the same turn", () => {
    expect(readSudoEllipsis("sudo for paul, rita too", users)?.gain).toEqual(["rita"]);
  });
  it("a question or a condition says nothing", () => {
    expect(readSudoEllipsis("paul keeps sudo, does rita?", users)).toBeUndefined();
    expect(readSudoEllipsis("paul keeps sudo, rita too if she asks", users)).toBeUndefined();
  });
  it("new users said without sudo get none from a later ellipsis", async () => {
    expect(await plan(["nvme", "users paul and rita", "paul yes, rita no"])).not.toMatchObject({
      paul: true,
    });
  });
});
