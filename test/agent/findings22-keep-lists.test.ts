import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 18 D1/D2: a list of disks before the keep ("sda, sdb: keep", "WD + crucial =
 * untouchable", "the samsung and the WD, leave both alone") kept only the last disk, or none, and
 * the first was offered ("the other one" + "yes" erased the WD holding photos); "the WD black,
 * spare it for now" erased the WD: the time after the pronoun hid the keep.
 */
const LAPTOP = fixtureFacts("findings22-t18-laptop"); // nvme0n1 Samsung+Windows, sda WD photos, sdb Crucial empty, sdc live USB
const DESK = fixtureFacts("findings22-t18-desk"); // nvme0n1 WD_BLACK empty, sda IronWolf photos, sdb live USB

type Step = { tool: string; args: Record<string, unknown> };
const erased = (pending: readonly Step[]) =>
  pending.flatMap((p) => (p.tool === "partitionDisk" && p.args.use === "whole" ? [String(p.args.disk)] : []));
const keptDisks = (conv: { protections?: readonly { kind: string; disk?: string }[] }) =>
  (conv.protections ?? []).flatMap((p) => (p.kind === "disk" && p.disk ? [p.disk] : []));

describe("a list of disks before the keep keeps every disk of the list", () => {
  const lists: [string, string[]][] = [
    ["sda, sdb: keep", ["/dev/sda", "/dev/sdb"]],
    ["WD + crucial = untouchable", ["/dev/sda", "/dev/sdb"]],
    ["samsung & WD -> untouchable", ["/dev/nvme0n1", "/dev/sda"]],
    ["/dev/sda and /dev/sdb: hands off", ["/dev/sda", "/dev/sdb"]],
    ["crucial, wd => leave them alone", ["/dev/sda", "/dev/sdb"]],
    ["the samsung and the WD, leave both alone", ["/dev/nvme0n1", "/dev/sda"]],
    ["sda and sdb, keep them", ["/dev/sda", "/dev/sdb"]],
    ["The crucial and the WD: do not touch them.", ["/dev/sda", "/dev/sdb"]],
  ];
  for (const [line, disks] of lists)
    it(`"${line}" keeps ${disks.join(" and ")}`, async () => {
      const { conv, last } = await dialogue(LAPTOP, [line]);
      expect(keptDisks(conv)).toEqual(expect.arrayContaining(disks));
      expect("calls" in last ? last.calls : []).toEqual([]);
    });

  for (const [line, disks] of lists)
    it(`after "${line}", "the other one" / "the first one" and "yes" erase none of them`, async () => {
      for (const pick of ["the other one", "the first one", "that one"]) {
        const { conv } = await dialogue(LAPTOP, [line, pick, "yes"]);
        for (const d of disks) expect(erased(conv.pending), `${pick}`).not.toContain(d);
      }
    });

  it('"sda: wipe" alone still asks to erase the disk it names (a list key is read only with a keep)', async () => {
    const { last } = await dialogue(LAPTOP, ["sdb: wipe"]);
    expect(JSON.stringify(last)).toContain("/dev/sdb");
    const { conv } = await dialogue(LAPTOP, ["sda, sdb: wipe"]);
    expect(keptDisks(conv)).toEqual([]);
  });

  it('"keep both" with no disks listed still keeps the systems (Windows), not a disk', async () => {
    const { conv } = await dialogue(LAPTOP, ["keep both"]);
    expect(keptDisks(conv)).toEqual([]);
    expect((conv.protections ?? []).some((p) => p.kind === "partitions")).toBe(true);
  });
});

describe("a keep with time after the pronoun is a keep", () => {
  for (const line of [
    "the WD black, spare it for now",
    "the nvme, leave it for now",
    "the WD black, keep it for the moment",
    "the sn850x, leave it alone until the backup is done",
    "the nvme: keep it for now, thanks",
  ])
    it(`"${line}" keeps /dev/nvme0n1 and erases nothing`, async () => {
      const { conv } = await dialogue(DESK, [line]);
      expect(erased(conv.pending)).toEqual([]);
      expect(keptDisks(conv)).toContain("/dev/nvme0n1");
    });
});

describe("what a plural keep does not reach", () => {
  it('"install on the nvme, and the WD and the crucial both stay" keeps the WD and the Crucial, not the nvme', async () => {
    const { conv } = await dialogue(LAPTOP, [
      "install on the samsung, and the WD and the crucial both stay as they are",
    ]);
    expect(keptDisks(conv)).toEqual(expect.arrayContaining(["/dev/sda", "/dev/sdb"]));
    expect(keptDisks(conv)).not.toContain("/dev/nvme0n1");
  });

  it('"not the 2tb one either" adds to the exclusions and points back at nothing', async () => {
    const { conv } = await dialogue(LAPTOP, ["anything but the samsung, and not the 2tb one either"]);
    expect(keptDisks(conv)).not.toContain("/dev/sdb");
  });
});

describe("invisible marks inside a name (attacker 15 F3)", () => {
  it("a combining grapheme joiner is dropped, not a cut: no user 'dmin' or 'r'", async () => {
    const { conv } = await dialogue(DESK, ["create user a\u034fdmin with sudo"]);
    const names = conv.pending.flatMap((p) => (p.tool === "createUser" ? [p.args.username] : []));
    expect(names).not.toContain("dmin");
    const { conv: c2 } = await dialogue(DESK, ["create user r\u034foot with sudo"]);
    expect(c2.pending.filter((p) => p.tool === "createUser")).toEqual([]);
    const { conv: c3 } = await dialogue(DESK, ["create user ma\u034fra with sudo"]);
    expect(c3.pending).toContainEqual(
      expect.objectContaining({
        tool: "createUser",
        args: expect.objectContaining({ username: "mara", sudo: true }),
      }),
    );
  });
});
