import { describe, expect, it } from "vitest";
import { spaceAfterStops } from "../../agent/rules/sentenceStops.js";
import type { PlanCall } from "../../agent/types.js";
import { FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { callsOf, erases } from "./helpers/destructive.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round 20, disk requests: a disk named as the target with the install's own layout words (a
 * filesystem, swap, "whole", "all of it") and no install verb, beside protections of the other
 * disks said in a metaphor, asked "which disk" (agent/rules/actionClauseDisk.ts); "there"/"it"
 * after a disk just described went to a disk an earlier clause kept; a filesystem and swap said
 * with no space after the full stop were lost (agent/rules/sentenceStops.ts). The sentences are
 * ours. THREE: a blank Crucial (nvme0n1), a Samsung 990 PRO with Fedora (nvme1n1), a WD Red with
 * backups (sda), and the live stick.
 */
const THREE = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    {
      path: "/dev/nvme0n1",
      sizeBytes: 1000204886016,
      model: "Crucial P3 1TB",
      transport: "nvme",
      table: "gpt",
      partitions: [],
    },
    {
      path: "/dev/nvme1n1",
      sizeBytes: 2000398934016,
      model: "Samsung SSD 990 PRO 2TB",
      transport: "nvme",
      table: "gpt",
      partitions: [
        { path: "/dev/nvme1n1p1", sizeBytes: 1073741824, fstype: "vfat", label: "EFI", esp: true },
        { path: "/dev/nvme1n1p2", sizeBytes: 1999000000000, fstype: "btrfs", os: "Fedora Linux 41" },
      ],
    },
    {
      path: "/dev/sda",
      sizeBytes: 4000787030016,
      model: "WD Red Plus 4TB",
      transport: "sata",
      table: "gpt",
      partitions: [{ path: "/dev/sda1", sizeBytes: 4000000000000, fstype: "ext4", label: "nas-backup" }],
    },
    {
      path: "/dev/sdb",
      sizeBytes: 30752000000,
      model: "SanDisk Cruzer Blade",
      transport: "usb",
      removable: true,
      mounted: true,
    },
  ],
  users: ["root"],
  recipes: ["ripgrep", "fd"],
});

const diskCall = (d: Decision) =>
  ("calls" in d ? d.calls : []).find((c) => c.tool === "partitionDisk") as PlanCall | undefined;

/** Each: the turn, and the args the install onto the blank Crucial must carry. */
const REQUESTS: [string, Record<string, unknown>][] = [
  [
    "Crucial: whole disk, btrfs. The 990 and the WD Red are the family silver, they do not move.",
    { filesystem: "btrfs" },
  ],
  [
    "first up the crucial, all of it, xfs. my fedora samsung and the red? they do not move.",
    { filesystem: "xfs" },
  ],
  [
    "Order of service: the Crucial, whole drive, ext4, 8G swap. The 990 and the WD are not to be touched.",
    { swapSize: "8G" },
  ],
  ["stow the system on the crucial, btrfs. the 990 and the red stay in port.", { filesystem: "btrfs" }],
  [
    "Exhibit A, the crucial: entire, encrypted. Exhibits B and C, the 990 and the WD Red: hands off.",
    { encrypt: true },
  ],
];

describe("a disk named with the install's layout words is the request; the others are kept", () => {
  for (const [t, args] of REQUESTS)
    it(`"${t}" installs onto the Crucial`, async () => {
      const { last } = await dialogue(THREE, [t]);
      const c = diskCall(last);
      expect(c?.args).toMatchObject({ disk: "/dev/nvme0n1", ...args });
      expect(callsOf(last).some((x) => erases("/dev/nvme1n1")(x) || erases("/dev/sda")(x))).toBe(false);
    });
});

describe('"there" and "it" point at the disk this turn just described', () => {
  for (const t of [
    "The WD Red has the backups and it stays. The Crucial is blank; put LevitateOS there.",
    "the 990 is my fedora box, do not touch it. the crucial is empty, install it there",
    "Samsung 990: keep. Crucial: nothing on it yet, so go ahead and install there.",
  ])
    it(`"${t}" installs onto the Crucial`, async () => {
      const { last } = await dialogue(THREE, [t]);
      expect(diskCall(last)?.args).toMatchObject({ disk: "/dev/nvme0n1" });
    });
});

describe("no space after a full stop", () => {
  it("keeps the filesystem and the swap said before it", async () => {
    const { last } = await dialogue(THREE, [
      "Install on the Crucial,whole disk,xfs.Keep the 990 and the WD Red.",
    ]);
    expect(diskCall(last)?.args).toMatchObject({ disk: "/dev/nvme0n1", filesystem: "xfs" });
    const { last: l2 } = await dialogue(THREE, ["crucial:whole,btrfs,4G swap.WD Red:untouched."]);
    expect(diskCall(l2)?.args).toMatchObject({ disk: "/dev/nvme0n1", filesystem: "btrfs", swapSize: "4G" });
  });
  it("leaves versions, locales, addresses and paths as typed", () => {
    for (const t of ["python3.12", "de_DE.UTF-8", "box.local", "anna@mail.Example.com", "https://x.Org/a"])
      expect(spaceAfterStops(t)).toBe(t);
    expect(spaceAfterStops("whole disk,xfs.Leave it")).toBe("whole disk,xfs. Leave it");
    expect(spaceAfterStops("8G swap.seagate untouched")).toBe("8G swap. seagate untouched");
  });
});

describe("a disk protected in the turn is never erased by its layout words or a pointer", () => {
  for (const t of [
    "The WD Red, whole disk, ext4. The WD Red stays sealed.",
    "The 990 stays sealed and the WD Red stays in the hold. Put the system there, all of it.",
    "990: whole, btrfs. on second thought the 990 does not move.",
    "the 990 and the WD Red, whole board, ext4",
  ])
    it(`"${t}" erases neither the 990 nor the WD Red`, async () => {
      const { last } = await dialogue(THREE, [t]);
      expect(callsOf(last).some((x) => erases("/dev/nvme1n1")(x) || erases("/dev/sda")(x))).toBe(false);
    });
});

/**
 * Destructive dev turns of round 19, by class (sentences ours): a blank twin "sealed" is kept
 * (agent/safety/lexicon.ts KEEP_VERBS); the drive the person booted from is the live medium, never
 * a target (agent/rules/disks.ts meansLiveMedium); "swab" is a word, no typo of swap
 * (agent/rules/vocab.ts COMMON), so a sailor's new crew member never re-plans the disk.
 */
const TWINS = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    {
      path: "/dev/sda",
      sizeBytes: 500107862016,
      model: "Crucial MX500 500GB",
      transport: "sata",
      partitions: [],
    },
    {
      path: "/dev/sdb",
      sizeBytes: 500107862016,
      model: "Crucial MX500 500GB",
      transport: "sata",
      partitions: [],
    },
    {
      path: "/dev/sdc",
      sizeBytes: 15600000000,
      model: "SanDisk Cruzer Blade",
      transport: "usb",
      removable: true,
      mounted: true,
    },
  ],
  users: ["root"],
  recipes: ["ripgrep"],
});

/** One blank Samsung beside the stick this session booted from. */
const ONE = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    {
      path: "/dev/sda",
      sizeBytes: 500107862016,
      model: "Samsung SSD 870 EVO 500GB",
      transport: "sata",
      partitions: [],
    },
    {
      path: "/dev/sdb",
      sizeBytes: 15600000000,
      model: "SanDisk Cruzer Blade",
      transport: "usb",
      removable: true,
      mounted: true,
    },
  ],
  users: ["root"],
  recipes: ["ripgrep"],
});

describe("twins, the boot drive, and a sailor", () => {
  for (const t of [
    "The twin on sdb is to be sealed. Consecrate the one on sda.",
    "sdb: sealed. sda: go.",
    "Keep sdb sealed for now; levitate onto sda.",
  ])
    it(`"${t}" never erases sdb`, async () => {
      const { last } = await dialogue(TWINS, [t]);
      expect(callsOf(last).some(erases("/dev/sdb"))).toBe(false);
    });

  for (const t of [
    "the drive whence I did boot, make it home",
    "the disk I booted, all of it",
    "put it on the drive we started up with",
  ])
    it(`"${t}" erases not the Samsung: the drive booted is the live stick`, async () => {
      const { last } = await dialogue(ONE, [t]);
      expect(callsOf(last).some((c) => c.tool === "partitionDisk")).toBe(false);
    });

  it('"a swab" plans no swap and no disk', async () => {
    const { last } = await dialogue(TWINS, ["install on sda", "an' a new swab, name o' jim"]);
    expect(callsOf(last).some((c) => c.tool === "partitionDisk")).toBe(false);
  });
});
