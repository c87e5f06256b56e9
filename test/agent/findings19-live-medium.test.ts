import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { loadDataset } from "../../eval/dataset.js";
import { loadFactsFile } from "../../facts/load.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * CONTRACTS §4 facts carry `removable` and `mounted` but no `liveMedium`. A contract-format facts
 * file with the live stick (removable, mounted, labelled LEVITATE_LIVE) made the stick a target:
 * "install levitate" named it by its label and was refused as mounted, and "which disk?" listed
 * it. facts/liveMedium.ts marks a removable mounted disk as the live medium when no disk is marked.
 */
const CONTRACT_FACTS = {
  mode: "live",
  disks: [
    {
      path: "/dev/nvme0n1",
      sizeBytes: 1000204886016,
      model: "WD_BLACK SN770 1TB",
      transport: "nvme",
      removable: false,
      mounted: false,
      table: "gpt",
      freeBytes: 268435456000,
      partitions: [
        { path: "/dev/nvme0n1p1", sizeBytes: 536870912, fstype: "vfat", label: "SYSTEM", esp: true },
        {
          path: "/dev/nvme0n1p2",
          sizeBytes: 700000000000,
          fstype: "ntfs",
          label: "Windows",
          os: "Windows Boot Manager",
        },
      ],
    },
    {
      path: "/dev/sda",
      sizeBytes: 15631122432,
      model: "SanDisk Cruzer Blade",
      transport: "usb",
      removable: true,
      mounted: true,
      table: "dos",
      partitions: [{ path: "/dev/sda1", sizeBytes: 15630073856, fstype: "iso9660", label: "LEVITATE_LIVE" }],
    },
  ],
  users: ["root"],
  recipes: ["ripgrep"],
  installed: [],
};

function factsFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "live-medium-"));
  const path = join(dir, "facts.json");
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const disksOf = (calls: PlanCall[]) =>
  calls.filter((c) => c.tool === "partitionDisk").map((c) => c.args.disk);

describe("a contract-format facts file: the removable mounted disk is the live medium", () => {
  it("the facts loader marks the stick and only the stick", () => {
    const f = loadFactsFile(factsFile(CONTRACT_FACTS));
    expect(f.disks.find((d) => d.path === "/dev/sda")?.liveMedium).toBe(true);
    expect(f.disks.find((d) => d.path === "/dev/nvme0n1")?.liveMedium).toBeUndefined();
  });

  it("the eval data set loader marks it the same way", () => {
    const path = factsFile({});
    writeFileSync(
      path,
      `${JSON.stringify({ id: "lm-001", category: "simple", facts: CONTRACT_FACTS, turns: [{ user: "hi", expect: { reply: true } }] })}\n`,
    );
    expect(loadDataset(path)[0]!.facts.disks.find((d) => d.path === "/dev/sda")?.liveMedium).toBe(true);
  });

  it("a facts file that marks a live medium itself is left as written", () => {
    const marked = {
      ...CONTRACT_FACTS,
      disks: CONTRACT_FACTS.disks.map((d) => ({ ...d, liveMedium: false })),
    };
    expect(loadFactsFile(factsFile(marked)).disks.some((d) => d.liveMedium)).toBe(false);
  });

  it("installed mode marks nothing: a mounted USB disk there is just a USB disk", () => {
    const f = loadFactsFile(factsFile({ ...CONTRACT_FACTS, mode: "installed" }));
    expect(f.disks.some((d) => d.liveMedium)).toBe(false);
  });

  for (const line of [
    "install levitate next to windows",
    "put levitate beside windows",
    "put it next to windows",
    "dual boot with windows",
  ])
    it(`"${line}": the free space of the nvme, never the stick`, async () => {
      const { decisions } = await dialogue(loadFactsFile(factsFile(CONTRACT_FACTS)), [line]);
      const d = decisions[0]!;
      const calls = "calls" in d ? d.calls : [];
      expect(disksOf(calls)).toEqual(["/dev/nvme0n1"]);
      expect(JSON.stringify(d)).not.toContain("/dev/sda");
    });

  it('"install levitate" asks about the nvme alone, without naming the stick', async () => {
    const { decisions } = await dialogue(loadFactsFile(factsFile(CONTRACT_FACTS)), ["install levitate"]);
    const text = JSON.stringify(decisions[0]);
    expect(text).toContain("/dev/nvme0n1");
    expect(text).not.toContain("/dev/sda");
    expect(text).not.toContain("is mounted");
  });
});

const ONE_BLANK_DISK = {
  mode: "live",
  disks: [
    { path: "/dev/nvme0n1", sizeBytes: 500107862016, model: "WD Blue SN570 500GB", transport: "nvme" },
    {
      path: "/dev/sda",
      sizeBytes: 15631122432,
      model: "SanDisk Cruzer Glide 16GB",
      transport: "usb",
      removable: true,
      mounted: true,
      partitions: [{ path: "/dev/sda1", sizeBytes: 15630073856, fstype: "iso9660", label: "LEVITATE_LIVE" }],
    },
  ],
  users: ["root"],
  recipes: ["dust", "ripgrep"],
  installed: [],
};

describe("a noun about disks in general names no disk of this machine (agent/rules/diskCompounds.ts)", () => {
  for (const line of [
    "add dust, a disk usage tool",
    "I want a tool for measuring disk usage",
    "something to show disk space per folder",
    "a drive health monitor would be nice",
    "install a disk-usage analyzer",
  ])
    it(`"${line}": the only disk is not erased`, async () => {
      const { decisions } = await dialogue(loadFactsFile(factsFile(ONE_BLANK_DISK)), [line]);
      const d = decisions[0]!;
      expect(disksOf("calls" in d ? d.calls : [])).toEqual([]);
    });

  it('"use the disk" on the one disk still installs there', async () => {
    const { decisions } = await dialogue(loadFactsFile(factsFile(ONE_BLANK_DISK)), ["use the disk, ext4"]);
    const d = decisions[0]!;
    expect(disksOf("calls" in d ? d.calls : [])).toEqual(["/dev/nvme0n1"]);
  });
});

describe('"the install disk" is the disk installed onto; only "live" names the medium', () => {
  it('"the install disk is the nvme" installs on the nvme', async () => {
    const { decisions } = await dialogue(loadFactsFile(factsFile(ONE_BLANK_DISK)), [
      "the install disk should be the WD, ext4",
    ]);
    const d = decisions[0]!;
    expect(disksOf("calls" in d ? d.calls : [])).toEqual(["/dev/nvme0n1"]);
  });

  it('"erase the live stick" is refused: the live medium is never a target', async () => {
    const { decisions } = await dialogue(loadFactsFile(factsFile(ONE_BLANK_DISK)), ["erase the live stick"]);
    const d = decisions[0]!;
    expect(disksOf("calls" in d ? d.calls : [])).toEqual([]);
    expect(JSON.stringify(d)).toContain("live");
  });
});

describe("beside a named system on one of two disks of a brand", () => {
  const TWO_SAMSUNGS = {
    mode: "live",
    disks: [
      {
        path: "/dev/sda",
        sizeBytes: 1000204886016,
        model: "Samsung SSD 870 EVO 1TB",
        transport: "sata",
        table: "gpt",
        freeBytes: 322122547200,
        partitions: [
          { path: "/dev/sda1", sizeBytes: 536870912, fstype: "vfat", esp: true },
          { path: "/dev/sda2", sizeBytes: 600000000000, fstype: "ext4", os: "Ubuntu 24.04.1 LTS" },
        ],
      },
      { path: "/dev/nvme0n1", sizeBytes: 500107862016, model: "Samsung SSD 980 500GB", transport: "nvme" },
    ],
    users: ["root"],
    recipes: [],
    installed: [],
  };
  it('"next to ubuntu on the samsung ssd": the free space of the Samsung that holds Ubuntu', async () => {
    const { decisions } = await dialogue(loadFactsFile(factsFile(TWO_SAMSUNGS)), [
      "put it next to ubuntu on the samsung ssd",
    ]);
    const d = decisions[0]!;
    const calls = "calls" in d ? d.calls : [];
    expect(disksOf(calls)).toEqual(["/dev/sda"]);
    expect((calls[0]?.args as { use?: string } | undefined)?.use).toBe("free");
  });
});
