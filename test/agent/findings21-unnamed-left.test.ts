import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 14 L1: "install linux but not on the samsung or the 990" offered the one disk left,
 * which holds data, with "Everything on it is erased", and a yes took it. As after only keeps
 * (tester 17 D2), a disk holding data that the person never named is no offer: its own words erase
 * it. And dev h17-029#3: "same for luca but no keys" copied the previous user's sudo.
 */
const DESK = fixtureFacts("findings16-desk");
// sda Samsung 870 (ext4 "photos"), sdb Seagate (ntfs "backup"), nvme0n1 WD_BLACK (blank)
const F3 = fixtureFacts("findings21-a14-f3");
const erases = (pending: readonly PlanCall[], disk: string) =>
  pending.some((c) => c.tool === "partitionDisk" && c.args.disk === disk && c.args.use !== "free");

describe("the one disk left that holds data is never offered to a yes", () => {
  for (const yes of ["yes", "sure", "ok do it"])
    it(`"install linux but not on the samsung or the nvme", "${yes}": the Seagate is not erased`, async () => {
      const { conv, decisions } = await dialogue(F3, [
        "install linux but not on the samsung or the nvme",
        yes,
      ]);
      expect(erases(conv.pending, "/dev/sdb")).toBe(false);
      const first = decisions[0]!;
      expect("reply" in first && first.reply).toMatch(/erase \/dev\/sdb, I don't need what's on it/);
    });

  it("its own words erase it", async () => {
    const { conv } = await dialogue(F3, [
      "install linux but not on the samsung or the nvme",
      "erase /dev/sdb, I don't need what's on it",
    ]);
    expect(erases(conv.pending, "/dev/sdb")).toBe(true);
  });
});

describe('"same for X" copies a grant only where nothing takes it away', () => {
  const users = (pending: readonly PlanCall[]) =>
    pending.flatMap((p) => (p.tool === "createUser" ? [[p.args.username, p.args.sudo]] : []));
  for (const [line, sudo] of [
    ["same for luca but no keys", false],
    ["same for luca, without the admin part", false],
    ["same for luca", true],
    ["same for luca please", true],
  ] as const)
    it(`"${line}" after "add user marco with sudo": luca sudo ${sudo}`, async () => {
      const { conv } = await dialogue(DESK, ["erase the 990", "add user marco with sudo", line]);
      expect(users(conv.pending)).toContainEqual(["luca", sudo]);
    });
});
