import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FactsFileError, loadFactsFile } from "../../facts/load.js";

/**
 * Attacker 7 L6: `--facts` accepted two disks of one path (a plan on that path erased the first,
 * with no word about the other) and a 900 GB partition on a 500 GB disk. No probe reports
 * either: the facts file is refused with each problem named.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "attack7-facts-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const disk = (path: string, sizeBytes: number, partitions: object[] = []) => ({
  path,
  sizeBytes,
  partitions,
});

function load(disks: object[]) {
  const f = join(dir, `f${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify({ mode: "live", disks, users: ["root"] }));
  return () => loadFactsFile(f);
}

describe("a facts file describing disks that cannot exist is refused", () => {
  it("two disks of one path", () => {
    const f = load([
      disk("/dev/a7disk", 500e9, [{ path: "/dev/a7disk1", sizeBytes: 400e9, label: "PHOTOS" }]),
      disk("/dev/a7disk", 64e9),
    ]);
    expect(f).toThrow(FactsFileError);
    expect(f).toThrow(/\/dev\/a7disk is listed twice \(as a disk\)/);
  });

  it("a partition larger than its disk, or reaching past its end; a partition path used twice", () => {
    expect(load([disk("/dev/a7other", 500e9, [{ path: "/dev/a7other1", sizeBytes: 900e9 }])])).toThrow(
      /partition \/dev\/a7other1 \(900000000000 bytes\) does not fit on \/dev\/a7other \(500000000000 bytes\)/,
    );
    expect(
      load([disk("/dev/sdb", 100e9, [{ path: "/dev/sdb1", sizeBytes: 60e9, startBytes: 50e9 }])]),
    ).toThrow(/partition \/dev\/sdb1 \(bytes 50000000000 to 110000000000\) does not fit/);
    expect(
      load([
        disk("/dev/sdb", 100e9, [{ path: "/dev/sdb1", sizeBytes: 1e9 }]),
        disk("/dev/sdc", 100e9, [{ path: "/dev/sdb1", sizeBytes: 1e9 }]),
      ]),
    ).toThrow(/\/dev\/sdb1 is listed twice \(as a partition\)/);
  });

  it("real-looking facts still load", () => {
    const facts = load([
      disk("/dev/nvme0n1", 512e9, [
        { path: "/dev/nvme0n1p1", sizeBytes: 1e9, startBytes: 1048576 },
        { path: "/dev/nvme0n1p2", sizeBytes: 500e9, startBytes: 1e9 + 1048576 },
      ]),
      disk("/dev/sda", 64e9),
    ])();
    expect(facts.disks.map((d) => d.path)).toEqual(["/dev/nvme0n1", "/dev/sda"]);
  });
});
