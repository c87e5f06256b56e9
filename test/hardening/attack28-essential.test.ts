/**
 * Attacker 28 M13: `remove cryptsetup` / `remove e2fsprogs` was planned without a word on a system
 * whose facts showed no root filesystem. Not knowing the root is no evidence it needs neither.
 */
import { describe, expect, it } from "vitest";
import type { Facts } from "../../facts/schema.js";
import { essentialReason } from "../../tools/essential.js";

const facts = (parts: { path: string; fstype: string | null; mountpoint: string | null }[]) =>
  ({
    mode: "installed",
    disks: parts.length ? [{ path: "/dev/sda", liveMedium: false, partitions: parts }] : [],
  }) as unknown as Facts;

describe("M13: the root's boot tools are kept", () => {
  it("facts with no root: cryptsetup, e2fsprogs and xfsprogs are refused, with the reason", () => {
    for (const f of [facts([]), facts([{ path: "/dev/sda1", fstype: "vfat", mountpoint: "/boot/efi" }])])
      for (const n of ["cryptsetup", "e2fsprogs", "xfsprogs"])
        expect(essentialReason(n, f), n).toMatch(/do not show this system's root filesystem/);
  });

  it("an encrypted ext4 root: cryptsetup and e2fsprogs refused by what the facts show", () => {
    const f = facts([
      { path: "/dev/sda2", fstype: "crypto_LUKS", mountpoint: null },
      { path: "/dev/mapper/root", fstype: "ext4", mountpoint: "/" },
    ]);
    expect(essentialReason("cryptsetup", f)).toMatch(/encrypted \(LUKS\)/);
    expect(essentialReason("e2fsprogs", f)).toMatch(/is ext4: e2fsprogs checks/);
  });

  it("near misses: a plain xfs root lets cryptsetup and e2fsprogs go; live mode and other programs unchanged", () => {
    const f = facts([{ path: "/dev/sda2", fstype: "xfs", mountpoint: "/" }]);
    expect(essentialReason("cryptsetup", f)).toBeUndefined();
    expect(essentialReason("e2fsprogs", f)).toBeUndefined();
    expect(essentialReason("xfsprogs", f)).toMatch(/is xfs/);
    expect(essentialReason("vim", facts([]))).toBeUndefined();
    expect(essentialReason("cryptsetup", { ...facts([]), mode: "live" } as Facts)).toBeUndefined();
  });
});
