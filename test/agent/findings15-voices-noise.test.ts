import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Noise in a turn (agent/rules/typingNoise.ts): a mashed row of keys and its apology, a held key, a
 * pasted error line, "brb", "where was I", "ctrl-z". The request around it is read as if the noise
 * were not there, and a turn of noise alone asks for nothing.
 */
const LIVE = fixtureFacts("findings15-voices");

type Call = { tool: string; args: Record<string, unknown> };
const calls = (d: Decision): Call[] => ("calls" in d ? (d.calls as Call[]) : []);

describe("the request around the noise is read", () => {
  const cases: [string, Call[]][] = [
    [
      "add micro — sorry, my toddler got the keyboard qwertyuiop",
      [{ tool: "installRecipe", args: { name: "micro" } }],
    ],
    [
      "install delta sorry cat walked over the keys jjjjjjjhhhhhh",
      [{ tool: "installRecipe", args: { name: "delta" } }],
    ],
    ["add btoppppp", [{ tool: "installRecipe", args: { name: "btop" } }]],
    ["install on nvme0n1111 sorry sticky key", [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }]],
    [
      "use the nvme. oops, pasted the wrong line: `mkfs.ext4: Device size reported to be zero on /dev/sda`",
      [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }],
    ],
    ["brb. ok back, where were we. add jq", [{ tool: "installRecipe", args: { name: "jq" } }]],
  ];
  for (const [line, want] of cases)
    it(line, async () => {
      const { last } = await dialogue(LIVE, [line]);
      expect(calls(last).map((c) => ({ tool: c.tool, args: c.args }))).toEqual(
        want.map((w) => ({ tool: w.tool, args: expect.objectContaining(w.args) })),
      );
    });

  it("a pasted error line never names the disk meant", async () => {
    const { conv } = await dialogue(LIVE, [
      "install on the nvme. sorry, pasted the wrong thing: `mount: /mnt: can't read superblock on /dev/sda1`",
    ]);
    expect(conv.pending.map((c) => (c.args as { disk?: string }).disk)).toEqual(["/dev/nvme0n1"]);
  });

  it("noise between a request and a plain yes leaves the yes", async () => {
    const { last } = await dialogue(LIVE, ["add tmux", "brb", "ok back. yes"]);
    expect(last).toEqual({ confirm: true });
  });
});

describe("noise alone asks for nothing, and words that only look like noise stay", () => {
  for (const line of ["brb", "brb, doorbell", "sorry cat on keyboard jjjjjjjjjjkkkkk", "asdfghjkl", "afk"])
    it(`${line} → no plan`, async () => {
      const { conv, last } = await dialogue(LIVE, [line]);
      expect(conv.pending).toEqual([]);
      expect("reply" in last).toBe(true);
    });

  for (const line of [
    "sorry, german keyboard please",
    "my kid needs an account, sorry",
    "I'm back to the nvme idea",
    "the keyboard should be german, sorry the dog barked",
    "install wwwoffle",
  ])
    it(`${line} → read as said`, () => {
      expect(new Conversation(LIVE).view(line).user).toBe(line);
    });

  it("a German keyboard asked with an apology is still set", async () => {
    const { last } = await dialogue(LIVE, ["sorry, german keyboard please"]);
    expect(calls(last)[0]?.args).toMatchObject({ keymap: expect.stringMatching(/^de/) });
  });

  it("a keep after the noise still keeps", async () => {
    const { conv } = await dialogue(LIVE, ["sorry cat on keyboard ;;;;;;;; don't touch sda. nvme"]);
    expect(conv.pending.map((c) => (c.args as { disk?: string }).disk)).toEqual(["/dev/nvme0n1"]);
    expect(conv.protections.some((p) => p.kind === "disk" && p.disk === "/dev/sda")).toBe(true);
  });
});
