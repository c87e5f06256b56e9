import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The fifth user findings' WRONG 3, 4 and 10 (class B): questions about the machine are answered
 * from the facts (which disk holds the photos, where the games are, what is on a disk, how big it
 * is, a partition's label, filesystem and system, free space), and a question asked while one of
 * my questions is open is answered and the question asked again, its offer kept: "whats on it?" at
 * "Shall I erase it anyway?" never loses the question, and never answers it.
 * Machines: see findings5-questions-consequences.test.ts.
 */
const T = fixtureFacts("findings5q-t");
const A = fixtureFacts("findings5q-a");
const B = fixtureFacts("findings5q-b");

const replyOf = (d: object) => ("reply" in d ? (d as { reply: string }).reply : "");

type Case = [typeof T, string[], RegExp, RegExp?];

async function expectAnswer([facts, turns, answer, not]: Case) {
  const before = await dialogue(facts, turns.slice(0, -1));
  const { last, conv } = await dialogue(facts, turns);
  expect(replyOf(last)).toMatch(answer);
  if (not) expect(replyOf(last)).not.toMatch(not);
  expect("calls" in last || "confirm" in last || "drop" in last).toBe(false);
  expect(JSON.stringify(conv.pending)).toBe(JSON.stringify(before.conv.pending));
  return { last, conv };
}

describe("data questions are answered from the facts", () => {
  const cases: Case[] = [
    // the tester's
    [T, ["wait which one has my photos"], /\/dev\/sda1 .*Photos.* is on \/dev\/sda /],
    [
      T,
      ["install on the nvme", "and where my games are?"],
      /\/dev\/sdb1 .*Games.* is on \/dev\/sdb .*not touched/,
    ],
    [T, ["how big is the nvme"], /500\.1 GB/],
    // our own
    [T, ["wich disk has the photos on it"], /\/dev\/sda1 .*Photos.* is on \/dev\/sda /],
    [T, ["where r my games"], /\/dev\/sdb1 .*Games/, /sda1/],
    [A, ["WHAT IS ON THE SAMSUNG"], /\/dev\/sda1 .*backup/],
    [T, ["what filesystem is the games partition"], /ext4/],
    [B, ["how much free space is there"], /120\.0 GiB/],
    [B, ["what os is on the nvme"], /Windows Boot Manager/],
    [T, ["how big is the photos drive"], /2\.00 TB/],
    [A, ["uh where is my backup"], /\/dev\/sda1 .*backup.* is on \/dev\/sda /],
    [T, ["do i have any photos on the nvme"], /no partitions|nothing/i],
    [T, ["which seagate has the games?"], /\/dev\/sdb1 .*Games.* is on \/dev\/sdb /],
  ];
  for (const c of cases) it(`${c[1].at(-1)} → ${c[2]}`, () => expectAnswer(c).then(() => undefined));
});

describe("a question at my open question answers it and asks again", () => {
  it("whats on it? at the erase question: the disk's contents, the question, the offer kept", async () => {
    const { last, conv } = await expectAnswer([
      A,
      ["use the wd", "whats on it?"],
      /\/dev\/nvme0n1p1 .*games/,
    ]);
    expect(replyOf(last)).toMatch(/Shall I erase it anyway\?/);
    expect(conv.offer?.calls[0]).toMatchObject({ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } });
    // and the yes still answers that question
    const { conv: after } = await dialogue(A, ["use the wd", "whats on it?", "yes"]);
    expect(after.pending[0]).toMatchObject({ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } });
  });
  it("is the samsung going to be wiped? yes or no: answered no, the question asked again", async () => {
    const { last, conv } = await expectAnswer([
      A,
      ["use the wd", "is the samsung going to be wiped? yes or no"],
      /^No: .*\/dev\/sda /,
    ]);
    expect(replyOf(last)).toMatch(/Shall I erase it anyway\?/);
    expect(conv.offer).toBeDefined();
  });
  it("is the samsung safe? at the erase question (answered before any backend): the offer kept", async () => {
    const { last, conv } = await expectAnswer([
      A,
      ["use the wd", "is the samsung safe?"],
      /^Yes: .*\/dev\/sda /,
    ]);
    expect(replyOf(last)).toMatch(/Still open: Shall I erase it anyway\? \("yes" would erase \/dev\/nvme0n1/);
    expect(conv.offer).toBeDefined();
    const { conv: after } = await dialogue(A, ["use the wd", "is the samsung safe?", "yes"]);
    expect(after.pending[0]).toMatchObject({ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } });
  });
  const open: Case[] = [
    [A, ["use the wd", "um whats on that disk"], /\/dev\/nvme0n1p1 .*games.*Shall I erase it anyway\?/],
    [A, ["use the wd", "WHATS ON IT"], /\/dev\/nvme0n1p1 .*games.*Shall I erase it anyway\?/],
    [T, ["put it on a disk", "which one has my games?"], /\/dev\/sdb1 .*Games.*Which disk/],
    [
      A,
      ["use the wd", "does the samsung have anything on it"],
      /\/dev\/sda1 .*backup.*Shall I erase it anyway\?/,
    ],
    [A, ["use the wd", "how big is it?"], /1\.00 TB.*Shall I erase it anyway\?/],
    [A, ["use the wd", "and whats teh samsung got"], /\/dev\/sda1 .*backup.*Shall I erase it anyway\?/],
  ];
  for (const c of open)
    it(`${c[1].at(-1)} → ${c[2]}`, async () => {
      const { conv } = await expectAnswer(c);
      if (c[0] === A) expect(conv.offer).toBeDefined();
    });
  it("yes, but what about my games: answered from the plan, never a confirmation", async () => {
    await expectAnswer([
      A,
      ["use the wd", "yes", "yes, but what about my games"],
      /games.*is erased: step 1/,
    ]);
  });
});
