import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Attacker 13 L1 (also attacker 12 #5, tester 15 W9): installing beside a system on a disk whose
 * facts list partitions but no free space was refused "because the facts list no partitions for
 * it". The reason names what is missing.
 */
const facts = (partitions: object[] | undefined) =>
  FactsSchema.parse({
    mode: "live",
    firmware: "uefi",
    disks: [
      {
        path: "/dev/sda",
        sizeBytes: 500e9,
        model: "Samsung SSD 870 EVO 500GB",
        transport: "sata",
        ...(partitions ? { partitions } : {}),
      },
      {
        path: "/dev/sdb",
        sizeBytes: 32e9,
        model: "SanDisk Cruzer",
        transport: "usb",
        removable: true,
        mounted: true,
      },
    ],
    users: ["root"],
    recipes: ["ripgrep"],
  });

const replyOf = (d: unknown) => (d && typeof d === "object" && "reply" in d ? String(d.reply) : "");

describe("the reason for not knowing the free space names what the facts lack", () => {
  it("partitions listed, free space not: says so", async () => {
    const f = facts([{ path: "/dev/sda1", sizeBytes: 400e9, fstype: "ntfs", os: "Windows 10" }]);
    const { last } = await dialogue(f, ["install next to windows on the samsung"]);
    expect(replyOf(last)).toMatch(/list its partitions but not its free space/);
    expect(replyOf(last)).not.toMatch(/list no partitions/);
  });
});

/**
 * Attacker 13 M1: a partition label equal to a disk's name ("sda" on a partition of nvme0n10) or to
 * a keep word ("keep" on the USB stick) took "keep sda": the keep landed on the other disk's
 * partition. A kernel device name is the device; a word that keeps is never a label.
 */
describe("a label never takes a device's name or a keep word", () => {
  const f = FactsSchema.parse({
    mode: "live",
    firmware: "uefi",
    disks: [
      {
        path: "/dev/sda",
        sizeBytes: 500e9,
        model: "Crucial MX500 500GB",
        transport: "sata",
        partitions: [{ path: "/dev/sda1", sizeBytes: 400e9, fstype: "ext4", label: "nvme" }],
      },
      {
        path: "/dev/sdb",
        sizeBytes: 64e9,
        model: "Kingston DataTraveler",
        transport: "usb",
        removable: true,
        partitions: [{ path: "/dev/sdb1", sizeBytes: 60e9, fstype: "ext4", label: "keep" }],
      },
      { path: "/dev/nvme0n1", sizeBytes: 1e12, model: "WD 1TB", transport: "nvme", partitions: [] },
      {
        path: "/dev/nvme0n10",
        sizeBytes: 2e12,
        model: "Samsung 990 2TB",
        transport: "nvme",
        partitions: [{ path: "/dev/nvme0n10p1", sizeBytes: 19e11, fstype: "ext4", label: "sda" }],
      },
    ],
    users: ["root"],
    recipes: ["ripgrep"],
  });

  it('"keep sda" keeps /dev/sda, not the partition labelled "sda"', async () => {
    const { conv, last } = await dialogue(f, ["keep sda, use the 2tb"]);
    expect(replyOf(last)).not.toMatch(/free space/);
    const disks = conv.protections.map((p) => ("disk" in p ? `${p.kind}:${p.disk}` : p.kind));
    expect(disks).toContain("disk:/dev/sda");
    expect(disks).not.toContain("partitions:/dev/nvme0n10");
    expect(disks).not.toContain("partitions:/dev/sdb");
  });

  it("after it, an erase of /dev/sda is refused", async () => {
    const { conv } = await dialogue(f, ["keep sda, use the 2tb", "no, erase sda instead"]);
    expect(conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(false);
  });
});
