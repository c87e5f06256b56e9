import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Shell commands typed as requests (tester 11 W11; agent/rules/shellRequests.ts): a command whose
 * every argument is understood is the plan step it asks for, shown before it runs; anything else
 * stays refused. A take-back later in the turn still takes it back.
 */
const LIVE = fixtureFacts("findings15-voices");
const INST = fixtureFacts("findings15-voices-inst");

type Call = { tool: string; args: Record<string, unknown> };
const calls = (d: Decision): Call[] => ("calls" in d ? (d.calls as Call[]) : []);
const refused = (d: Decision) => "reply" in d && /shell commands/.test(d.reply);

describe("a command understood is the request it makes", () => {
  const live: [string, Call[]][] = [
    [
      "mkfs.btrfs /dev/nvme0n1",
      [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1", filesystem: "btrfs" } }],
    ],
    [
      "sudo mkfs.xfs -f /dev/nvme0n1",
      [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1", filesystem: "xfs" } }],
    ],
    [
      "mkfs -t ext4 -L root /dev/nvme0n1",
      [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1", filesystem: "ext4" } }],
    ],
    ["hostnamectl set-hostname lab-pc", [{ tool: "setHostname", args: { hostname: "lab-pc" } }]],
    ["sudo hostnamectl hostname attic", [{ tool: "setHostname", args: { hostname: "attic" } }]],
    ["localectl set-keymap fr", [{ tool: "setLocale", args: { keymap: "fr" } }]],
    ["localectl set-locale LANG=de_DE.UTF-8", [{ tool: "setLocale", args: { locale: "de_DE.UTF-8" } }]],
    ["timedatectl set-timezone Europe/Lisbon", [{ tool: "setLocale", args: { timezone: "Europe/Lisbon" } }]],
    ["recipe install helix", [{ tool: "installRecipe", args: { name: "helix" } }]],
  ];
  for (const [line, want] of live)
    it(`${line} → ${want.map((c) => c.tool).join(", ")}`, async () => {
      const { last } = await dialogue(LIVE, [line]);
      expect(calls(last).map((c) => ({ tool: c.tool, args: c.args }))).toEqual(
        want.map((w) => ({ tool: w.tool, args: expect.objectContaining(w.args) })),
      );
    });

  it("two commands joined by && are two requests", async () => {
    const { last } = await dialogue(LIVE, [
      "hostnamectl set-hostname den && timedatectl set-timezone Europe/Oslo",
    ]);
    expect(
      calls(last)
        .map((c) => c.tool)
        .sort(),
    ).toEqual(["setHostname", "setLocale"]);
  });

  const inst: [string, string[]][] = [
    ["rm -rf tmux", ["tmux"]],
    ["rm -rf zoxide bat", ["zoxide", "bat"]],
    ["sudo rm /usr/bin/htop", ["htop"]],
    ["recipe remove bat", ["bat"]],
    ["sudo recipe uninstall tmux", ["tmux"]],
  ];
  for (const [line, names] of inst)
    it(`${line} → remove ${names.join(", ")}`, async () => {
      const { last } = await dialogue(INST, [line]);
      expect(calls(last)).toEqual(names.map((name) => ({ tool: "removeRecipe", args: { name } })));
    });
});

describe("a command not understood, or taken back, changes nothing", () => {
  for (const line of [
    "rm -rf /",
    "rm -rf ~/photos",
    "sudo rm -rf /usr",
    "rm -rf tmux /etc",
    "mkfs.ext4 /dev/sda1",
    "mkfs.ext4 /dev/sdz",
    "dd if=/dev/zero of=/dev/nvme0n1 bs=1M",
    "dd if=linux.iso of=/dev/sdb",
    "wipefs -a /dev/sda",
    "mkfs.btrfs /dev/nvme0n1 | tee log",
    "mkfs.btrfs $(ls /dev/nvme*)",
    "hostnamectl set-hostname a b",
    "apt install ripgrep && rm -rf /",
  ])
    it(`${line} → no plan`, async () => {
      const { conv, last } = await dialogue(LIVE, [line]);
      expect(conv.pending).toEqual([]);
      expect("reply" in last).toBe(true);
    });

  it("rm -rf / is still answered as a shell command", async () => {
    const { last } = await dialogue(LIVE, ["rm -rf /"]);
    expect(refused(last)).toBe(true);
  });

  for (const line of ["mkfs.ext4 /dev/nvme0n1. actually don't", "mkfs.ext4 /dev/nvme0n1 jk don't"])
    it(`${line} → nothing erased`, async () => {
      const { conv } = await dialogue(LIVE, [line]);
      expect(conv.pending.filter((c) => c.tool === "partitionDisk")).toEqual([]);
    });

  it("rm -rf git jk don't → git stays", async () => {
    const { conv } = await dialogue(INST, ["rm -rf git jk don't"]);
    expect(conv.pending.filter((c) => c.tool === "removeRecipe")).toEqual([]);
  });

  it("a formatted disk taken back in the next turn is dropped", async () => {
    const { conv } = await dialogue(LIVE, ["mkfs.btrfs /dev/nvme0n1", "actually don't. ctrl-z."]);
    expect(conv.pending).toEqual([]);
  });
});
