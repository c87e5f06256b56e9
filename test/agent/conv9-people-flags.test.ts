import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 9: a turn typed as command-line flags ("--user ops:sudo --user deploy") says one
 * setting per flag: "NAME:sudo" gives NAME sudo and no one else, a bare "--user NAME" none.
 * Sentences of our own, in no data set. Disks: /dev/sda Samsung, /dev/nvme0n1 WD, /dev/sdc live.
 */
const LIVE = fixtureFacts("findings4-a");

const calls = (d: Decision): PlanCall[] => ("calls" in d ? d.calls : []);
const users = (d: Decision) =>
  calls(d).flatMap((c) => (c.tool === "createUser" ? [[c.args.username, c.args.sudo] as const] : []));
const tool = (d: Decision, name: PlanCall["tool"]) =>
  calls(d).find((c) => c.tool === name)?.args as Record<string, unknown> | undefined;

describe("flags typed as the turn", () => {
  it("--user ana:admin --user bo: only ana gets sudo", async () => {
    const { last } = await dialogue(LIVE, ["--user ana:admin --user bo"]);
    expect(users(last)).toEqual([
      ["ana", true],
      ["bo", false],
    ]);
  });
  it("--disk /dev/nvme0n1 --fs xfs --user kim:sudo", async () => {
    const { last } = await dialogue(LIVE, ["--disk /dev/nvme0n1 --fs xfs --user kim:sudo"]);
    expect(tool(last, "partitionDisk")).toMatchObject({ disk: "/dev/nvme0n1", filesystem: "xfs" });
    expect(users(last)).toEqual([["kim", true]]);
  });
  it("--disk /dev/sda (it holds data): asked about, never erased by a device name alone", async () => {
    const { last } = await dialogue(LIVE, ["--disk /dev/sda --fs xfs --user kim:sudo"]);
    expect(tool(last, "partitionDisk")).toBeUndefined();
  });
  it("--hostname web-01 --recipes ripgrep,fd", async () => {
    const { last } = await dialogue(LIVE, ["nvme0n1", "--hostname web-01 --recipes ripgrep,fd"]);
    expect(tool(last, "setHostname")).toEqual({ hostname: "web-01" });
    expect(
      calls(last)
        .flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []))
        .sort(),
    ).toEqual(["fd", "ripgrep"]);
  });
  it("--user=zed --hostname=zbox (with '=')", async () => {
    const { last } = await dialogue(LIVE, ["nvme0n1", "--user=zed --hostname=zbox"]);
    expect(users(last)).toEqual([["zed", false]]);
    expect(tool(last, "setHostname")).toEqual({ hostname: "zbox" });
  });
  it("--DISK /dev/nvme0n1 --ENCRYPT (caps)", async () => {
    const { last } = await dialogue(LIVE, ["--DISK /dev/nvme0n1 --ENCRYPT"]);
    expect(tool(last, "partitionDisk")).toMatchObject({ disk: "/dev/nvme0n1", encrypt: true });
  });
  it("--keep /dev/sda --disk /dev/nvme0n1 --swap 4G", async () => {
    const { last, conv } = await dialogue(LIVE, ["--keep /dev/sda --disk /dev/nvme0n1 --swap 4G"]);
    expect(tool(last, "partitionDisk")).toMatchObject({ disk: "/dev/nvme0n1", swapSize: "4G" });
    expect(conv.protections.some((p) => p.kind === "disk" && p.disk === "/dev/sda")).toBe(true);
  });
  it("a shell command with a flag stays refused", async () => {
    const { last } = await dialogue(LIVE, ["rm -rf / --no-preserve-root"]);
    expect(calls(last)).toEqual([]);
  });
});
