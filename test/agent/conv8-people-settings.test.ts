import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, class 2: whole installs in a few hurried turns. Several settings in one clause or
 * sentence each become their call: "host X" is the hostname, the words after a hostname's value
 * are a setting of their own, a city is never corrected into a keyword ("rome" is not "home"), a
 * disk's device name beside a user list is the disk. Sentences of our own, in no data set.
 */
const TWO_DISKS = fixtureFacts("findings3-a");

const args = (plan: readonly PlanCall[], tool: PlanCall["tool"]) =>
  plan.find((c) => c.tool === tool)?.args as Record<string, unknown> | undefined;

describe("'host X' and a hostname with other settings", () => {
  for (const [line, host, zone] of [
    ["host web-7. utc", "web-7", "UTC"],
    ["hostname pi4 utc", "pi4", "UTC"],
    ["k. host kimi-lap", "kimi-lap", undefined],
    ["host is buildbox", "buildbox", undefined],
    ["hostname atlas, berlin time", "atlas", "Europe/Berlin"],
    ["and host nas01 tokyo time pls", "nas01", "Asia/Tokyo"],
    ["set hostname orion lisbon time", "orion", "Europe/Lisbon"],
  ] as const) {
    it(`"${line}" → hostname ${host}${zone ? `, ${zone}` : ""}`, async () => {
      const { conv } = await dialogue(TWO_DISKS, ["nvme", line]);
      expect(args(conv.pending, "setHostname")?.hostname).toBe(host);
      expect(args(conv.pending, "setLocale")?.timezone).toBe(zone);
    });
  }
  it("a user, a sudo and a host in one line", async () => {
    const { conv } = await dialogue(TWO_DISKS, ["nvme", "user rio sudo, host rio-box"]);
    expect(args(conv.pending, "createUser")).toMatchObject({ username: "rio", sudo: true });
    expect(args(conv.pending, "setHostname")?.hostname).toBe("rio-box");
  });
  it("'what host is this' sets nothing", async () => {
    const { conv } = await dialogue(TWO_DISKS, ["nvme", "what host is this"]);
    expect(args(conv.pending, "setHostname")).toBeUndefined();
  });
});

describe("keyboard and city in one breath", () => {
  for (const [line, keymap, zone] of [
    ["italian keyboard rome time", "it", "Europe/Rome"],
    ["dutch keyboard amsterdam time", "nl", "Europe/Amsterdam"],
    ["keyboard italian, rome", "it", "Europe/Rome"],
    ["german keybaord, vienna time", "de", "Europe/Vienna"],
    ["dutch kb and amsterdam", "nl", "Europe/Amsterdam"],
    ["french keyboard, paris", "fr", "Europe/Paris"],
  ] as const) {
    it(`"${line}" → ${keymap}, ${zone}`, async () => {
      const { conv } = await dialogue(TWO_DISKS, ["nvme", line]);
      expect(args(conv.pending, "setLocale")).toMatchObject({ keymap, timezone: zone });
    });
  }
});

describe("a disk's device name beside users is the disk", () => {
  for (const [line, disk, user] of [
    ["sda, user kai", "/dev/sda", "kai"],
    ["nvme0n1, user bo sudo", "/dev/nvme0n1", "bo"],
    ["sda, user vince sudo, add ripgrep", "/dev/sda", "vince"],
    ["sda. user tia", "/dev/sda", "tia"],
    ["nvme0n1 and user lu", "/dev/nvme0n1", "lu"],
    ["on sda, users max and ida", "/dev/sda", "max"],
  ] as const) {
    it(`"${line}" → ${disk}, user ${user}, no user named after a disk`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, [line]);
      // /dev/sda holds data: a device name alone does not choose its erase (dce75fc), so the
      // turn is a question offering the same calls; /dev/nvme0n1 is empty and is planned
      const offered = "offer" in last && last.offer ? last.offer.calls : [];
      const calls = conv.pending.length ? conv.pending : offered;
      expect(args(calls, "partitionDisk")?.disk).toBe(disk);
      const users = calls.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
      expect(users).toContain(user);
      expect(users.some((u) => /^(sd|nvme|vd)/.test(u))).toBe(false);
    });
  }
});
