import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Names spelled letter by letter (agent/rules/spelledNames.ts): dashes always join, spaces, commas
 * and letter names ("ess dee ay") join only into a name the machine knows, after a word that asks
 * for a name, or when the name follows the spelling. "a" and "i" stay words.
 */
const LIVE = fixtureFacts("findings15-voices");
const INST = fixtureFacts("findings15-voices-inst");

function calls(d: Decision): { tool: string; args: Record<string, unknown> }[] {
  return "calls" in d ? (d.calls as { tool: string; args: Record<string, unknown> }[]) : [];
}

describe("a spelled name is the name", () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ["install on n-v-m-e, btrfs", "partitionDisk", { disk: "/dev/nvme0n1", filesystem: "btrfs" }],
    ["put levitate on en vee em ee", "partitionDisk", { disk: "/dev/nvme0n1" }],
    ["use n v m e, the whole thing", "partitionDisk", { disk: "/dev/nvme0n1" }],
    ["add h-e-l-i-x", "installRecipe", { name: "helix" }],
    ["add b t o p please", "installRecipe", { name: "btop" }],
    ["install z, o, x, i, d, e", "installRecipe", { name: "zoxide" }],
    ["new user, name is t-o-m-a-s", "createUser", { username: "tomas" }],
    ["create user j, a, n. jan", "createUser", { username: "jan" }],
    ["make an account called em eye ar ay", "createUser", { username: "mira" }],
    ["hostname b-o-x-1", "setHostname", { hostname: "box1" }],
    ["call the computer d e n", "setHostname", { hostname: "den" }],
  ];
  for (const [line, tool, args] of cases)
    it(`${line} → ${tool} ${JSON.stringify(args)}`, async () => {
      const { last } = await dialogue(LIVE, [line]);
      const c = calls(last);
      expect(c).toHaveLength(1);
      expect(c[0]!.tool).toBe(tool);
      expect(c[0]!.args).toMatchObject(args);
    });

  it("a spelled name with sudo gives sudo to that name and makes no user per letter", async () => {
    const { last } = await dialogue(LIVE, ["username r-u-t-h, admin yes"]);
    expect(calls(last).map((c) => c.args)).toEqual([
      expect.objectContaining({ username: "ruth", sudo: true }),
    ]);
  });

  it("the name said after its spelling is one user, not four", async () => {
    const { last } = await dialogue(LIVE, ["user name is kay eye em. kim."]);
    expect(calls(last).map((c) => c.args.username)).toEqual(["kim"]);
  });

  it("a spelled removal in installed mode removes that program only", async () => {
    const { last } = await dialogue(INST, ["remove t-m-u-x"]);
    expect(calls(last)).toEqual([{ tool: "removeRecipe", args: { name: "tmux" } }]);
  });

  it("a spelled disk the user keeps is kept", async () => {
    const { conv, last } = await dialogue(LIVE, ["don't touch s d a, use the nvme"]);
    expect(calls(last).map((c) => c.args.disk)).toEqual(["/dev/nvme0n1"]);
    expect(conv.protections.some((p) => p.kind === "disk" && p.disk === "/dev/sda")).toBe(true);
  });
});

describe("single letters that are words stay words", () => {
  for (const line of [
    "i a m not sure yet",
    "u r a star",
    "plan a b c is fine",
    "e-mail me the plan",
    "the date is 2026-12-05",
    "oh you why not",
    "x-y",
    "see you at the office",
  ])
    it(`${line} → read as said`, () => {
      expect(new Conversation(LIVE).view(line).user).toBe(line);
    });

  it("hostname ana-workstation keeps its dash", async () => {
    const { last } = await dialogue(LIVE, ["hostname ana-workstation"]);
    expect(calls(last)).toEqual([{ tool: "setHostname", args: { hostname: "ana-workstation" } }]);
  });
});
