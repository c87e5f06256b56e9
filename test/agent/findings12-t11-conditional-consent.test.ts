import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 11 D1 and D5. D1: an answer to my erase question that makes the erase depend on
 * something ("yes if theres nothing important", "erase it if nothing important is there") was
 * taken as the plain yes, and the Photos disk or the Fedora disk was erased; the same words in a
 * first turn were asked back. D5: "the hard drive" among three disks asked "Which disk …?
 * "yes" takes /dev/sda", listing the Photos disk as "[no free space]" only, and a yes erased it
 * with no word of what it holds. Machines: a desktop with an empty Samsung nvme, a Seagate 2 TB
 * with an ntfs "Photos" partition, a Crucial with Ubuntu and the live USB stick (desk3); a WD
 * nvme full with Fedora beside an empty 1 TB hard disk (fedora2).
 */
const DESK = fixtureFacts("findings12-desk3");
const FEDORA = fixtureFacts("findings12-fedora2");

const added = (d: Decision) => ("calls" in d ? d.calls : []);

describe("a conditional answer to an erase question erases nothing and asks", () => {
  const answers = [
    "yes if theres nothing important",
    "ok if nothing on it matters",
    "yes if its empty",
    "sure, if there is nothing on it",
    "yeah as long as nothing important is on it",
    "yes unless theres data on it",
    "only if its empty",
    "erase it if nothing important is there",
    "wipe it if you think it's empty",
    "fine, provided there's nothing i need on it",
    "yes but only if it is empty",
    "ok, assuming the photos are backed up somewhere",
  ];
  for (const a of answers)
    it(`desktop, "go with the bigger drive" → "${a}"`, async () => {
      const { last } = await dialogue(DESK, ["go with the bigger drive", a]);
      expect(added(last).some(erases("/dev/sda"))).toBe(false);
      expect("confirm" in last).toBe(false);
      // asked again ("you said it with an if") or not read at all: either way, nothing planned
    });
  for (const a of [
    "erase it if nothing important is there",
    "yes if there's nothing important",
    "ok if fedora is not needed",
  ])
    it(`Fedora laptop, "put it on the ssd" → "${a}"`, async () => {
      const { last } = await dialogue(FEDORA, ["put it on the ssd", a]);
      expect(added(last).some(erases("/dev/nvme0n1"))).toBe(false);
    });

  it("the plain yes after it still erases (the question asked for it)", async () => {
    const { last } = await dialogue(DESK, ["go with the bigger drive", "yes if its empty", "yes"]);
    expect(added(last).some(erases("/dev/sda")) || ("confirm" in last && last.confirm)).toBe(true);
  });
  for (const a of ["yes", "yes erase it", "ok wipe it, the photos are backed up"])
    it(`an answer without a condition is the yes: "${a}"`, async () => {
      const { last } = await dialogue(DESK, ["go with the bigger drive", a]);
      expect(added(last).some(erases("/dev/sda"))).toBe(true);
    });
});

describe("a which-disk question says what its yes erases", () => {
  for (const words of ["the hard drive", "the hard disk", "the big hard drive"])
    it(`"${words}": the Photos disk is named by what it holds, and the yes says it erases it`, async () => {
      const { last } = await dialogue(DESK, [words]);
      expect("reply" in last).toBe(true);
      const reply = "reply" in last ? last.reply : "";
      expect(reply).toMatch(/\/dev\/sda \(.*?SATA\) \[holds ntfs "Photos"/);
      if (/"yes" takes \/dev\/sda/.test(reply))
        expect(reply).toMatch(/erasing what it holds for good: \/dev\/sda1 \(ntfs "Photos"/);
    });
  it("the empty disk is listed with no 'holds'", async () => {
    const { last } = await dialogue(DESK, ["the hard drive"]);
    const reply = "reply" in last ? last.reply : "";
    expect(reply).toMatch(/\/dev\/nvme0n1 \([^[]*NVME\),/);
  });
});
