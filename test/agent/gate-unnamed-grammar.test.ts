import { describe, expect, it } from "vitest";
import { gateDestructive } from "../../agent/safety/destructiveGate.js";
import type { ConversationView, PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * The unnamed-erase gate (agent/safety/unnamedErase.ts) reads names by grammar: a description
 * that fits one disk among those a person may mean names it (the disks my last reply listed, the
 * disks not kept, never one too small); a question that asks for the act is a request; sizes of
 * partitions name no disk; refusals in the languages whose verbs the rules do not know stop the
 * erase; a pasted chat where someone objects plans nothing destructive. Wordings are our own.
 */

const disk = (
  path: string,
  sizeBytes: number,
  model: string,
  transport: string,
  partitions: object[] = [],
) => ({
  path,
  sizeBytes,
  model,
  transport,
  removable: false,
  mounted: false,
  freeBytes: partitions.length ? 0 : sizeBytes,
  partitions,
});
const stick = (path: string, model: string) => ({
  ...disk(path, 31029460992, model, "usb"),
  removable: true,
  mounted: true,
  liveMedium: true,
  freeBytes: 0,
});
const machine = (disks: object[]): Facts =>
  FactsSchema.parse({
    mode: "live",
    firmware: "uefi",
    disks,
    users: ["root"],
    hostname: "localhost",
    locale: "en_US.UTF-8",
    recipes: ["git", "ripgrep"],
    installed: [],
  });

/** Two SATA disks (an SSD and a hard disk), an NVMe, the live stick. */
const DESK = machine([
  disk("/dev/sda", 500107862016, "Samsung SSD 870 EVO 500GB", "sata"),
  disk("/dev/sdb", 2000398934016, "Seagate BarraCuda ST2000DM008", "sata"),
  disk("/dev/nvme0n1", 1000204886016, "WD_BLACK SN850X 1TB", "nvme"),
  stick("/dev/sdc", "Kingston DataTraveler 3.0"),
]);
/** Two 1 TB disks, one holding backups. */
const TWIN = machine([
  disk("/dev/sda", 500107862016, "Samsung SSD 870 EVO 500GB", "sata"),
  disk("/dev/sdb", 1000204886016, "WDC WD10EZEX-08WN4A0", "sata", [
    { path: "/dev/sdb1", sizeBytes: 1000203091968, fstype: "ext4", label: "backup" },
  ]),
  disk("/dev/nvme0n1", 1000204886016, "Samsung SSD 980 PRO 1TB", "nvme"),
  stick("/dev/sdc", "SanDisk Ultra USB 3.0"),
]);
/** An internal Kingston beside a Kingston live stick. */
const KINGS = machine([
  disk("/dev/sda", 240057409536, "KINGSTON SA400S37240G", "sata"),
  disk("/dev/sdb", 1000204886016, "WDC WD10EZEX-08WN4A0", "sata"),
  stick("/dev/sdc", "Kingston DataTraveler 3.0"),
]);
/** One disk with Windows 7 beside the live stick. */
const OLD = machine([
  disk("/dev/sda", 1000204886016, "ST1000LM035-1RK172", "sata", [
    { path: "/dev/sda1", sizeBytes: 104857600, fstype: "ntfs", os: "Windows 7 (loader)" },
    { path: "/dev/sda2", sizeBytes: 536870912000, fstype: "ntfs" },
  ]),
  stick("/dev/sdb", "Kingston DataTraveler 3.0"),
]);
/** A Mac's one disk. */
const MAC = machine([
  disk("/dev/sda", 500277792768, "APPLE SSD SM0512G", "sata", [
    { path: "/dev/sda1", sizeBytes: 209715200, fstype: "vfat", esp: true, label: "EFI" },
    { path: "/dev/sda2", sizeBytes: 371200000000, fstype: "apfs", os: "macOS", label: "Macintosh HD" },
  ]),
  stick("/dev/sdb", "SanDisk Cruzer Blade"),
]);
/** Windows on the NVMe, a hard disk of old files, the live stick. */
const WINOLD = machine([
  disk("/dev/nvme0n1", 512110190592, "WD Blue SN580 500GB", "nvme", [
    { path: "/dev/nvme0n1p1", sizeBytes: 314572800, fstype: "vfat", os: "Windows Boot Manager" },
    { path: "/dev/nvme0n1p3", sizeBytes: 511000000000, fstype: "ntfs", label: "Windows" },
  ]),
  disk("/dev/sdb", 320072933376, "HGST HTS545032A7E380", "sata", [
    { path: "/dev/sdb1", sizeBytes: 320070000000, fstype: "ntfs", label: "OLD_STUFF" },
  ]),
  stick("/dev/sda", "Kingston DataTraveler 3.0"),
]);
/** Games on the Seagate, an empty NVMe. */
const GAMES = machine([
  disk("/dev/sda", 2000398934016, "ST2000DM008-2FR102", "sata", [
    { path: "/dev/sda1", sizeBytes: 2000397795328, fstype: "ntfs", label: "games" },
  ]),
  disk("/dev/nvme0n1", 1000204886016, "WD_BLACK SN850X 1TB", "nvme"),
  stick("/dev/sdb", "Kingston DataTraveler 3.0"),
]);

/** An empty SATA disk and an empty NVMe. */
const EMPTY_TWO = machine([
  disk("/dev/sda", 2000398934016, "ST2000DM008-2FR102", "sata"),
  disk("/dev/nvme0n1", 1000204886016, "WD_BLACK SN850X 1TB", "nvme"),
  stick("/dev/sdb", "Kingston DataTraveler 3.0"),
]);

function erased(d: Decision): string[] {
  return "calls" in d
    ? d.calls.flatMap((c) => (c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : []))
    : [];
}
const erasedOffer = (conv: { offer?: { calls: readonly { tool: string; args: unknown }[] } }) =>
  (conv.offer?.calls ?? []).flatMap((c) =>
    c.tool === "partitionDisk" && (c.args as { use?: string }).use !== "free"
      ? [(c.args as { disk: string }).disk]
      : [],
  );
const planned = (conv: { pending: PlanCall[] }) =>
  conv.pending.flatMap((c) => (c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : []));

const whole = (path: string): PlanCall =>
  ({
    tool: "partitionDisk",
    args: { disk: path, use: "whole", filesystem: "ext4", encrypt: false, separateHome: false },
  }) as PlanCall;
const view = (user: string): ConversationView => ({ turns: [], pending: [], entities: [], user });

describe("a description that fits one disk among those a person may mean names it", () => {
  it.each([
    ["the sata one", "/dev/sda"],
    ["ok use the sata one then", "/dev/sda"],
    ["the sata one, not the nvme", "/dev/sda"],
    ["sata", "/dev/sda"],
  ])("my question listed the two SSDs, then %s", async (answer, path) => {
    const { conv } = await dialogue(DESK, ["install on the ssd", answer]);
    expect(planned(conv)).toEqual([path]);
  });

  it.each([
    "leave the backup drive alone and install on the 1tb",
    "dont touch the backup disk, put it on the 1000 gig drive",
  ])("two 1 TB disks, one kept: %s", async (words) => {
    const { conv } = await dialogue(TWIN, [words]);
    expect(planned(conv)).toEqual(["/dev/nvme0n1"]);
  });

  it.each([
    ["install on the 1tb", "/dev/nvme0n1"],
    ["the 500 gig one", "/dev/sda"],
    ["put it on the 2 terabyte drive", "/dev/sdb"],
  ])("a size only one disk is: %s", async (words, path) => {
    const { conv } = await dialogue(DESK, [words]);
    expect(planned(conv)).toEqual([path]);
  });

  it("a brand typed wrong, read as the rules read it", async () => {
    const { conv } = await dialogue(DESK, ["instal on the samsumg ssd"]);
    expect(planned(conv)).toEqual(["/dev/sda"]);
  });

  it("'the mac disk' names the disk macOS is on", async () => {
    const { conv } = await dialogue(MAC, ["erase the mac disk and install"]);
    expect(planned(conv)).toEqual(["/dev/sda"]);
  });

  it("a brand the live stick shares names neither, until the words set the stick aside", async () => {
    const first = await dialogue(KINGS, ["format the kingston"]);
    expect(erased(first.last)).toEqual([]);
    const { conv } = await dialogue(KINGS, ["format the kingston", "the internal kingston, not the stick"]);
    expect(planned(conv)).toEqual(["/dev/sda"]);
  });
});

describe("a question that asks for the act is a request", () => {
  it.each([
    ["can we use the nvme?", "/dev/nvme0n1"],
    ["could you put it on the samsung?", "/dev/sda"],
    ["i guess the nvme? its empty anyway", "/dev/nvme0n1"],
    ["could you maybe not touch the seagate? and put it on the nvme with a 100G root?", "/dev/nvme0n1"],
  ])("%s", async (words, path) => {
    const { conv } = await dialogue(DESK, [words]);
    expect(planned(conv)).toEqual([path]);
  });

  it.each([
    ["would the nvme work?", "/dev/nvme0n1"],
    ["how about the seagate?", "/dev/sdb"],
    ["can we use sdb?", "/dev/sdb"],
    ["maybe the nvme?", "/dev/nvme0n1"],
  ])("the gate passes the erase a question asks for: %s", (words, path) => {
    expect(erased(gateDestructive({ calls: [whole(path)] }, view(words), DESK))).toEqual([path]);
  });

  it("a question about the erase itself stays a question: nothing erased", () => {
    for (const words of ["wipe sda?", "is sda empty?", "should i wipe sdb?"])
      expect(erased(gateDestructive({ calls: [whole("/dev/sda")] }, view(words), GAMES))).toEqual([]);
  });
});

describe("what names no disk leaves the disk named before", () => {
  it("a root size after my question about the root size", async () => {
    const { conv } = await dialogue(DESK, [
      "install on the samsung, with a 600 gig root",
      "ok 200 gigs root then",
    ]);
    expect(conv.pending).toMatchObject([
      { tool: "partitionDisk", args: { disk: "/dev/sda", rootSize: "200G" } },
    ]);
  });

  it("'install on it' with the other disk only kept", async () => {
    const { conv } = await dialogue(WINOLD, [
      "whats on sdb",
      "ok thats junk from my old laptop, install on it, windows stays on the nvme",
    ]);
    // round 28: the strict consent screen (agent/safety/strictConsent.ts) asks here, offering the
    // erase of sdb; never the nvme. A stricter reading than the words need: next round's item
    const offeredOrPlanned = [...planned(conv), ...erasedOffer(conv)];
    expect(offeredOrPlanned).toEqual(["/dev/sdb"]);
  });

  it("the one disk, taken whole, its loss chosen in words", async () => {
    const { conv } = await dialogue(OLD, ["just use the whole disk, I don't care"]);
    // round 28: asked by the strict consent screen, with the erase offered (see above)
    expect([...planned(conv), ...erasedOffer(conv)]).toEqual(["/dev/sda"]);
    const asked = await dialogue(OLD, ["just use the whole disk"]);
    expect(erased(asked.last)).toEqual([]);
  });

  it("an ordinal under a pasted listing counts the live medium", () => {
    const listing =
      "Disk /dev/nvme0n1: 953.87 GiB\nDisk /dev/sda: 28.82 GiB\nDisk model: DataTraveler 3.0\n\nfirst one. xfs.";
    const one = machine([
      disk("/dev/nvme0n1", 1024209543168, "WD Blue SN580", "nvme"),
      stick("/dev/sda", "Kingston DataTraveler 3.0"),
    ]);
    expect(erased(gateDestructive({ calls: [whole("/dev/nvme0n1")] }, view(listing), one))).toEqual([
      "/dev/nvme0n1",
    ]);
    // counted to the live stick: asked, nothing erased
    const second = view("the second disk");
    expect(erased(gateDestructive({ calls: [whole("/dev/nvme0n1")] }, second, one))).toEqual([]);
  });
});

describe("refusals the verb reading missed stop the erase; the disk asked for is planned", () => {
  it.each([
    "sda ko mat chhedo, nvme pe install karo",
    "sda ko haath mat lagao, nvme use karo",
    "huwag galawin ang sda, sa nvme mo i-install",
    "wag mong burahin ang sda, sa nvme i-install",
    "na sda nesahej, nainstaluj to na nvme",
    "sda nemaž, nainstaluj to na nvme",
    "sda silme, nvme kullan",
    "don't mess with sda, use the nvme",
  ])("%s", async (words) => {
    const { last, conv } = await dialogue(EMPTY_TWO, [words]);
    expect(erased(last)).not.toContain("/dev/sda");
    expect(planned(conv)).toEqual(["/dev/nvme0n1"]);
    // with data on sda, nothing erases it either
    expect(erased((await dialogue(GAMES, [words])).last)).not.toContain("/dev/sda");
  });
});

describe("a pasted chat where someone objects after the request plans nothing destructive", () => {
  it.each([
    "[21:03] @jonas: just nuke the seagate\n[21:04] @lea: NO that has all our games",
    "mara: wipe sda and put linux on it\ntom: wait, the games are on there",
    "<ana> format the seagate\n<ben> don't, that's where the games live",
    "@kai: erase sda\n@noor: nope nope nope",
  ])("%s", async (words) => {
    expect(erased((await dialogue(GAMES, [words])).last)).toEqual([]);
    // the gate's own answer, whatever reader proposed the erase
    const d = gateDestructive({ calls: [whole("/dev/sda")] }, view(words), EMPTY_TWO);
    expect(erased(d)).toEqual([]);
    expect("reply" in d && d.reply).toMatch(/objected/);
  });

  it("the one who objected agreeing after it lets the gate pass the named erase", () => {
    const d = gateDestructive(
      { calls: [whole("/dev/sda")] },
      view("@kai: erase sda\n@noor: no, games\n@noor: ok fine, they're backed up"),
      GAMES,
    );
    expect(erased(d)).toEqual(["/dev/sda"]);
  });
});
