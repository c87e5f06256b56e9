import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 19 D1/W7: edits typed as sed were no request, or kept what they replaced: after "user lee
 * with sudo", "s/with sudo/without sudo/" answered "Changed: create user lee with sudo" and a yes
 * ran the plan with the sudo.
 */
const LIVE = fixtureFacts("findings23-lead-live");
type Call = { tool: string; args: Record<string, unknown> };
const user = (pending: readonly Call[], name: string) =>
  pending.find((c) => c.tool === "createUser" && c.args.username === name)?.args.sudo;
const disk = (pending: readonly Call[]) => pending.find((c) => c.tool === "partitionDisk")?.args;

describe("a sed edit applies to the turn before", () => {
  for (const sed of ["s/with sudo/without sudo/", "s|with sudo|without sudo|g", "s/with sudo/no sudo/"])
    it(`"${sed}" takes lee's sudo away`, async () => {
      const { conv } = await dialogue(LIVE, ["install on the WD, user lee with sudo", sed]);
      expect(user(conv.pending as Call[], "lee")).toBe(false);
      expect(disk(conv.pending as Call[])?.disk).toBe("/dev/nvme0n1");
    });

  it('"s/ext4/btrfs/" where the turn before never said ext4 changes the filesystem', async () => {
    const { conv } = await dialogue(LIVE, ["install on the WD, user lee with sudo", "s/ext4/btrfs/"]);
    expect(disk(conv.pending as Call[])?.filesystem).toBe("btrfs");
    expect(user(conv.pending as Call[], "lee")).toBe(true);
  });

  it("a turn that only looks like sed is read as before", async () => {
    const { conv } = await dialogue(LIVE, ["install on the WD with btrfs"]);
    expect(disk(conv.pending as Call[])?.filesystem).toBe("btrfs");
  });
});
