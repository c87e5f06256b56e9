import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { decideTurn } from "../../agent/turn.js";
import type { Backend, PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 12 #2: "keep sdb, sda" and "my photos are on sda, my backups on sdb" crashed the chat
 * with a stack overflow (the destructive gate's "asked instead" move called itself between the two
 * disks). Facts: sda holds ext4 "photos", sdb ext4 "backup", nvme0n1 is empty. The comma keep list
 * itself (#1: "keep sdb, sda" keeps only sdb) is fixed on branch fixT18, not landed: OPEN on main
 * (docs/findings/2026-12-06-attacker-12.md).
 */
const THREE = fixtureFacts("findings19-a12-three");

describe("turns that crashed the chat are answered (attacker 12 #2)", () => {
  for (const line of [
    "keep sdb, sda",
    "keep /dev/sdb, /dev/sda",
    "keep sda,sdb",
    "keep sda; sdb",
    "preserve sda, sdb",
    "sda, sdb: keep",
    "keep sda, also sdb",
    "my photos are on sda, my backups on sdb",
  ])
    it(`"${line}": answered, and the two steps planned before stay`, async () => {
      const { conv, last } = await dialogue(THREE, ["create user anna with sudo", "add ripgrep", line]);
      expect(last).toBeDefined();
      expect(conv.pending.some((c) => c.tool === "createUser")).toBe(true);
      expect(conv.pending.some((c) => c.tool === "installRecipe")).toBe(true);
    });
});

describe("a move of the gate never lands on a disk the words only talk about", () => {
  // a backend that erases sda whatever was said: the misreading the gate must catch
  const forced = (disk: string): Backend => ({
    name: "forced",
    decide: async () => ({
      calls: [
        {
          tool: "partitionDisk",
          args: { disk, use: "whole", filesystem: "ext4", encrypt: false, separateHome: false },
        } as PlanCall,
      ],
    }),
  });
  for (const [line, disk] of [
    ["my photos are on sda, my backups on sdb", "/dev/sda"],
    ["my photos are on sda, my backups on sdb", "/dev/sdb"],
    ["sdb has my backups and sda my photos", "/dev/sda"],
  ] as const)
    it(`"${line}" with an erase of ${disk} forced: neither data disk is erased`, async () => {
      const conv = new Conversation(THREE);
      const d = await decideTurn(forced(disk), conv.view(line), THREE);
      const calls = "calls" in d ? (d.calls as PlanCall[]) : [];
      expect(calls.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(false);
      expect(calls.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sdb")).toBe(false);
    });
});
