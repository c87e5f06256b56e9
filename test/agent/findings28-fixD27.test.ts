import { describe, expect, it } from "vitest";
import { describesHeldContent, splitDiskCompounds } from "../../agent/rules/diskDescriptions.js";
import { emptinessMeansRoom } from "../../agent/rules/emptyRoom.js";
import { itIsTheSystem } from "../../agent/rules/systemPronoun.js";
import { tokenize } from "../../agent/rules/text.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Issue 14, round 27 (fixD27): choosing the disk from a description, and free space.
 * - emptiness said where no disk open to the install is blank is a disk's free space ("free");
 * - "a second drive which is empty": the count is of the machine's disks when the words narrowed
 *   the pool below it, and the disk must still fit the words;
 * - "the fast one", "the slower drive": a speed is a kind (NVMe, SSD, hard disk, USB);
 * - "Crucial-SSD", "W-D": a compound or a spelled brand names the disk;
 * - "not the one with the movies": a disk ruled out by what it holds, also across sentences;
 * - "not the usb stick I booted from": a live medium ruled out is no request for it;
 * - "install upon the Samsung instead", "leave it be, or be cursed": a disk named is named;
 * - several disks named by what they hold, the free space asked for: the one with room;
 * - "any filesystem but ext4": an exception.
 * Safety side: each reading only narrows the candidates or turns an install into one that keeps
 * every partition; a pick among several is still asked, and the live medium is never taken.
 */

const GB = 1000 ** 3;
const live = (path: string, model = "SanDisk Ultra USB 3.0") => ({
  path,
  sizeBytes: 30 * GB,
  model,
  transport: "usb",
  removable: true,
  mounted: true,
  table: "gpt",
  freeBytes: 0,
  partitions: [{ path: `${path}1`, sizeBytes: 30 * GB, fstype: "iso9660", label: "LEVITATE_LIVE" }],
});
const windows = (path: string, size: number, model: string, free: number) => ({
  path,
  sizeBytes: size * GB,
  model,
  transport: path.includes("nvme") ? "nvme" : "sata",
  removable: false,
  mounted: false,
  table: "gpt",
  freeBytes: free * GB,
  partitions: [
    { path: `${path}p1`, sizeBytes: 0.1 * GB, fstype: "vfat", label: "SYSTEM", esp: true },
    {
      path: `${path}p3`,
      sizeBytes: (size - free - 1) * GB,
      fstype: "ntfs",
      label: "Windows",
      os: "Windows Boot Manager",
    },
  ],
});
const data = (path: string, size: number, model: string, label: string, free: number) => ({
  path,
  sizeBytes: size * GB,
  model,
  transport: path.includes("nvme") ? "nvme" : "sata",
  removable: false,
  mounted: false,
  table: "gpt",
  freeBytes: free * GB,
  partitions: [
    {
      path: `${path.includes("nvme") ? `${path}p` : path}1`,
      sizeBytes: (size - free) * GB,
      fstype: "ntfs",
      label,
    },
  ],
});
const blank = (
  path: string,
  size: number,
  model: string,
  transport = path.includes("nvme") ? "nvme" : "sata",
) => ({
  path,
  sizeBytes: size * GB,
  model,
  transport,
  removable: false,
  mounted: false,
  freeBytes: size * GB,
  partitions: [],
});
const facts = (disks: unknown[]): Facts =>
  inferLiveMedium(
    FactsSchema.parse({
      mode: "live",
      firmware: "uefi",
      disks,
      users: ["root"],
      hostname: "levitate",
      locale: "en_US.UTF-8",
      recipes: ["ripgrep", "fd", "git"],
      installed: [],
    }),
  );

type Step = { tool: string; args: Record<string, unknown> };
const callOf = (d: unknown): Step | undefined =>
  d && typeof d === "object" && "calls" in d
    ? (d as { calls: Step[] }).calls.find((c) => c.tool === "partitionDisk")
    : undefined;
const isReply = (d: unknown) => !!d && typeof d === "object" && "reply" in d;

const WIN_ROOM = facts([windows("/dev/nvme0n1", 1000, "WD_BLACK SN850X 1TB", 200), live("/dev/sda")]);
const MEDIA = facts([
  windows("/dev/sda", 500, "Samsung SSD 870 EVO 500GB", 0),
  data("/dev/sdb", 4000, "WDC WD40EFRX-68N32N0", "Media", 1600),
  live("/dev/sdc"),
]);
const SECOND = facts([
  windows("/dev/sda", 500, "Samsung SSD 860 EVO 500GB", 0),
  blank("/dev/sdb", 1000, "WD Blue 1TB"),
]);
const SECOND_FULL = facts([
  blank("/dev/sda", 500, "Samsung SSD 860 EVO 500GB"),
  windows("/dev/sdb", 1000, "WD Blue 1TB", 0),
]);
const SPEEDS = facts([
  blank("/dev/nvme0n1", 1000, "Kingston NV2 1TB"),
  blank("/dev/sda", 2000, "ST2000DM008-2FR102"),
  live("/dev/sdb"),
]);
const TWO_NVME = facts([
  blank("/dev/nvme0n1", 1000, "Kingston NV2 1TB"),
  blank("/dev/nvme1n1", 1000, "WD Blue SN580 1TB"),
  live("/dev/sda"),
]);
const CRUCIAL = facts([
  windows("/dev/nvme0n1", 512, "SK hynix PC711 512GB", 0),
  blank("/dev/sda", 1000, "CT1000MX500SSD1"),
  live("/dev/sdb"),
]);
const MOVIES = facts([
  blank("/dev/nvme0n1", 2000, "Samsung SSD 990 PRO 2TB"),
  data("/dev/sda", 4000, "Seagate IronWolf 4TB", "Movies", 0),
  data("/dev/sdb", 240, "Kingston A400 240GB", "Scratch", 0),
  live("/dev/sdc", "SanDisk Cruzer Blade"),
]);
const LIVE2 = facts([
  blank("/dev/sda", 256, "Toshiba KSG60ZMV256G"),
  live("/dev/sdb", "Lexar JumpDrive S47 64GB"),
]);
const HAUNT = facts([
  data("/dev/sda", 1000, "Seagate BarraCuda 1TB", "Old", 0),
  blank("/dev/sdb", 250, "Samsung SSD 860 EVO 250GB"),
]);
const WIN_DATA = facts([
  windows("/dev/nvme0n1", 2000, "Samsung SSD 980 PRO 2TB", 0),
  data("/dev/nvme1n1", 1000, "WD_BLACK SN850X 1TB", "Data", 400),
  live("/dev/sda"),
]);

async function first(f: Facts, line: string) {
  return (await dialogue(f, [line])).last;
}

describe("emptiness with no blank disk here is a disk's free space", () => {
  for (const line of [
    "Windows restera. Linux dans l'espace vide. 8G de swap.",
    // the same shape in other words
    "keep windows, put linux where it's empty",
    "Linux ins leere Stück neben Windows",
    "there's an empty bit on the nvme, use that",
    "Windows stays; the system goes in the vacant part",
  ])
    it(`"${line}" installs into the free space`, async () => {
      const c = callOf(await first(WIN_ROOM, line));
      expect(c?.args.disk).toBe("/dev/nvme0n1");
      expect(c?.args.use).toBe("free");
    });
  for (const line of [
    "In the vast plains of the four-terabyte drive, a clearing lies empty. There, and only there, shall Linux settle.",
    "on the 4TB WD there is an empty stretch, put linux there",
  ])
    it(`"${line}" takes the one disk with room, free`, async () => {
      const c = callOf(await first(MEDIA, line));
      expect(c?.args.disk).toBe("/dev/sdb");
      expect(c?.args.use).toBe("free");
    });
  it("a blank disk here is still what 'the empty one' means (whole, nothing lost)", async () => {
    const c = callOf(await first(SECOND, "use the empty one"));
    expect(c?.args.disk).toBe("/dev/sdb");
    expect(c?.args.use ?? "whole").toBe("whole");
  });
  it("emptiness denied is no free space", () => {
    expect(
      emptinessMeansRoom(
        ["its", "not", "empty"],
        WIN_ROOM.disks.filter((d) => !d.liveMedium),
      ),
    ).toBe(false);
    expect(
      emptinessMeansRoom(
        ["no", "empty", "space"],
        WIN_ROOM.disks.filter((d) => !d.liveMedium),
      ),
    ).toBe(false);
    expect(emptinessMeansRoom(["use", "the", "empty", "one"], SECOND.disks)).toBe(false);
  });
});

describe("an ordinal the other words narrowed below is counted over the machine's disks", () => {
  for (const line of [
    "Good afternoon. The C drive is where Windows lives, please leave it be. There is a second drive which is empty.",
    "windows is on the first one. put linux on the second disk, the empty one",
    "install on the second drive, it's empty",
  ])
    it(`"${line}" takes sdb`, async () => {
      expect(callOf(await first(SECOND, line))?.args.disk).toBe("/dev/sdb");
    });
  it("the second disk that is not empty is no pick of the empty one", async () => {
    const d = await first(SECOND_FULL, "There is a second drive which is empty, use it");
    expect(callOf(d)?.args.disk).not.toBe("/dev/sdb");
  });
});

describe("a speed is a kind of disk", () => {
  for (const [line, disk] of [
    ["put linux on the fast one", "/dev/nvme0n1"],
    ["the quicker drive please", "/dev/nvme0n1"],
    ["install on the fastest disk", "/dev/nvme0n1"],
    ["use the slowest drive", "/dev/sda"],
    ["Linux auf die schnelle Platte", "/dev/nvme0n1"],
  ] as const)
    it(`"${line}" takes ${disk}`, async () => {
      expect(callOf(await first(SPEEDS, line))?.args.disk).toBe(disk);
    });
  it("two disks of the fastest kind are asked about", async () => {
    const d = await first(TWO_NVME, "put it on the fast one");
    expect(callOf(d)).toBeUndefined();
    expect(isReply(d)).toBe(true);
  });
  it("'a quick install on the seagate' describes no speed", async () => {
    expect(callOf(await first(SPEEDS, "do a quick install on the seagate"))?.args.disk).toBe("/dev/sda");
  });
});

describe("a compound or a spelled brand names the disk", () => {
  for (const line of ["Windows bleibt. Linux auf die Crucial-SSD, mit btrfs.", "install on the crucial-ssd"])
    it(`"${line}" takes the Crucial`, async () => {
      expect(callOf(await first(CRUCIAL, line))?.args.disk).toBe("/dev/sda");
    });
  it("W-D ... not the S-A-M-S-U-N-G takes the WD's free space", async () => {
    const c = callOf(await first(MEDIA, "W-D, R-E-D. The free space on it. Not the S-A-M-S-U-N-G."));
    expect(c?.args.disk).toBe("/dev/sdb");
    expect(c?.args.use).toBe("free");
  });
  it("a hyphenated word that names no disk stays one word", () => {
    const t = splitDiskCompounds(tokenize("install fd-find and de-latin1"), () => false);
    expect(t.map((x) => x.norm)).toContain("fd-find");
    expect(t.map((x) => x.norm)).toContain("de-latin1");
  });
});

describe("a disk ruled out by what it holds", () => {
  for (const line of [
    "put it on the big one. not the one with the movies obviously",
    "the big one, not the movies one",
    "put it on the biggest drive. not the one that has the movies",
  ])
    it(`"${line}" takes the big disk that is left`, async () => {
      expect(callOf(await first(MOVIES, line))?.args.disk).toBe("/dev/nvme0n1");
    });
  it("'the big one' alone is the Seagate, never erased without a word", async () => {
    const d = await first(MOVIES, "put it on the big one");
    const c = callOf(d);
    expect(c?.args.disk === "/dev/sda" && (c?.args.use ?? "whole") === "whole").toBe(false);
  });
  it("reads the shape, not the word", () => {
    expect(describesHeldContent(tokenize("the one with the movies"))).toBe(true);
    expect(describesHeldContent(tokenize("the photos drive"))).toBe(true);
    expect(describesHeldContent(tokenize("sure"))).toBe(false);
  });
});

describe("the live medium ruled out is no request for it", () => {
  for (const line of [
    "put it on the drive. not the usb stick i booted from",
    "install it on the disk, not the stick I booted from",
  ])
    it(`"${line}" takes the internal disk`, async () => {
      expect(callOf(await first(LIVE2, line))?.args.disk).toBe("/dev/sda");
    });
  it("asked for, the live medium is refused", async () => {
    const d = await first(LIVE2, "install on the stick I booted from");
    expect(callOf(d)).toBeUndefined();
    expect((d as { reply: string }).reply).toMatch(/live system runs from/);
  });
  it("'it' between an install verb and a place is the system", () => {
    expect(itIsTheSystem(["put", "it", "on", "the", "drive"])).toBe(true);
    expect(itIsTheSystem(["wipe", "it"])).toBe(false);
  });
});

describe("a disk named beside 'instead' or an 'or' with no disk after it", () => {
  for (const line of [
    "ooooo... I haunt the Seagate... leave it be, or be cursed... install upon the Samsung instead...",
    "the seagate stays as it is, or my wife gets mad. install on the samsung instead",
  ])
    it(`"${line}" takes the Samsung`, async () => {
      expect(callOf(await first(HAUNT, line))?.args.disk).toBe("/dev/sdb");
    });
  it("'the seagate or the samsung' is still a choice, asked", async () => {
    const d = await first(HAUNT, "install on the seagate or the samsung, not sure");
    expect(callOf(d)).toBeUndefined();
  });
});

describe("disks named by what they hold, the free space asked for: the one with room", () => {
  for (const line of [
    "Windows ka disk mat chhuna. Data wale disk ki khaali jagah mein daal do",
    "Which disk should Linux go on? (a) the Windows disk (b) the free space on the data disk. Final answer: b.",
    "leave the windows disk alone, linux goes in the free space next to my data",
  ])
    it(`"${line}" installs into the Data disk's free space`, async () => {
      const c = callOf(await first(WIN_DATA, line));
      expect(c?.args.disk).toBe("/dev/nvme1n1");
      expect(c?.args.use).toBe("free");
    });
  it("without free space asked, the data disk is never erased", async () => {
    const c = callOf(await first(WIN_DATA, "windows or data disk, whichever"));
    expect(c?.args.use === "whole" || (c !== undefined && c.args.use === undefined)).toBe(false);
  });
});

describe("any filesystem but one", () => {
  for (const [line, not] of [
    ["use the crucial, any filesystem but ext4, had bad luck with it", "ext4"],
    ["the crucial, whatever filesystem but btrfs", "btrfs"],
  ] as const)
    it(`"${line}" avoids ${not}`, async () => {
      const c = callOf(await first(CRUCIAL, line));
      expect(c?.args.disk).toBe("/dev/sda");
      expect(c?.args.filesystem ?? "ext4").not.toBe(not);
    });
  it("'ext4 but encrypted' keeps ext4", async () => {
    const c = callOf(await first(CRUCIAL, "the crucial, ext4 but encrypted"));
    expect(c?.args.filesystem ?? "ext4").toBe("ext4");
    expect(c?.args.encrypt).toBe(true);
  });
});

describe("words in other languages and size words", () => {
  const SPANISH = facts([
    data("/dev/sda", 2000, "Seagate Barracuda 2TB", "Trabajo", 0),
    blank("/dev/nvme0n1", 1024, "ADATA XPG SX8200 Pro 1TB"),
    live("/dev/sdb"),
  ]);
  it("'no borres el disco de 2 TB ... en el otro' takes the other disk", async () => {
    const c = callOf(
      await first(
        SPANISH,
        "Oye, no borres el disco de 2 TB, ahí tengo todo mi trabajo. Instálalo en el otro.",
      ),
    );
    expect(c?.args.disk).toBe("/dev/nvme0n1");
  });
  for (const [line, enc] of [
    ["Hola. Primero: el disco Kingston, con cifrado.", true],
    ["installe sur le Kingston, avec chiffrement", true],
    ["installe sur le Kingston, sans chiffrement", false],
  ] as const)
    it(`"${line}" sets encrypt ${enc}`, async () => {
      const c = callOf(await first(SPEEDS, line));
      expect(c?.args.encrypt ?? false).toBe(enc);
    });
  for (const [line, disk] of [
    ["eh up. don't thee go touching t'big drive. put it on t'little un", "/dev/nvme0n1"],
    ["upon the lesser of the two drives the new realm shall rise", "/dev/nvme0n1"],
    ["put it on the tiny drive", "/dev/nvme0n1"],
  ] as const)
    it(`"${line}" takes ${disk}`, async () => {
      expect(callOf(await first(SPEEDS, line))?.args.disk).toBe(disk);
    });
  it("'a little more room for root' picks no disk by size", async () => {
    const c = callOf(await first(SPEEDS, "use the seagate, and give root a little more room"));
    expect(c?.args.disk).toBe("/dev/sda");
  });
  it("'seeking the slower, bigger disk' asks for it, keeps nothing", async () => {
    const { conv, last } = await dialogue(SPEEDS, ["seeking the slower, bigger disk for a quiet install."]);
    expect(callOf(last)?.args.disk).toBe("/dev/sda");
    expect(conv.protections.length).toBe(0);
  });
});
