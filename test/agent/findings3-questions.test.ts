import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { readQuestions } from "../../agent/safety/questionGate.js";
import { decideTurn } from "../../agent/turn.js";
import type { Backend, PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class A of the third user findings (/work/lead/user-findings3.md DANGEROUS 3 and 4): a question
 * about what the plan or the machine does is answered and changes nothing, for every backend.
 * Machines: findings3-a (Samsung sda with data, empty WD nvme0n1, live sdb), findings3-d (installed:
 * ripgrep fd bat helix jq; users vince, lena without sudo).
 */
const TWO_DISKS = fixtureFacts("findings3-a");
const INSTALLED = fixtureFacts("findings3-d");

const erases = (plan: PlanCall[]) => plan.flatMap((c) => (c.tool === "partitionDisk" ? [c.args.disk] : []));
const removals = (plan: PlanCall[]) => plan.filter((c) => c.tool === "removeRecipe");

describe("a question about a recipe never removes it (installed system)", () => {
  for (const line of [
    // the tester's
    "does ripgrep get removed",
    "helix gets removed?",
    "jq gets uninstalled?",
    "does fd get removed or not",
    "i want to keep ripgrep, does it get removed if i add fd?",
    // the same class
    "dose bat get removed",
    "so jq gets deleted?",
    "is helix being uninstalled",
    "wait, does fd get removed",
    "ripgrep gets removed or not",
    "hey quick question: does bat get deleted?",
    "does helix stay installed",
    "will jq be removed",
  ]) {
    it(`"${line}" removes nothing`, async () => {
      const { conv, last } = await dialogue(INSTALLED, [line]);
      expect(removals(conv.pending)).toEqual([]);
      expect(last).toHaveProperty("reply");
    });
  }

  it('"add eza. does that remove bat?" installs eza and removes nothing', async () => {
    const { conv } = await dialogue(INSTALLED, ["add eza. does that remove bat?"]);
    expect(conv.pending).toEqual([{ tool: "installRecipe", args: { name: "eza" } }]);
  });
  it('"install dust. is jq removed?" installs dust only', async () => {
    const { conv } = await dialogue(INSTALLED, ["install dust. is jq removed?"]);
    expect(conv.pending).toEqual([{ tool: "installRecipe", args: { name: "dust" } }]);
  });
});

describe("a question about a disk never moves the install onto it", () => {
  for (const line of [
    // the tester's
    "does sda get erased",
    "sda gets erased?",
    "does sda get formatted",
    "ok but does the samsung get wiped yes or no",
    // the same class
    "is sda getting wiped",
    "does the samsung get erased or not",
    "so the samsung gets formatted?",
    "hmm does sda get nuked",
    "will the samsung be wiped",
    "sda is safe?",
    "is that the samsung?",
  ]) {
    it(`after "use the nvme", "${line}" keeps the install on the nvme`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, ["use the nvme, user al with sudo", line]);
      expect(erases(conv.pending)).toEqual(["/dev/nvme0n1"]);
      expect(last).toHaveProperty("reply");
    });
  }
  it("answers the erase question from the plan", async () => {
    const { last } = await dialogue(TWO_DISKS, ["use the nvme", "does sda get erased"]);
    expect("reply" in last && last.reply).toMatch(/No: nothing in the plan touches \/dev\/sda/);
  });
  for (const line of [
    "use the nvme, user al sudo. does sda get erased?",
    "install on the nvme. sda gets formatted?",
    "nvme please. is the samsung getting wiped?",
  ]) {
    it(`"${line}" (one turn) installs on the nvme`, async () => {
      const { conv } = await dialogue(TWO_DISKS, [line]);
      expect(erases(conv.pending)).toEqual(["/dev/nvme0n1"]);
    });
  }
});

describe("a question about a user's rights never gives them", () => {
  for (const line of [
    "does lena have admin rights",
    "does lena get sudo",
    "is lena an admin?",
    "lena gets sudo or not",
  ]) {
    it(`"${line}" leaves lena without sudo`, async () => {
      const { conv } = await dialogue(TWO_DISKS, ["nvme. users: max with sudo, lena", line]);
      expect(conv.pending).toContainEqual(
        expect.objectContaining({
          tool: "createUser",
          args: expect.objectContaining({ username: "lena", sudo: false }),
        }),
      );
    });
  }
});

describe("a request addressed to the installer is still a request", () => {
  for (const [line, tool] of [
    ["can you install fd?", "installRecipe"],
    ["could you add eza please", "installRecipe"],
    ["can i have dust?", "installRecipe"],
    ["would you remove jq?", "removeRecipe"],
    ["can u uninstall bat", "removeRecipe"],
  ] as const) {
    it(`"${line}" plans ${tool}`, async () => {
      const { conv } = await dialogue(INSTALLED, [line]);
      expect(conv.pending.map((c) => c.tool)).toContain(tool);
    });
  }
  it("the reading itself: questions apart from requests", () => {
    expect(readQuestions("could you add lena with sudo").questions).toEqual([]);
    expect(readQuestions("would you put it on the nvme?").questions).toEqual([]);
    expect(readQuestions("add eza. does that remove bat?")).toEqual({
      questions: ["does that remove bat?"],
      requests: "add eza.",
    });
  });
});

describe("no backend acts on a question", () => {
  // a backend that reads every turn as the erase of sda and the removal of bat (what a model
  // might propose); the gate is in decideTurn, so it holds for the llm backend too
  const eager: Backend = {
    name: "eager",
    decide: async () => ({
      calls: [
        { tool: "partitionDisk", args: { disk: "/dev/sda", use: "whole", filesystem: "ext4" } },
        { tool: "createUser", args: { username: "lena", sudo: true } },
      ],
    }),
  } as unknown as Backend;
  for (const line of [
    "does sda get erased",
    "sda gets wiped?",
    "does lena get sudo or not",
    "is that the samsung?",
  ]) {
    it(`"${line}" to an eager backend changes nothing`, async () => {
      const conv = new Conversation(TWO_DISKS);
      const d = await decideTurn(eager, conv.view(line), TWO_DISKS);
      expect(d).toHaveProperty("reply");
      conv.record(line, d);
      expect(conv.pending).toEqual([]);
    });
  }
});
