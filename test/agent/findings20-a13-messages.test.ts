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
