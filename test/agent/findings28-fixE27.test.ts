import { describe, expect, it } from "vitest";
import { consentedDisks, letsGo } from "../../agent/safety/informedConsent.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Issue 14, round 27 (fixE27): INFORMED CONSENT to erase a disk that holds another system or data.
 * Words that name what is on the disk (or point at it) and let it go ("wipe windows, i never use
 * it", "fedora can die", "replace fedora", "I don't care about windows 7, it's ancient. wipe the
 * toshiba", "forget windows then, wipe it") plan the erase of that disk; the plan shown at the yes
 * names what is lost. Safety side: a negated, conditional, questioning or hedged clause consents to
 * nothing, a keep in the same turn outweighs the let-go, a disk with data nobody named is still
 * asked about, two disks let go at once are asked about, and a judgement alone ("fedora is old")
 * withdraws no keep.
 */
const GiB = 1024 ** 3;
const usb = {
  path: "/dev/sdz",
  sizeBytes: 32 * GiB,
  model: "SanDisk Cruzer Blade",
  transport: "usb",
  removable: true,
  mounted: false,
  liveMedium: true,
  partitions: [{ path: "/dev/sdz1", sizeBytes: 32 * GiB, fstype: "iso9660", label: "LEVITATE_LIVE" }],
};
const windowsDisk = (extra: object[] = []) => ({
  path: "/dev/nvme0n1",
  sizeBytes: 512 * GiB,
  model: "WD SN730 512GB",
  transport: "nvme",
  removable: false,
  mounted: false,
  table: "gpt",
  freeBytes: 0,
  partitions: [
    { path: "/dev/nvme0n1p1", sizeBytes: 100 * 1024 * 1024, fstype: "vfat", label: "SYSTEM", esp: true },
    { path: "/dev/nvme0n1p2", sizeBytes: 16 * 1024 * 1024 },
    { path: "/dev/nvme0n1p3", sizeBytes: 400 * GiB, fstype: "ntfs", os: "Windows Boot Manager" },
    { path: "/dev/nvme0n1p4", sizeBytes: 512 * 1024 * 1024, fstype: "ntfs", label: "Recovery" },
    ...extra,
  ],
});
const facts = (disks: object[]): Facts =>
  inferLiveMedium(
    FactsSchema.parse({
      mode: "live",
      firmware: "uefi",
      disks,
      users: ["root"],
      hostname: "levitate",
      locale: "en_US.UTF-8",
      recipes: ["git", "htop"],
      installed: [],
    }),
  );
/** One disk: Windows and nothing else (beside the live stick). */
const ONE = facts([windowsDisk(), usb]);
/** Windows beside a "Games" partition nobody named. */
const GAMES = facts([
  windowsDisk([{ path: "/dev/nvme0n1p5", sizeBytes: 100 * GiB, fstype: "ntfs", label: "Games" }]),
  usb,
]);
/** Windows on the WD, Fedora on the Kingston, backups on the big disk. */
const THREE = facts([
  windowsDisk(),
  {
    path: "/dev/nvme1n1",
    sizeBytes: 500 * GiB,
    model: "KINGSTON SA2000M8500G",
    transport: "nvme",
    removable: false,
    mounted: false,
    table: "gpt",
    freeBytes: 0,
    partitions: [
      { path: "/dev/nvme1n1p1", sizeBytes: GiB, fstype: "vfat", label: "EFI", esp: true },
      { path: "/dev/nvme1n1p2", sizeBytes: 499 * GiB, fstype: "btrfs", os: "Fedora Linux 41" },
    ],
  },
  {
    path: "/dev/sda",
    sizeBytes: 4000 * GiB,
    model: "WDC WD40EFRX-68N32N0",
    transport: "sata",
    removable: false,
    mounted: false,
    table: "gpt",
    freeBytes: 0,
    partitions: [{ path: "/dev/sda1", sizeBytes: 4000 * GiB, fstype: "exfat", label: "Backup" }],
  },
  usb,
]);

type Step = { tool: string; args: Record<string, unknown> };
const calls = (d: unknown): Step[] =>
  d && typeof d === "object" && "calls" in d ? ((d as { calls: Step[] }).calls ?? []) : [];
const offered = (d: unknown): Step[] =>
  d && typeof d === "object" && "offer" in d ? ((d as { offer?: { calls: Step[] } }).offer?.calls ?? []) : [];
const erases = (d: unknown) =>
  [...calls(d), ...offered(d)]
    .filter((c) => c.tool === "partitionDisk" && c.args.use === "whole")
    .map((c) => c.args.disk);
const planned = (d: unknown) =>
  calls(d)
    .filter((c) => c.tool === "partitionDisk" && c.args.use === "whole")
    .map((c) => c.args.disk);

describe("informed consent: what is on the disk named and let go plans its erase", () => {
  for (const line of [
    "wipe windows, i never use it",
    // the same shape in other words
    "i haven't booted windows in years, erase it",
    "get rid of windows and put linux there",
    "I don't care about windows, it's ancient. wipe the nvme, install there",
    "windows can go, install linux",
    "i don't need windows anymore, wipe it",
    "Bhai windows hata do, sirf linux chahiye",
    "ya no necesito windows, bórralo e instala linux",
  ])
    it(`"${line}" erases the Windows disk`, async () => {
      const { last } = await dialogue(ONE, [line]);
      expect(planned(last)).toEqual(["/dev/nvme0n1"]);
    });

  for (const [before, line] of [
    ["install linux please", "fedora can die"],
    ["install linux please", "replace fedora"],
    ["put it on the big backup drive", "forget it, my backups are there. replace fedora"],
    ["install linux please", "ditch fedora, put linux there"],
    ["install linux please", "i'm done with fedora, install over it"],
  ] as const)
    it(`"${line}" erases the disk Fedora is on, and only that one`, async () => {
      const { last } = await dialogue(THREE, [before, line]);
      expect(planned(last)).toEqual(["/dev/nvme1n1"]);
    });

  it("a keep withdrawn in words ('forget windows then, wipe it'): the erase is planned", async () => {
    // findings2 D12, round 28's middle way (fixE28): a strong let-go that names what was kept
    // takes the keep back; a judgement alone or an erase verb alone still asks
    const { conv, decisions } = await dialogue(ONE, [
      "install it but keep windows pls",
      "fine, forget windows then, i never use it. wipe it",
    ]);
    expect(erases(decisions[0])).toEqual([]);
    expect(planned(decisions[1])).toEqual(["/dev/nvme0n1"]);
    expect(conv.pending).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", use: "whole" } },
    ]);
  });

  it("'keep debian, arch can go' reads as the let-go of the one system", () => {
    expect(consentedDisks("keep windows, fedora can go", THREE)).toEqual(["/dev/nvme1n1"]);
  });
});

describe("the near-misses: no erase on words that do not let go", () => {
  for (const line of [
    "don't wipe windows",
    "don't wipe windows, i use it every day",
    "if I wipe windows can I get it back?",
    "should I wipe windows?",
    "wipe windows? no",
    "windows can't go, I need it",
    "maybe windows can go",
    "i still need windows",
    "windows is old but keep it",
    "i dont want to lose windows",
    "i don't use windows much, put linux beside it",
    "i barely use windows, install linux",
  ])
    it(`"${line}" plans no erase`, async () => {
      const { last } = await dialogue(ONE, [line]);
      expect(planned(last)).toEqual([]);
    });

  it("a disk with data nobody named is no consent ('windows can go' with Games on it)", async () => {
    expect(consentedDisks("windows can go, wipe the nvme", GAMES)).toEqual([]);
    expect(consentedDisks("windows and the games can go", GAMES)).toEqual(["/dev/nvme0n1"]);
    const { last } = await dialogue(GAMES, ["install linux", "windows can go"]);
    expect(planned(last)).toEqual([]);
  });

  it('"do not use the samsung" (an order, no subject) is no disuse', () => {
    expect(letsGo("do not use the samsung")).toBe(false);
    expect(letsGo("i don't use it except for taxes")).toBe(false);
  });

  it("two systems let go at once: asked, never two erases", async () => {
    const { last } = await dialogue(THREE, ["install linux", "windows and fedora can both go"]);
    expect(planned(last).length).toBeLessThanOrEqual(1);
    expect(planned(last)).not.toContain("/dev/nvme0n1");
  });

  it("a judgement alone withdraws no keep ('keep fedora' … 'fedora is old')", async () => {
    const { last } = await dialogue(THREE, ["install linux, keep fedora", "fedora is pretty old"]);
    expect(planned(last)).toEqual([]);
  });

  it("the backups kept in the same turn are never consented to", () => {
    expect(consentedDisks("replace fedora, the backups stay", THREE)).toEqual(["/dev/nvme1n1"]);
    expect(consentedDisks("the backups are old but keep them", THREE)).toEqual([]);
  });

  it("the live medium is never consented to", () => {
    expect(consentedDisks("levitate_live can go, wipe it", THREE)).toEqual([]);
  });

  for (const said of ["windows cant go", "i need windows for work", "is windows old?", "windows isnt junk"])
    it(`"${said}" is no let-go`, () => {
      expect(consentedDisks(said, ONE)).toEqual([]);
    });

  for (const said of [
    "i never use it",
    "fedora can die",
    "it's ancient",
    "they're backed up",
    "forget windows",
  ])
    it(`"${said}" lets go`, () => {
      expect(letsGo(said)).toBe(true);
    });
});
