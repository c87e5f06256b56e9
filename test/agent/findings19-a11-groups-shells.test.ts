import { describe, expect, it } from "vitest";
import { describeOutcome } from "../../agent/session/describe.js";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 11 L1: a group that gives root (docker, lxd, libvirt) is given like sudo, on words that
 * give it ("create user bob, not in the docker group" had put bob in docker), and the chat says it is
 * sudo by another name (agent/safety/rootGroups.ts). M1: a shell the new system lacks is said when
 * the user is added, and "vince's shell is bash" changes it (tools/loginShells.ts).
 */
const DESK = fixtureFacts("findings16-desk");

const groupsOf = (pending: readonly PlanCall[], name: string) => {
  const c = pending.find((p) => p.tool === "createUser" && p.args.username === name);
  return c?.tool === "createUser" ? (c.args.groups ?? []) : undefined;
};

describe("a group that gives root is given only on words that give it", () => {
  for (const line of [
    "create user bob, not in the docker group",
    "add bob, no docker group please",
    "create user bob, maybe docker",
    "create user bob, bob shouldn't be in lxd",
  ])
    it(`"${line}": bob without it`, async () => {
      const { conv } = await dialogue(DESK, ["erase the nvme", line]);
      expect(groupsOf(conv.pending, "bob")).toBeDefined();
      expect(groupsOf(conv.pending, "bob")).not.toContain("docker");
      expect(groupsOf(conv.pending, "bob")).not.toContain("lxd");
    });

  it("asked for plainly, it is given, and the chat says it is as good as sudo", async () => {
    const { conv } = await dialogue(DESK, ["erase the nvme", "create user bob in the docker group"]);
    expect(groupsOf(conv.pending, "bob")).toEqual(["docker"]);
    const bob = conv.pending.find((p) => p.tool === "createUser")!;
    const said = describeOutcome({ kind: "calls", added: [bob], replaced: [] } as never, conv.pending, DESK);
    expect(said).toContain("groups docker (docker: as good as sudo once docker runs)");
  });

  it("a sudo refusal beside the group is not read as a refusal of the group", async () => {
    const { conv } = await dialogue(DESK, [
      "erase the nvme",
      "create user bob without sudo, in the docker group",
    ]);
    expect(groupsOf(conv.pending, "bob")).toEqual(["docker"]);
  });

  it('"same for ann" carries the planned group over', async () => {
    const { conv } = await dialogue(DESK, [
      "erase the nvme",
      "create user bob in the docker group",
      "same for ann",
    ]);
    const ann = groupsOf(conv.pending, "ann");
    if (ann !== undefined) expect(ann).toEqual(["docker"]);
  });
});

describe("a login shell the new system lacks (attacker 11 M1)", () => {
  it("is said when the user is added, and the name form changes it", async () => {
    const { conv, decisions } = await dialogue(DESK, [
      "erase the nvme",
      "create user vince with sudo and zsh as shell",
    ]);
    const vince = conv.pending.find((p) => p.tool === "createUser")!;
    expect(decisions.at(-1)).toHaveProperty("calls");
    const said = describeOutcome(
      { kind: "calls", added: [vince], replaced: [] } as never,
      conv.pending,
      DESK,
    );
    expect(said).toContain("/bin/zsh is not a login shell of the new system");
    expect(said).toContain("vince could not log in");
    const after = await dialogue(DESK, [
      "erase the nvme",
      "create user vince with sudo and zsh as shell",
      "vince's shell is bash",
    ]);
    const now = after.conv.pending.find((p) => p.tool === "createUser");
    expect(now?.tool === "createUser" && (now.args.shell ?? "/bin/bash")).toBe("/bin/bash");
    expect(now?.tool === "createUser" && now.args.sudo).toBe(true);
  });
});
