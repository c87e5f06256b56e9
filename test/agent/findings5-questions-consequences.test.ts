import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The fifth user findings' WRONG 3 (class A): a question about what the plan does to a disk, a
 * partition, a system or a kind of data is answered from the pending plan, naming the disk, what
 * happens to it (erased by step N, kept, untouched, installed beside) and the protection that
 * applies. Machines (the tester's facts files): findings5q-t (two identical Seagates, sda "Photos",
 * sdb "Games", an empty Samsung 980 nvme0n1, live sdc), findings5q-a (Samsung sda "backup", WD
 * nvme0n1 "games", live sdb), findings5q-b (Windows 11 with 120 GiB free), findings5q-c (Windows 11,
 * no free space), findings5q-e (BitLocker C: with free space), findings5q-f (Windows 7, MBR/BIOS).
 * A question is never a call and never a confirmation.
 */
const T = fixtureFacts("findings5q-t");
const A = fixtureFacts("findings5q-a");
const B = fixtureFacts("findings5q-b");
const C = fixtureFacts("findings5q-c");
const E = fixtureFacts("findings5q-e");
const F = fixtureFacts("findings5q-f");

const replyOf = (d: object) => ("reply" in d ? (d as { reply: string }).reply : "");

type Case = [typeof T, string[], RegExp, RegExp?];

async function expectAnswer([facts, turns, answer, not]: Case) {
  const before = await dialogue(facts, turns.slice(0, -1));
  const { last, conv } = await dialogue(facts, turns);
  expect(replyOf(last)).toMatch(answer);
  if (not) expect(replyOf(last)).not.toMatch(not);
  // a question never acts
  expect("calls" in last || "confirm" in last || "drop" in last).toBe(false);
  expect(JSON.stringify(conv.pending)).toBe(JSON.stringify(before.conv.pending));
}

describe("consequence questions are answered from the plan (the tester's)", () => {
  const cases: Case[] = [
    [
      F,
      [
        "dual boot with windows 7 pls dont wipe it",
        "ok erase the whole thing actually, win7 is dead anyway",
        "ya",
        "whats happening to windows 7",
      ],
      /^Windows 7 on \/dev\/sda is erased: step 1 erases \/dev\/sda/,
    ],
    [T, ["install on the nvme", "is s d a safe"], /^Yes: .*\/dev\/sda .*not touched/],
    [T, ["install on the nvme", "what disk are you erasing"], /^Step 1 erases \/dev\/nvme0n1/, /sdc/],
    [A, ["what are you erasing"], /^Nothing: no disk is erased/],
    [B, ["put linux in the free space", "is my c drive safe"], /^Yes: .*\/dev\/nvme0n1p3.*stays/],
    [T, ["install on the nvme", "is the first one you listed safe"], /^Yes: .*\/dev\/sda .*not touched/],
    [E, ["next to windows", "is bitlocker ok with this"], /BitLocker-encrypted.*recovery key/],
    [E, ["next to windows", "will i need my recovery key"], /recovery key/],
    [E, ["will I still be able to boot windows"], /^Yes: nothing in the plan touches/],
    [T, ["install on the nvme", "do i lose my photos"], /^No: .*Photos.*\/dev\/sda.*not touched/],
  ];
  for (const c of cases) it(`${c[1].at(-1)} → ${c[2]}`, () => expectAnswer(c));

  it("what disk are you erasing, with another erase offered: the plan's step and the offer, offer kept", async () => {
    const turns = ["dont touch sda its got my photos", "install on the nvme", "use the other disk"];
    const { last, conv } = await dialogue(T, [...turns, "what disk are you erasing"]);
    expect(replyOf(last)).toMatch(/^Step 1 erases \/dev\/nvme0n1/);
    expect(replyOf(last)).toMatch(/\/dev\/sdb/);
    expect(replyOf(last)).not.toMatch(/sdc/);
    expect(replyOf(last)).toMatch(/Shall I erase it anyway\?/);
    expect(conv.offer?.calls[0]).toMatchObject({ tool: "partitionDisk", args: { disk: "/dev/sdb" } });
  });
});

describe("consequence questions, our own sentences", () => {
  const cases: Case[] = [
    [T, ["install on the nvme", "WHAT HAPPENS TO MY PHOTOS"], /Photos.*\/dev\/sda.*not touched/],
    [T, ["use sdb", "yes", "are my games gonna be gone"], /^Yes: .*Games.*step 1 erases \/dev\/sdb/],
    [A, ["use the wd", "yes", "is the wd safe or not"], /^No: \/dev\/nvme0n1 .*is erased: step 1 erases it/],
    [A, ["use the wd", "yes", "so what happens to the samsung"], /\/dev\/sda .*not touched/],
    [A, ["keep the samsung", "what r u wiping"], /^Nothing: no disk is erased.*\/dev\/sda/],
    [F, ["next to windows 7", "what happens to win7"], /^Windows 7 on \/dev\/sda stays/],
    [
      C,
      ["whats going to happen to windows"],
      /^Windows Boot Manager on \/dev\/nvme0n1 is not touched: nothing is planned/,
    ],
    [T, ["install on the nvme", "is s d b gonna be ok"], /^Yes: .*\/dev\/sdb .*not touched/],
    [A, ["use the wd", "yes", "which drive gets erased?"], /^Step 1 erases \/dev\/nvme0n1/],
    [E, ["next to windows", "WILL BITLOCKER BREAK"], /recovery key/],
    [T, ["install on the nvme", "is the nvme safe"], /^No: \/dev\/nvme0n1 .*is erased/],
    [
      T,
      ["install on the nvme", "hmm what happens to the games drive i guess its fine?"],
      /Games.*\/dev\/sdb.*not touched/,
    ],
    [E, ["is bitlocker ok with this"], /BitLocker.*not touched: nothing is planned.*recovery key/],
    [
      B,
      ["put linux in the free space", "whats happening to the recovery partition"],
      /\/dev\/nvme0n1p4.*stays/,
    ],
    [T, ["install on the nvme", "whats gonna happen to the last one you listed"], /\/dev\/nvme0n1/, /sdc/],
    [T, ["install on the nvme", "so umm what happens to sdb i guess"], /^\/dev\/sdb .*not touched/],
    [T, ["install on the nvme", "uhh is s d a ok"], /^Yes: .*\/dev\/sda .*not touched/],
    // asking what suits is no question about what happens
    [A, ["is the wd ok for gaming"], /partitions: \/dev\/nvme0n1p1/, /not touched/],
  ];
  for (const c of cases) it(`${c[1].at(-1)} → ${c[2]}`, () => expectAnswer(c));
});
