import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diskGoneProblem, sysfsSizeBytes } from "../../steps/diskPresent.js";

/**
 * The executor's check before each write to the confirmed disk, on a made-up sysfs (runs without
 * root; test/faults/install-faults.test.ts pulls a real loop device out).
 */
describe("diskGoneProblem: is the confirmed disk still there", () => {
  const dir = mkdtempSync(join(tmpdir(), "levitate-sysfs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sys = join(dir, "sys");
  const dev = join(dir, "dev");
  mkdirSync(dev);
  /** A device node stand-in at dev/NAME and its sysfs size in 512-byte sectors. */
  const disk = (name: string, sectors?: number) => {
    writeFileSync(join(dev, name), "");
    if (sectors !== undefined) {
      mkdirSync(join(sys, name), { recursive: true });
      writeFileSync(join(sys, name, "size"), `${sectors}\n`);
    }
    return join(dev, name);
  };

  it("the same size: nothing to say", () => {
    const d = disk("sda", 8);
    expect(sysfsSizeBytes(d, sys)).toBe(4096);
    expect(diskGoneProblem(d, 4096, sys)).toBeUndefined();
  });

  it("through a link (/dev/disk/by-id/…), the device it names is checked", () => {
    const d = disk("sdb", 8);
    const link = join(dir, "by-id-usb");
    symlinkSync(d, link);
    expect(diskGoneProblem(link, 4096, sys)).toBeUndefined();
  });

  it("no medium (a detached loop device, an ejected card): gone, said so", () => {
    const d = disk("loop7", 0);
    expect(diskGoneProblem(d, 4096, sys)).toBe(
      `${d} is not there any more (it reports no medium, 0 bytes): it was removed, ejected or detached after the plan was confirmed`,
    );
  });

  it("the node gone (a USB disk pulled out): gone", () => {
    expect(diskGoneProblem(join(dev, "sdx"), 4096, sys)).toBe(
      `${join(dev, "sdx")} is not there any more: it was removed after the plan was confirmed`,
    );
    // a node whose sysfs entry went first
    const d = disk("sdc");
    expect(diskGoneProblem(d, 4096, sys)).toContain("is not there any more");
  });

  it("another size at the same path: another disk", () => {
    const d = disk("sdd", 16);
    expect(diskGoneProblem(d, 4096, sys)).toBe(
      `${d} has 8192 bytes now, the plan was confirmed for 4096 bytes: it is not the same disk`,
    );
  });
});
