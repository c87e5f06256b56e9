import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diskProblems, FactsFileError, loadFactsFile } from "../../facts/load.js";
import { FactsSchema } from "../../facts/schema.js";

/**
 * Attacker 12 #6: facts that contradict themselves were accepted: 900 GB free on a 100 GB disk
 * (the chat promised the space; the plan's sfdisk wrote a 9.9 GB region), partitions lying over
 * each other, /dev/sdb1 listed under /dev/sda ("kept: /dev/sdb1 on /dev/sda"), and a mounted
 * partition on a disk said not to be mounted (its erase was offered behind the "holds data" prompt
 * instead of refused as mounted). Each is refused with the contradiction named.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "attack12-facts-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(disks: object[]) {
  const f = join(dir, `f${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify({ mode: "live", disks, users: ["root"] }));
  return () => loadFactsFile(f);
}

describe("facts that contradict themselves are refused, each contradiction named", () => {
  it("more free space than the disk has room for", () => {
    const f = load([{ path: "/dev/sda", sizeBytes: 100e9, freeBytes: 900e9 }]);
    expect(f).toThrow(FactsFileError);
    expect(f).toThrow(
      /\/dev\/sda has 900000000000 free bytes beside 0 bytes of partitions, more than its 100000000000 bytes/,
    );
    expect(
      load([
        {
          path: "/dev/sda",
          sizeBytes: 100e9,
          freeBytes: 50e9,
          partitions: [{ path: "/dev/sda1", sizeBytes: 60e9 }],
        },
      ]),
    ).toThrow(/beside 60000000000 bytes of partitions/);
  });

  it("partitions that overlap", () => {
    const f = load([
      {
        path: "/dev/sda",
        sizeBytes: 100e9,
        partitions: [
          { path: "/dev/sda1", sizeBytes: 60e9, startBytes: 0 },
          { path: "/dev/sda2", sizeBytes: 30e9, startBytes: 40e9 },
        ],
      },
    ]);
    expect(f).toThrow(/partitions \/dev\/sda1 and \/dev\/sda2 of \/dev\/sda overlap/);
  });

  it("a partition named as another listed disk's", () => {
    const f = load([
      { path: "/dev/sda", sizeBytes: 100e9, partitions: [{ path: "/dev/sdb1", sizeBytes: 10e9 }] },
      { path: "/dev/sdb", sizeBytes: 100e9 },
    ]);
    expect(f).toThrow(
      /partition \/dev\/sdb1 is listed under \/dev\/sda, but its name is a partition of \/dev\/sdb/,
    );
    // nvme0n1 vs nvme0n10: a prefix of a name is not its owner
    expect(
      load([
        { path: "/dev/nvme0n1", sizeBytes: 100e9, partitions: [{ path: "/dev/nvme0n1p1", sizeBytes: 10e9 }] },
        {
          path: "/dev/nvme0n10",
          sizeBytes: 100e9,
          partitions: [{ path: "/dev/nvme0n10p1", sizeBytes: 10e9 }],
        },
      ])().disks,
    ).toHaveLength(2);
  });

  it("a mounted partition on a disk said not to be mounted", () => {
    const f = load([
      {
        path: "/dev/sda",
        sizeBytes: 100e9,
        mounted: false,
        partitions: [{ path: "/dev/sda1", sizeBytes: 10e9, mountpoint: "/home" }],
      },
    ]);
    expect(f).toThrow(/partition \/dev\/sda1 is mounted at \/home, but \/dev\/sda says "mounted": false/);
  });

  it("an MBR extended partition holds its logical ones: no overlap, counted once", () => {
    const MiB = 1048576;
    const facts = load([
      {
        path: "/dev/sda",
        sizeBytes: 512 * MiB,
        table: "dos",
        freeBytes: 200 * MiB,
        partitions: [
          { path: "/dev/sda1", sizeBytes: 64 * MiB, startBytes: MiB, type: "83" },
          { path: "/dev/sda2", sizeBytes: 300 * MiB, startBytes: 65 * MiB, type: "5" },
          { path: "/dev/sda5", sizeBytes: 64 * MiB, startBytes: 66 * MiB, type: "83" },
        ],
      },
    ])();
    expect(facts.disks[0]?.partitions).toHaveLength(3);
  });

  it("consistent facts still load: free space beside partitions, adjacent partitions, a mounted disk", () => {
    const facts = load([
      {
        path: "/dev/nvme0n1",
        sizeBytes: 512e9,
        freeBytes: 200e9,
        mounted: true,
        partitions: [
          { path: "/dev/nvme0n1p1", sizeBytes: 1e9, startBytes: 1048576, mountpoint: "/boot/efi" },
          { path: "/dev/nvme0n1p2", sizeBytes: 300e9, startBytes: 1e9 + 1048576 },
        ],
      },
    ])();
    expect(facts.disks[0]?.freeBytes).toBe(200e9);
  });
});

/** Every facts file the repository ships (docs examples, fixtures) describes a possible machine. */
describe("the repository's own facts files have no contradiction", () => {
  const roots = ["docs", "examples", "test", "profile"].filter((r) => {
    try {
      return statSync(r).isDirectory();
    } catch {
      return false;
    }
  });
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".json") && readFileSync(p, "utf8").includes('"disks"')) files.push(p);
    }
  };
  for (const r of roots) walk(r);
  it("found some to check", () => expect(files.length).toBeGreaterThan(0));
  for (const f of files)
    it(f, () => {
      const parsed = FactsSchema.safeParse(JSON.parse(readFileSync(f, "utf8")));
      if (!parsed.success) return; // hostile fixtures that the schema already refuses
      // "does not fit" is attacker 7's older check: some fixtures, read without the loader, end
      // 1 KiB past their disk; the contradictions checked here are the new ones.
      expect(diskProblems(parsed.data).filter((p) => !p.includes("does not fit"))).toEqual([]);
    });
});
