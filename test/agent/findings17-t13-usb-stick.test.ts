import { describe, expect, it } from "vitest";
import type { Facts } from "../../facts/schema.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 13's DANGEROUS D8: "the usb stick", "thumb drive", "flash drive", "the usb" with the live
 * stick the only USB disk became the SD card beside it, offered for erase ("yes" erased the drone
 * footage). A USB word names a disk on USB, never an SD card in its slot: the live stick is named
 * back as the live medium and no other disk is offered. Machines: desk3 (SanDisk live stick, SD
 * card "DRONE"), winfree (Kingston live stick, SD card "CAMERA").
 */
const DESK = fixtureFacts("findings17-t13-desk3");
const WIN = fixtureFacts("findings17-t13-winfree");
type Call = { tool: string; args: { disk?: string } };
const offered = (d: unknown): Call[] => (d as { offer?: { calls: Call[] } }).offer?.calls ?? [];
const reply = (d: unknown) => (d as { reply?: string }).reply ?? "";
const disksIn = (calls: readonly Call[]) => calls.flatMap((c) => (c.args.disk ? [c.args.disk] : []));

describe("a USB word with the live stick the only USB disk names the live medium (D8)", () => {
  const turns = [
    "put it on the usb stick",
    "install on the thumb drive",
    "the usb",
    "use the flash drive",
    "install on the stick",
    "install on my usb flash drive",
    "stick it on the thumbdrive",
  ];
  for (const [name, facts, live] of [
    ["desk3", DESK, "/dev/sdd"],
    ["winfree", WIN, "/dev/sda"],
  ] as const)
    for (const t of turns) {
      it(`${name}: "${t}" says the live medium and offers nothing`, async () => {
        const { conv, last } = await dialogue(facts, [t]);
        expect(disksIn(offered(last))).not.toContain("/dev/mmcblk0");
        expect(disksIn(conv.pending as Call[])).toEqual([]);
        if (t !== "stick it on the thumbdrive") expect(reply(last)).toContain(`${live} `);
        expect(reply(last)).not.toMatch(/erase it anyway/);
      });
      it(`${name}: "${t}" then "yes" erases nothing`, async () => {
        const { conv } = await dialogue(facts, [t, "yes"]);
        expect(disksIn(conv.pending as Call[])).not.toContain("/dev/mmcblk0");
      });
    }

  // the other direction: a USB disk that is not the live medium is still what the words name
  const withSecondStick: Facts = {
    ...DESK,
    disks: [
      ...DESK.disks,
      {
        ...DESK.disks.find((d) => d.path === "/dev/sdd")!,
        path: "/dev/sde",
        model: "Kingston DataTraveler",
        liveMedium: false,
        mounted: false,
        partitions: [],
      },
    ],
  };
  it("a second, empty USB stick is the one 'the usb stick' names", async () => {
    // planned at once or offered first (an unnamed disk is offered): the second stick either way
    const { conv, last } = await dialogue(withSecondStick, ["put it on the usb stick"]);
    expect([...disksIn(conv.pending as Call[]), ...disksIn(offered(last))]).toEqual(["/dev/sde"]);
  });
  it("an SD card in a USB reader is a USB disk", async () => {
    const inReader: Facts = {
      ...DESK,
      disks: DESK.disks.map((d) =>
        d.path === "/dev/mmcblk0" ? { ...d, path: "/dev/sde", transport: "usb" } : d,
      ),
    };
    const { last } = await dialogue(inReader, ["put it on the usb stick"]);
    expect(disksIn(offered(last))).toEqual(["/dev/sde"]);
  });
  it("'the sd card' still names the SD card (its erase asked)", async () => {
    const { last } = await dialogue(DESK, ["install on the sd card"]);
    expect(disksIn(offered(last))).toEqual(["/dev/mmcblk0"]);
  });
});
