import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 29 (fixD29): consent to erase.
 * - A let-go or yes that the same turn doubts, takes back, narrows, reports or writes as code asks
 *   (agent/safety/doubtedErase.ts; attacker 29 H1, H4).
 * - A let-go of one partition, then a pick of the disk, never erases the disk (agent/safety/partLetGo.ts;
 *   attacker 29 H5).
 */
// sda: Samsung 870 EVO ext4 "PHOTOS"; nvme0n1: WD_BLACK with Windows and 399 GB free; sdc: blank Crucial
const LIVE = inferLiveMedium(fixtureFacts("findings30-fixD29-live2"));

const erases = (d: object, disk: string) =>
  "calls" in d &&
  (d.calls as { tool: string; args: { disk?: string; use?: string } }[]).some(
    (c) => c.tool === "partitionDisk" && c.args.disk === disk && c.args.use !== "free",
  );
const offersErase = (d: object, disk: string) => "offer" in d && erases(d.offer as object, disk);

describe("a let-go the same turn doubts, takes back, narrows or writes as code asks", () => {
  const OPEN = [
    // the report's
    "use the samsung, the photos can go, maybe",
    "use the samsung, the photos can go, I suppose",
    "use the samsung, the photos can go — or so I thought",
    "use the samsung, the photos can go... wait",
    "use the samsung, the photos can go except the raw files",
    "use the samsung, photos=can go",
    // the same shapes in other words
    "use the samsung, the photos can go, probably",
    "use the samsung, the photos can go i think",
    "wipe the samsung, perhaps",
    "wipe the samsung. hmm, hold on",
    "wipe the samsung, on second thought",
    "wipe the samsung apart from the vacation folder",
    "use the samsung, the photos can go, my wife says",
    "use the samsung, die Fotos können weg, vielleicht",
    "erase(samsung)",
  ];
  for (const s of OPEN)
    it(s, async () => {
      const { last } = await dialogue(LIVE, ["create user anna with sudo", s]);
      expect(erases(last, "/dev/sda")).toBe(false);
      expect("reply" in last).toBe(true);
    });
  // the question names what is lost and offers the same erase, so a plain yes takes it
  for (const s of OPEN.slice(0, 6))
    it(`names the loss and offers the erase: ${s}`, async () => {
      const { last } = await dialogue(LIVE, ["create user anna with sudo", s]);
      expect("reply" in last && last.reply).toMatch(/PHOTOS/);
      expect(offersErase(last, "/dev/sda")).toBe(true);
    });

  // near misses: a plain let-go or erase, and an exception that only sorts the disks, stand
  const PLAIN = [
    "use the samsung, the photos can go",
    "wipe the samsung, the photos can go",
    "wipe everything except the crucial, use the samsung, the photos can go",
  ];
  for (const s of PLAIN)
    it(`still erases: ${s}`, async () => {
      const { last } = await dialogue(LIVE, ["create user anna with sudo", s]);
      expect(erases(last, "/dev/sda")).toBe(true);
    });

  it("a plain yes to the question takes the erase", async () => {
    const { last } = await dialogue(LIVE, [
      "create user anna with sudo",
      "use the samsung, the photos can go, maybe",
      "yes",
    ]);
    expect(erases(last, "/dev/sda")).toBe(true);
  });
});

describe("a doubted, reported or quoted yes at the erase question asks again", () => {
  const YES = [
    "yes — or so I thought",
    "yes, she said",
    "ja, vielleicht",
    "oui, peut-être",
    '"yes"',
    "sí, quizás",
    "yes... wait",
    "yes, my husband says",
    "ok, probably",
  ];
  for (const y of YES)
    it(y, async () => {
      const { last } = await dialogue(LIVE, ["create user anna with sudo", "use the samsung", y]);
      expect(erases(last, "/dev/sda")).toBe(false);
    });
  for (const y of ["yes", "yes, erase it", "ja", "oui"])
    it(`a plain ${y} erases`, async () => {
      const { last } = await dialogue(LIVE, ["create user anna with sudo", "use the samsung", y]);
      expect(erases(last, "/dev/sda")).toBe(true);
    });
});

describe("a let-go of one partition, then the disk picked, never erases the disk", () => {
  const PARTS = [
    // the report's
    "the ESP can go",
    "the efi partition can go",
    "the recovery partition can go",
    "the SYSTEM partition can go",
    "the D drive can go",
    "the E drive can go",
    "the second partition can go",
    "partition 1 can go",
    "the small partitions can go",
    "the linux partition can go",
    "the swap can go",
    // other words of the same shape
    "you can wipe the boot partition",
    "nvme0n1p1 can go",
    "the D: drive is junk, it can go",
    "the reserved volume can go",
  ];
  for (const p of PARTS)
    it(`${p} / use the nvme`, async () => {
      const { last } = await dialogue(LIVE, ["create user anna", p, "use the nvme"]);
      expect(erases(last, "/dev/nvme0n1")).toBe(false);
      expect(offersErase(last, "/dev/nvme0n1")).toBe(false);
    });
  it("the free-space install offered is taken by yes", async () => {
    const { last, conv } = await dialogue(LIVE, [
      "create user anna",
      "the ESP can go",
      "use the nvme",
      "yes",
    ]);
    expect(erases(last, "/dev/nvme0n1")).toBe(false);
    expect(JSON.stringify(conv.pending)).toMatch(/"use":"free"/);
  });
  // near misses: the whole disk let go in words, before or now, still erases
  for (const lines of [["create user anna", "the ESP can go", "wipe the whole nvme"]])
    it(`still erases: ${lines.slice(1).join(" / ")}`, async () => {
      const { last } = await dialogue(LIVE, lines);
      expect(erases(last, "/dev/nvme0n1")).toBe(true);
    });
  // a let-go of a partition says nothing about another disk's own let-go
  it("still erases: the ESP can go / use the samsung, the photos can go", async () => {
    const { last } = await dialogue(LIVE, [
      "create user anna",
      "the ESP can go",
      "use the samsung, the photos can go",
    ]);
    expect(erases(last, "/dev/sda")).toBe(true);
  });
});

describe("an exception that names another disk only sorts the disks", () => {
  for (const s of [
    "wipe the samsung, the photos can go, except the usb obviously",
    "wipe the samsung, the photos can go, except the other drive",
  ])
    it(s, async () => {
      const { last } = await dialogue(LIVE, ["create user anna with sudo", s]);
      expect("calls" in last).toBe(true);
    });
});

describe("the line that adds an erase names what it loses, before any yes (tester 29 F12, F16)", () => {
  it("an erased disk's content is named on the Added line", async () => {
    const { said } = await dialogue(LIVE, [
      "create user anna with sudo",
      "use the samsung, the photos can go",
    ]);
    expect(said[1]).toMatch(/erase \/dev\/sda .*lost for good: ext4 "PHOTOS" \(\/dev\/sda1\)/);
  });
  it("a blank disk's erase names no loss", async () => {
    const { said } = await dialogue(LIVE, ["create user anna with sudo", "use the crucial"]);
    expect(said[1]).not.toMatch(/lost for good/);
  });
});
