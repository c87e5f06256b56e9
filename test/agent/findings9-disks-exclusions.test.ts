import { describe, expect, it } from "vitest";
import { exceptedPhrases, readExclusions } from "../../agent/safety/eraseExclusions.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 8 D1: "wipe / erase / nuke everything | all of it | it all, except | but | apart from |
 * bar X" planned the erase of the disk holding X. An exception to "everything" keeps what it
 * names (agent/safety/eraseExclusions.ts), in every wording and either position; the answer is an
 * explanation or a question, never the erase. Machines: the tester's desktop (empty Samsung nvme,
 * Seagate sda with an NTFS "Media" partition, WD sdb with an ext4 "backup" partition, live stick
 * sdc), laptop (Windows on the nvme, 150 GiB free) and otherlinux (Ubuntu on the nvme, an empty
 * Crucial sda).
 */
const DESKTOP = fixtureFacts("findings9d-desktop");
const DESKTOP2 = fixtureFacts("findings9d-desktop2");
const LAPTOP = fixtureFacts("findings9d-laptop");
const OTHER = fixtureFacts("findings9d-otherlinux");

const VERBS = ["wipe", "erase", "nuke", "format", "clear", "delete", "blow away", "trash"];
const WHOLE = ["everything", "all of it", "it all", "the lot", "the whole thing", "every disk"];
const EXCEPT = [
  "except",
  "but",
  "apart from",
  "bar",
  "save for",
  "other than",
  "minus",
  "besides",
  "not including",
  "excluding",
  "except for",
  "aside from",
];

/** Every verb, totality and exception word at least once, without testing the full product. */
function wordings(object: string): string[] {
  const out: string[] = [];
  EXCEPT.forEach((x, i) => {
    const verb = VERBS[i % VERBS.length]!;
    const whole = WHOLE[i % WHOLE.length]!;
    out.push(`${verb} ${whole} ${x} ${object}`);
    // the exception said first
    out.push(`${x} ${object}, ${verb} ${whole}`);
  });
  return out;
}

describe("an exception to an erase of everything keeps the disk it names (D1)", () => {
  const tester = [
    "wipe everything except the backup",
    "erase everything but the backup",
    "nuke everything apart from the backup",
    "wipe it all bar the backup",
    "wipe everything except backup pls",
    "nuke all of it apart from the backup",
  ];
  for (const s of [...tester, ...wordings("the backup"), ...wordings("my backups")])
    it(`desktop: "${s}" erases no backup disk`, async () => {
      const { conv, decisions } = await dialogue(DESKTOP, [s]);
      expect(conv.pending.some(erases("/dev/sdb"))).toBe(false);
      expect(decisions.flatMap(callsOf).some(erases("/dev/sdb"))).toBe(false);
    });

  for (const object of [
    "the media drive",
    "my films",
    "the seagate",
    "the 2tb",
    "sda",
    "the big one",
    "Media",
  ])
    for (const s of wordings(object))
      it(`desktop: "${s}" erases no films disk`, async () => {
        for (const facts of [DESKTOP, DESKTOP2]) {
          const { conv, decisions } = await dialogue(facts, [s]);
          expect(conv.pending.some(erases("/dev/sda"))).toBe(false);
          expect(decisions.flatMap(callsOf).some(erases("/dev/sda"))).toBe(false);
        }
      });

  for (const s of [
    "wipe all of it but windows",
    "erase all of it apart from windows",
    "nuke everything apart from windows",
    "nuke it all apart from windows",
    "nuke all of it except windows",
    ...wordings("windows"),
    ...wordings("the windows partition"),
  ])
    it(`laptop: "${s}" keeps Windows (free space at most)`, async () => {
      const { conv, decisions } = await dialogue(LAPTOP, [s]);
      expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);
      expect(decisions.flatMap(callsOf).some(erases("/dev/nvme0n1"))).toBe(false);
    });

  for (const s of [
    "nuke all of it apart from ubuntu",
    ...wordings("ubuntu"),
    ...wordings("the linux i have"),
  ])
    it(`otherlinux: "${s}" keeps Ubuntu`, async () => {
      const { conv, decisions } = await dialogue(OTHER, [s]);
      expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);
      expect(decisions.flatMap(callsOf).some(erases("/dev/nvme0n1"))).toBe(false);
    });
});

describe("an exception no fact places keeps whatever each disk holds", () => {
  for (const object of ["my stuff", "my files", "the old things", "the photos folder", "whatever matters"])
    for (const s of wordings(object))
      it(`laptop: "${s}" keeps the Windows disk`, async () => {
        const { conv, decisions } = await dialogue(LAPTOP, [s]);
        expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);
        expect(decisions.flatMap(callsOf).some(erases("/dev/nvme0n1"))).toBe(false);
      });
  it("while an empty disk is still there to install on", async () => {
    const { conv } = await dialogue(OTHER, ["nuke it all apart from my stuff", "use the crucial"]);
    expect(conv.pending.some(erases("/dev/sda"))).toBe(true);
    expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);
  });
  it("an exception of the live stick keeps nothing else", () => {
    expect(readExclusions("wipe everything except the usb", DESKTOP)).toEqual([]);
    expect(readExclusions("wipe everything except the stick", LAPTOP)).toEqual([]);
  });
});

describe("the exception holds through the conversation (D1 mid-session)", () => {
  it("after an install on the Samsung, the backup is not swapped in", async () => {
    const { conv, last } = await dialogue(DESKTOP, [
      "use the samsung",
      "user paul with sudo",
      "wipe everything except the backup",
    ]);
    expect(conv.pending.some(erases("/dev/sdb"))).toBe(false);
    expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(true);
    expect(JSON.stringify(last)).toContain("/dev/sdb");
  });

  it("a later 'yes' or 'use the backup drive' still erases nothing kept", async () => {
    for (const next of ["yes", "ok", "use sdb", "install on the wd", "put it on the backup one"]) {
      const { conv, decisions } = await dialogue(DESKTOP, ["nuke everything apart from the backup", next]);
      expect(conv.pending.some(erases("/dev/sdb"))).toBe(false);
      expect(decisions.flatMap(callsOf).some(erases("/dev/sdb"))).toBe(false);
    }
  });

  it("next to windows, then 'nuke everything apart from windows': free space, never the disk", async () => {
    const { conv, decisions } = await dialogue(LAPTOP, [
      "install alongside windows",
      "user jo with sudo",
      "actually nuke everything apart from windows, i need the room",
      "yes",
    ]);
    expect(conv.pending.some(erases("/dev/nvme0n1"))).toBe(false);
    expect(decisions.flatMap(callsOf).some(erases("/dev/nvme0n1"))).toBe(false);
  });

  it("the disk is still erased when the words release it", async () => {
    const { conv } = await dialogue(DESKTOP, ["erase /dev/sdb, I don't need what's on it"]);
    expect(conv.pending.some(erases("/dev/sdb"))).toBe(true);
  });
});

describe("what an exception names", () => {
  it("reads the object in either position and stops at the next request", () => {
    expect(exceptedPhrases("wipe everything except the backup and install on the samsung")).toEqual([
      "the backup and",
    ]);
    expect(exceptedPhrases("apart from windows, nuke it all")).toEqual(["windows"]);
    expect(exceptedPhrases("wipe it all bar the backup, the media and sdb")).toEqual([
      "the backup the media and sdb",
    ]);
    expect(exceptedPhrases("wipe everything except the backup, samsung is fine")).toEqual(["the backup"]);
  });
  it("'but' and 'bar' are exceptions only after a word for everything", () => {
    expect(exceptedPhrases("install on the samsung but keep the backup")).toEqual([]);
    expect(exceptedPhrases("meet me at the bar")).toEqual([]);
    expect(exceptedPhrases("install besides windows")).toEqual([]);
  });
  it("keeps the disk or only what is on it", () => {
    expect(readExclusions("erase all of it but the seagate", DESKTOP)).toMatchObject([
      { kind: "disk", disk: "/dev/sda" },
    ]);
    expect(readExclusions("erase all of it but my films", DESKTOP)).toMatchObject([
      { kind: "partitions", disk: "/dev/sda" },
    ]);
    expect(readExclusions("erase all of it but the backup", DESKTOP)).toMatchObject([
      { kind: "partitions", disk: "/dev/sdb" },
    ]);
    expect(readExclusions("remove everything except git", DESKTOP)).toEqual([]);
  });
});
