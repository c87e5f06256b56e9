import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { essentialReason } from "../../tools/essential.js";
import { factErrors } from "../../tools/planFile.js";

/**
 * Attacker 25 L8: a plan file could remove base packages whose loss breaks the installed system
 * (cryptsetup on an encrypted machine, the libraries bash and dracut need); only rpm's dependency
 * check would stop them, mid-run. The guard now knows what this machine needs to boot and unlock.
 */

const BASE = [
  "cryptsetup",
  "kbd",
  "e2fsprogs",
  "xfsprogs",
  "ncurses-libs",
  "sed",
  "grep",
  "findutils",
  "procps-ng",
  "jq",
  "tar",
  "sudo",
];

const machine = (partitions: object[]) =>
  FactsSchema.parse({
    mode: "installed",
    installed: BASE,
    recipes: BASE,
    disks: [{ path: "/dev/nvme0n1", sizeBytes: 512e9, model: "WD_BLACK", partitions }],
  });
const encrypted = machine([
  { path: "/dev/nvme0n1p1", sizeBytes: 1e9, fstype: "vfat", mountpoint: "/boot/efi", esp: true },
  { path: "/dev/nvme0n1p2", sizeBytes: 2e9, fstype: "ext4", mountpoint: "/boot" },
  { path: "/dev/nvme0n1p3", sizeBytes: 500e9, fstype: "crypto_LUKS" },
]);
const plainXfs = machine([
  { path: "/dev/nvme0n1p1", sizeBytes: 1e9, fstype: "vfat", mountpoint: "/boot/efi", esp: true },
  { path: "/dev/nvme0n1p2", sizeBytes: 500e9, fstype: "xfs", mountpoint: "/" },
]);

const removing = (name: string, facts: ReturnType<typeof machine>) =>
  factErrors(
    { version: 1, mode: "installed", target: "/", steps: [{ tool: "removeRecipe", args: { name } }] },
    facts,
  );

describe("what an encrypted machine needs to unlock is not removable", () => {
  it.each([["cryptsetup"], ["kbd"], ["e2fsprogs"]])("%s on a LUKS machine with ext4 /boot", (name) => {
    const errors = removing(name, encrypted);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe("steps[0].args.name");
    expect(errors[0]?.message).toMatch(new RegExp(`^${name} cannot be removed: /dev/nvme0n1p[23]`));
    expect(errors[0]?.hint).toMatch(/unlock/);
  });
  it("on a machine without LUKS, cryptsetup and kbd may go; xfsprogs may not when / is xfs", () => {
    expect(removing("cryptsetup", plainXfs)).toEqual([]);
    expect(removing("kbd", plainXfs)).toEqual([]);
    expect(removing("e2fsprogs", plainXfs)).toEqual([]);
    expect(removing("xfsprogs", plainXfs)[0]?.message).toMatch(
      /xfsprogs cannot be removed: \/dev\/nvme0n1p2 \(\/\) is xfs/,
    );
  });
});

describe("what bash and the initramfs builder need is never removable", () => {
  it.each([["ncurses-libs"], ["sed"], ["grep"], ["findutils"], ["procps-ng"]])("%s", (name) => {
    expect(removing(name, plainXfs)[0]?.message).toMatch(new RegExp(`^${name} cannot be removed: `));
    expect(essentialReason(name)).toBeDefined();
  });
});

describe("near misses: programs the user added, and base tools nothing boots with, stay removable", () => {
  it.each([["jq"], ["tar"], ["sudo"]])("%s", (name) => {
    expect(removing(name, encrypted)).toEqual([]);
  });
  it("a LUKS partition on the live medium or in live mode protects nothing", () => {
    const live = FactsSchema.parse({ ...encrypted, mode: "live" });
    expect(essentialReason("cryptsetup", live)).toBeUndefined();
  });
});
