import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 28 (fixK28): keeps that were lost or inverted (attacker 28).
 * - H12: a turn that says nothing but that a disk holds the person's things ("the crucial =
 *   backups", "backup drive!!", "btw backups on crucial") while the plan erases it withdraws the
 *   erase, whatever links the things to the disk; the next "yes" erases nothing.
 * - M1: "the nvme has my vms", "holds my taxes", "my repos live on the nvme": the noun after a
 *   possessive holding verb is open, so the disk is kept and a later erase of it is refused.
 * Safety side: statements that say the things are NOT there, questions about the plan, and
 * requests in the same turn keep their old readings.
 */
const LIVE = fixtureFacts("findings29-fixK28-live2"); // sda Samsung PHOTOS, nvme Windows, sdc Crucial empty
const HDDS = fixtureFacts("findings29-fixK28-hdds"); // sda Seagate 2TB, sdb WD 1TB, nvme Samsung 500GB (empty)

type Step = { tool: string; args: Record<string, unknown> };
const calls = (d: unknown): Step[] =>
  d && typeof d === "object" && "calls" in d ? ((d as { calls: Step[] }).calls ?? []) : [];
const offered = (d: unknown): Step[] =>
  d && typeof d === "object" && "offer" in d ? ((d as { offer?: { calls: Step[] } }).offer?.calls ?? []) : [];
const reply = (d: unknown): string =>
  d && typeof d === "object" && "reply" in d ? String((d as { reply: string }).reply) : "";
const planned = (conv: { view: (s: string) => { pending: readonly unknown[] } }) =>
  conv.view("").pending as Step[];
const erases = (steps: Step[], disk: string) =>
  steps.filter((c) => c.tool === "partitionDisk" && c.args.disk === disk && c.args.use !== "free");
const everything = (conv: Parameters<typeof planned>[0], last: unknown) => [
  ...planned(conv),
  ...calls(last),
  ...offered(last),
];

describe("H12: 'the planned disk holds my things' in any linking form withdraws the erase", () => {
  for (const line of [
    "oh no, the crucial = backups",
    "btw backups on crucial",
    "the crucial? backups!",
    "my backups... on the crucial",
    "wait thats my backup disk",
    "backup drive!!",
    "time machine disk",
    "isn't that my backup drive",
    "that's my backup drive, isn't it?",
    "is that the one with my backups?",
    "crucial has backups fyi",
    "the crucial is where I back up to",
    // the same shape in other words
    "crucial: my photos",
    "sdc - all my music",
    "the 240gb one? my thesis!!",
    "hey that drive = my whole life",
    "omg the crucial has the family videos",
    "that's where we back things up",
  ]) {
    it(`"${line}" then "yes" erases nothing`, async () => {
      const { conv, last } = await dialogue(LIVE, [
        "create user anna with sudo",
        "use the crucial",
        line,
        "yes",
      ]);
      expect(erases(everything(conv, last), "/dev/sdc")).toEqual([]);
    });
  }
  // near-misses: the things are said NOT to be there, or the turn asks or requests
  for (const line of [
    "no backups on it",
    "use the crucial, my backups are elsewhere",
    "my backups are on the nas",
  ]) {
    it(`"${line}" keeps the planned erase`, async () => {
      const { conv } = await dialogue(LIVE, ["create user anna with sudo", "use the crucial", line]);
      expect(erases(planned(conv), "/dev/sdc")).toHaveLength(1);
    });
  }
  it('"what happens to my backups" asks nothing new and keeps the plan as it was', async () => {
    const { conv } = await dialogue(LIVE, [
      "create user anna with sudo",
      "use the crucial",
      "what happens to my backups",
    ]);
    expect(erases(planned(conv), "/dev/sdc")).toHaveLength(1);
  });
});

describe("M1: a disk said to hold the person's own things is kept, whatever the things are", () => {
  for (const line of [
    "the nvme has my vms",
    "my repos live on the nvme",
    "the nvme holds my taxes",
    "the nvme contains my tax returns",
    "my savegames are on the nvme",
    "my kids' homework lives on the nvme",
  ]) {
    it(`"${line}" then "erase the nvme" plans no erase`, async () => {
      const { conv, last } = await dialogue(LIVE, ["create user anna with sudo", line, "erase the nvme"]);
      expect(erases(everything(conv, last), "/dev/nvme0n1")).toEqual([]);
      expect(reply(last)).toMatch(/keep/i);
    });
  }
  it('"install on the crucial, it has my blessing" still installs on the crucial', async () => {
    const { conv } = await dialogue(LIVE, [
      "create user anna with sudo",
      "install on the crucial, it has my blessing",
    ]);
    expect(erases(planned(conv), "/dev/sdc")).toHaveLength(1);
  });
  void HDDS;
});

describe("H13: an exception attached to a keep of everything excludes from the keep", () => {
  for (const line of [
    "except for the nvme, hands off",
    "everything stays except the nvme",
    "keep everything, not the nvme",
    "except the nvme keep everything",
    "hands off, except the nvme",
    "apart from the nvme, dont touch anything",
    "besides the nvme, leave everything alone",
    "save for the nvme, keep it all",
    // the same shape in other words
    "other than the samsung, everything must stay",
    "aside from the nvme, all of it stays",
    "excluding the nvme, dont touch anything please",
  ]) {
    for (const target of ["use the seagate", "use the wd"]) {
      it(`"${line}" then "${target}" + "yes" erases neither data disk`, async () => {
        const { conv, last } = await dialogue(HDDS, ["create user anna with sudo", line, target, "yes"]);
        const all = everything(conv, last);
        expect(erases(all, "/dev/sda")).toEqual([]);
        expect(erases(all, "/dev/sdb")).toEqual([]);
      });
    }
  }
  // near-misses: a keep of one disk stays a keep of that disk; "not X" after a refusal is "not even X"
  for (const line of ["keep the nvme", "hands off the nvme", "dont touch anything, not the nvme"]) {
    it(`"${line}" keeps the nvme`, async () => {
      const { conv, last } = await dialogue(HDDS, [
        "create user anna with sudo",
        line,
        "use the nvme",
        "yes",
      ]);
      expect(erases(everything(conv, last), "/dev/nvme0n1")).toEqual([]);
    });
  }
});

const sudoOf = (steps: Step[]) =>
  steps.filter((c) => c.tool === "createUser" && c.args.sudo === true).map((c) => String(c.args.username));

describe("H8, M11: sudo only from a plain grant in the user's own voice", () => {
  for (const line of [
    "create bob (sudo: ask my wife)",
    "create bob, should he get sudo",
    "create bob with sudo when he turns 18",
    'create bob with "sudo" in his name',
    "create bob, the sudo can go",
    "create bob, can he have sudo",
    // the same shapes in other words
    "create bob, would he need admin",
    "add bob with admin rights once he finishes the course",
    "create bob (admin: up to my boss)",
    "create bob, the admin rights can be dropped",
    "add user bob with 'sudo' written on his door",
  ]) {
    it(`"${line}" creates bob without sudo`, async () => {
      const { conv, last } = await dialogue(LIVE, [line]);
      expect(sudoOf(everything(conv, last))).toEqual([]);
    });
  }
  for (const line of ["give bob sudo after all, I guess", "give bob sudo after all, or not"]) {
    it(`"${line}" after "create bob without sudo" gives no sudo`, async () => {
      const { conv, last } = await dialogue(LIVE, ["create bob without sudo", line]);
      expect(sudoOf(everything(conv, last))).toEqual([]);
    });
  }
  // near-misses: plain grants stay grants
  for (const line of [
    "create bob with sudo",
    "create bob, give him sudo",
    "add bob with sudo please!",
    "create bob and alice, both with sudo",
  ]) {
    it(`"${line}" gives bob sudo`, async () => {
      const { conv, last } = await dialogue(LIVE, [line]);
      expect(sudoOf(everything(conv, last))).toContain("bob");
    });
  }
  it('"give bob sudo after all" after a refusal gives it', async () => {
    const { conv, last } = await dialogue(LIVE, ["create bob without sudo", "give bob sudo after all"]);
    expect(sudoOf(everything(conv, last))).toContain("bob");
  });
});

describe("M1: disk names and keep marks in list or note form keep every disk named", () => {
  for (const line of [
    "seagate = keep, wd = keep",
    "seagate, wd - keep",
    "seagate+wd stay",
    "sda/sdb: keep",
    // the same shape in other words
    "the seagate & the wd: untouched",
    "sdb, sda = hands off",
  ]) {
    it(`"${line}" then "use the wd" + "yes" erases nothing`, async () => {
      const { conv, last } = await dialogue(HDDS, ["create user anna with sudo", line, "use the wd", "yes"]);
      const all = everything(conv, last);
      expect(erases(all, "/dev/sdb")).toEqual([]);
      expect(erases(all, "/dev/sda")).toEqual([]);
    });
  }
  it('"sda = wipe, sdb = keep" is left to the other readers (a piece that is no keep)', async () => {
    const { conv } = await dialogue(HDDS, [
      "create user anna with sudo",
      "sda = wipe, sdb = keep",
      "use the wd",
      "yes",
    ]);
    expect(erases(planned(conv), "/dev/sdb")).toEqual([]);
  });
});
