import { describe, expect, it } from "vitest";
import { splitDictation } from "../../agent/rules/commandWords.js";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class C of the fifth user findings (WRONG 14): dictation without punctuation is split at the
 * verbs that start a request, so a negation in one clause ("lena no sudo") never spreads to the
 * next ("create user max with sudo" had been recorded as "kept: max without sudo", "add ... tmux"
 * as "kept: tmux, not removed") and no request is lost. Machines: findings5n-t (Seagate sda with
 * Photos, Seagate sdb with Games, nvme0n1, live USB sdc), findings5n-d (installed).
 */
const T = fixtureFacts("findings5n-t");
const D = fixtureFacts("findings5n-d");

const sudo = (plan: readonly PlanCall[]) =>
  Object.fromEntries(plan.flatMap((c) => (c.tool === "createUser" ? [[c.args.username, c.args.sudo]] : [])));
const installs = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
const removals = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));

describe("the tester's run-on (WRONG 14)", () => {
  it("every request of the dictation is planned, max keeps his sudo, tmux is installed", async () => {
    const { conv } = await dialogue(T, [
      "ok so um install on the nvme use btrfs create user lena no sudo create user max with sudo add ripgrep fd and tmux set the time zone to berlin german keyboard hostname atlas dont touch the seagates",
    ]);
    const disk = conv.pending.find((c) => c.tool === "partitionDisk");
    expect(disk?.tool === "partitionDisk" && [disk.args.disk, disk.args.filesystem]).toEqual([
      "/dev/nvme0n1",
      "btrfs",
    ]);
    expect(sudo(conv.pending)).toEqual({ lena: false, max: true });
    expect(installs(conv.pending)).toEqual(["ripgrep", "fd", "tmux"]);
    const locale = conv.pending.find((c) => c.tool === "setLocale");
    expect(locale?.tool === "setLocale" && [locale.args.timezone, locale.args.keymap]).toEqual([
      "Europe/Berlin",
      "de",
    ]);
    expect(conv.pending.some((c) => c.tool === "setHostname" && c.args.hostname === "atlas")).toBe(true);
    const kept = conv.protections.map((p) =>
      p.kind === "sudo" ? `sudo:${p.username}` : p.kind === "recipe" ? p.name : "",
    );
    expect(kept).not.toContain("sudo:max");
    expect(kept).not.toContain("tmux");
  });

  for (const [s, want] of [
    ["create user max with sudo create user lena", { max: true, lena: false }],
    ["lena no sudo max sudo", { lena: false, max: true }],
    ["create user lena no sudo create user max with sudo", { lena: false, max: true }],
    ["CREATE USER LENA NO SUDO CREATE USER MAX WITH SUDO", { lena: false, max: true }],
    ["create user max with sudo create user lena without sudo", { max: true, lena: false }],
    ["create user lena no sudo add user max with sudo", { lena: false, max: true }],
    ["add user max with admin add user lena", { max: true, lena: false }],
  ] as const)
    it(`"${s}"`, async () => {
      const { conv } = await dialogue(T, [s]);
      expect(sudo(conv.pending)).toEqual(want);
    });
});

describe("more dictation", () => {
  it("a removal and an install said in one breath", async () => {
    const { conv } = await dialogue(D, ["remove htop add btop"]);
    expect(removals(conv.pending)).toEqual(["htop"]);
    expect(installs(conv.pending)).toEqual(["btop"]);
  });

  for (const [s, removed, kept] of [
    ["dont remove git remove htop", "htop", "git"],
    ["remove htop dont remove git", "htop", "git"],
    ["REMOVE HTOP DONT REMOVE GIT", "htop", "git"],
  ] as const)
    it(`"${s}" removes ${removed} and keeps ${kept}`, async () => {
      const { conv } = await dialogue(D, [s]);
      expect(removals(conv.pending)).toEqual([removed]);
      expect(conv.protections.some((p) => p.kind === "recipe" && p.name === kept)).toBe(true);
    });

  it('"add jq dont touch tmux" installs jq and keeps tmux', async () => {
    const { conv } = await dialogue(D, ["add jq dont touch tmux"]);
    expect(installs(conv.pending)).toEqual(["jq"]);
    expect(conv.protections.some((p) => p.kind === "recipe" && p.name === "tmux")).toBe(true);
  });

  it("splits at a verb that starts a request, never inside one", () => {
    expect(splitDictation("install on the nvme use btrfs")).toBe("install on the nvme. use btrfs");
    expect(splitDictation("keep sda install on nvme")).toBe("keep sda. install on nvme");
    expect(splitDictation("create user lena give her sudo")).toBe("create user lena. give her sudo");
    for (const s of [
      "i want to install fd",
      "do a fresh install on sda",
      "please install fd and use btrfs",
      "install fd for personal use",
      "add ripgrep, fd and tmux",
      "dont touch sda",
    ])
      expect(splitDictation(s)).toBe(s);
  });
});
