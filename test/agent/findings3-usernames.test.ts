import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class C of the third user findings (/work/lead/user-findings3.md DANGEROUS 2 and 5, WRONG 4):
 * words are not user names. Machines: findings3-a (two disks, live), findings3-b (Windows + free
 * space), findings3-d (installed; users vince, lena without sudo).
 */
const TWO_DISKS = fixtureFacts("findings3-a");
const WIN_FREE = fixtureFacts("findings3-b");
const INSTALLED = fixtureFacts("findings3-d");

const users = (plan: PlanCall[]) => plan.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));

describe("'sudo for WORD' names a purpose, never an account", () => {
  for (const line of [
    // the tester's
    "let lena run sudo for installing stuff",
    "i want lena able to sudo for printing",
    "lena should be able to sudo for backups",
    "lena wants sudo for docker",
    "give sudo to lena for the printer",
    "let vince use sudo for gaming",
    // the same class
    "lena needs sudo for updates",
    "pls give vince sudo for the wifi stuff",
    "can lena get admin for work",
    "lena wnats sudo for docker",
    "vince should have root access for maintenance",
    "give lena sudo for my printer please",
  ]) {
    it(`installed: "${line}" creates no user`, async () => {
      const { conv } = await dialogue(INSTALLED, [line]);
      expect(users(conv.pending)).toEqual([]);
    });
  }
  it("installed: 'add btop, and give lena sudo for monitoring' creates no user", async () => {
    const { conv, last } = await dialogue(INSTALLED, ["add btop, and give lena sudo for monitoring"]);
    expect(users(conv.pending)).toEqual([]);
    expect(JSON.stringify(last)).not.toMatch(/monitoring"/);
  });
  it("chat: after 'lena gets no sudo', 'let lena run sudo for installing stuff' is the refusal about lena", async () => {
    const { conv, last } = await dialogue(TWO_DISKS, [
      "nvme. user lena, lena gets no sudo",
      "let lena run sudo for installing stuff",
    ]);
    expect(users(conv.pending)).toEqual(["lena"]);
    expect("reply" in last && last.reply).toMatch(/lena should not have sudo/);
  });
  it("chat: 'lena wants sudo for docker' beside windows creates no docker user", async () => {
    const { conv } = await dialogue(WIN_FREE, [
      "next to windows. users: anna (admin) and lena (no sudo!)",
      "lena wants sudo for docker",
    ]);
    expect(users(conv.pending).sort()).toEqual(["anna", "lena"]);
  });
  it("a new user's own name after 'sudo for' is still that user", async () => {
    const { conv } = await dialogue(TWO_DISKS, ["nvme", "sudo for bob"]);
    expect(users(conv.pending)).toEqual(["bob"]);
  });
});

describe("a program, a filler word or a system account is never a user", () => {
  it("the tester's: after a sudo refusal, 'add fd' installs fd", async () => {
    const { conv } = await dialogue(TWO_DISKS, [
      "nvme. users: max with sudo, lena no sudo",
      "give lena sudo",
      "add fd",
    ]);
    expect(users(conv.pending).sort()).toEqual(["lena", "max"]);
    expect(conv.pending).toContainEqual({ tool: "installRecipe", args: { name: "fd" } });
  });
  for (const [first, line, expected] of [
    // the tester's
    ["next to windows", "add user ana with sudo and hyprland", ["ana"]],
    ["nvme", "pat needs sudo, thats the whole point", ["pat"]],
    // the same class
    ["nvme", "user nobody", []],
    ["nvme", "add user typo", []],
    ["nvme", "make an account called daemon", []],
    ["nvme", "add user mia and ripgrep", ["mia"]],
    ["nvme", "user kai with sudo, thats it", ["kai"]],
    ["nvme", "add user backup", []],
  ] as const) {
    it(`"${line}" → users ${JSON.stringify(expected)}`, async () => {
      const { conv, last } = await dialogue(WIN_FREE, [first, line]);
      expect(users(conv.pending)).toEqual(expected);
      expect(JSON.stringify(last)).not.toMatch(/could not turn that into a valid request/);
    });
  }
  it("the tester's: 'remove user thats, typo' adds no user and drops no one else", async () => {
    const { conv } = await dialogue(TWO_DISKS, [
      "nvme",
      "pat needs sudo, thats the whole point",
      "remove user thats, typo",
    ]);
    expect(users(conv.pending)).toEqual(["pat"]);
  });
  it("'forget the user thats and the user typo' adds no user", async () => {
    const { conv } = await dialogue(TWO_DISKS, [
      "nvme, user pat with sudo",
      "forget the user thats and the user typo",
    ]);
    expect(users(conv.pending)).toEqual(["pat"]);
  });
});
