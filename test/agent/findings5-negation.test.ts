import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { screenRefusedCalls } from "../../agent/rules/negatedCalls.js";
import { restatePolarity } from "../../agent/rules/negation.js";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Class A of the fifth user findings (DANGEROUS 1-5, one root cause): a clause whose action is
 * negated, refused, counterfactual or judged bad ("i wouldnt wipe sda", "erasing sda would be bad",
 * "wipe sda? no way", "i would hate to lose zsh", "giving lena sudo would be bad") never becomes
 * that action; it is the protection. Machines (the tester's facts): findings5n-a (Samsung SATA sda
 * with ext4 "backup", WD nvme0n1 with "games"), -b (Windows 11 and free space), -c (Windows, no
 * free space), -e (BitLocker), -f (Windows 7, MBR, BIOS), -d (installed system).
 */
const A = fixtureFacts("findings5n-a");
const B = fixtureFacts("findings5n-b");
const C = fixtureFacts("findings5n-c");
const D = fixtureFacts("findings5n-d");
const E = fixtureFacts("findings5n-e");
const F = fixtureFacts("findings5n-f");

const wholeErases = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : []));
const removals = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));
const sudoers = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "createUser" && c.args.sudo ? [c.args.username] : []));
const users = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "createUser" ? [c.args.username] : []));
const kept = (conv: Conversation) =>
  conv.protections.map((p) =>
    p.kind === "disk" || p.kind === "partitions" ? p.disk : p.kind === "recipe" ? p.name : p.username,
  );

type Facts = typeof A;

/** The disk is kept and never erased, whatever the turns. */
function keepsDisk(facts: Facts, sentences: string[], disk: string) {
  for (const s of sentences)
    it(`"${s}" keeps ${disk}`, async () => {
      const { conv } = await dialogue(facts, [s]);
      expect(wholeErases(conv.pending)).not.toContain(disk);
      expect(kept(conv)).toContain(disk);
    });
}

function keepsRecipe(sentences: [string, string][]) {
  for (const [s, name] of sentences)
    it(`"${s}" keeps ${name}`, async () => {
      const { conv, last } = await dialogue(D, [s]);
      expect(removals(conv.pending)).not.toContain(name);
      expect(kept(conv)).toContain(name);
      expect("reply" in last && last.reply).toMatch(new RegExp(`kept: ${name}, not removed`));
    });
}

function noSudo(facts: Facts, sentences: [string, string][]) {
  for (const [s, name] of sentences)
    it(`"${s}" creates ${name} without sudo`, async () => {
      const { conv } = await dialogue(facts, [s]);
      expect(users(conv.pending)).toContain(name);
      expect(sudoers(conv.pending)).toEqual([]);
      expect(users(conv.pending)).not.toContain("way");
      expect(kept(conv)).toContain(name);
    });
}

describe("the tester's sentences (DANGEROUS 1-5)", () => {
  keepsDisk(
    A,
    [
      "i wouldnt wipe the samsung",
      "i wouldnt erase sda",
      "i wouldnt format sda",
      "wouldnt want sda wiped",
      "erasing sda would be bad",
      "i would hate to erase sda",
      "id hate for sda to get wiped",
      "wipe sda? no way",
      "couldnt erase sda",
      "i wouldnt want to erase sda",
      "erasing sda is a no go",
      "wiping sda = bad idea",
      "wipe sda and im dead",
      "erase sda lol no",
      "wipe sda? absolutely not",
    ],
    "/dev/sda",
  );
  keepsDisk(B, ["i wouldnt wipe windows", "erase windows? no way"], "/dev/nvme0n1");
  keepsDisk(C, ["i wouldnt erase windows"], "/dev/nvme0n1");
  keepsDisk(E, ["i wouldnt erase windows"], "/dev/nvme0n1");
  keepsDisk(F, ["i wouldnt erase windows"], "/dev/sda");
  noSudo(A, [
    ["create user lena. i wouldnt give lena sudo", "lena"],
    ["create user lena. giving lena sudo would be bad", "lena"],
    ["create user lena, i would hate for her to have sudo", "lena"],
    ["create user lena with sudo? no way", "lena"],
  ]);
  noSudo(D, [
    ["create user pia. i wouldnt give pia sudo", "pia"],
    ["create user pia, giving her sudo would be bad", "pia"],
    ["add user pia, sudo? no way", "pia"],
  ]);
  keepsRecipe([
    ["i wouldnt remove curl", "curl"],
    ["wouldnt want to lose zsh", "zsh"],
    ["i would hate to lose zsh", "zsh"],
    ["couldnt remove git", "git"],
    ["remove git lol no", "git"],
    ["uninstall git and im dead", "git"],
    ["i wouldnt want to remove git", "git"],
    ["remove git? absolutely not", "git"],
  ]);

  it("the Windows session of DANGEROUS 2 never erases the Windows disk", async () => {
    const { conv } = await dialogue(B, [
      "i wouldnt wipe windows",
      "create user lena. i wouldnt give lena sudo",
      "create user max with sudo",
    ]);
    expect(wholeErases(conv.pending)).toEqual([]);
    expect(sudoers(conv.pending)).toEqual(["max"]);
    expect(users(conv.pending)).toEqual(["lena", "max"]);
  });
});

describe("more ways of refusing a disk erase (typos, caps, dictation, word orders)", () => {
  keepsDisk(
    A,
    [
      "I WOULDNT WIPE SDA",
      "WIPE SDA? NO WAY",
      "ERASING THE SAMSUNG WOULD BE BAD",
      "i wouldnt evr wipe the samsung",
      "honestly i wouldnt format the samsung",
      "formatting the samsung would be a disaster",
      "the samsung getting wiped would be terrible",
      "if you wiped sda that would be bad",
      "wipe the samsung and im so dead",
      "wipe the samsung and ill be fired",
      "erase sda? hell no",
      "erase sda? nope",
      "nuke sda? not a chance",
      "no way you wipe the samsung",
      "i would really hate to wipe the samsung",
      "i d hate for the samsung to be erased",
      "wiping sda is a really bad idea",
      "erase sda haha no",
      "erasng sda would be bad",
      "ok so um i wouldnt wipe the samsung it has my backups",
      "wont be erasing sda",
      "i wouldnt touch the samsung",
      "i wouldnt install on the samsung",
      "i would hate to lose the samsung",
    ],
    "/dev/sda",
  );
  keepsDisk(
    B,
    [
      "i would hate to lose windows",
      "id hate to lose windows",
      "wiping windows would be bad",
      "WIPE WINDOWS LOL NO",
    ],
    "/dev/nvme0n1",
  );
  keepsDisk(C, ["i wouldnt touch windows"], "/dev/nvme0n1");

  it('"wipe the samsung? no way, use the wd" keeps the samsung and goes on to the wd', async () => {
    const { conv, last } = await dialogue(A, ["wipe the samsung? no way, use the wd"]);
    expect(kept(conv)).toContain("/dev/sda");
    expect(wholeErases(conv.pending)).not.toContain("/dev/sda");
    expect(JSON.stringify(last)).toContain("/dev/nvme0n1");
  });
});

describe("more ways of refusing a removal or a privilege", () => {
  keepsRecipe([
    ["I WOULDNT REMOVE CURL", "curl"],
    ["REMOVE GIT LOL NO", "git"],
    ["removing git would be bad", "git"],
    ["uninstalling zsh = bad idea", "zsh"],
    ["uninstall zsh? no way", "zsh"],
    ["i would hate to uninstall curl", "curl"],
    ["curl getting removed would be a mistake", "curl"],
    ["remove zsh and im toast", "zsh"],
    ["i wouldnt uninstal git", "git"],
    ["remove git? nah", "git"],
    ["wont remove curl", "curl"],
  ]);
  noSudo(D, [
    ["CREATE USER PIA. I WOULDNT GIVE PIA SUDO", "pia"],
    ["create user pia, giving pia admin would be a mistake", "pia"],
    ["create user pia with admin? absolutely not", "pia"],
    ["add user pia with sudo? nope", "pia"],
    ["create user pia i would hate for pia to have sudo", "pia"],
    ["create user pia giving her sudo would be bad", "pia"],
    ["create user pia, id hate for her to get sudo", "pia"],
  ]);
  noSudo(A, [
    ["create user lena (sudo? nope)", "lena"],
    ["create user lena with sudo? nah", "lena"],
  ]);

  it('"remove bat, i wouldnt remove git" removes bat and keeps git', async () => {
    const { conv } = await dialogue(D, ["remove bat, i wouldnt remove git"]);
    expect(removals(conv.pending)).toEqual(["bat"]);
    expect(kept(conv)).toContain("git");
  });
});

describe("what is asked for stays asked for", () => {
  for (const [facts, s, check] of [
    [A, "wipe sda", (p: readonly PlanCall[]) => expect(wholeErases(p)).toEqual(["/dev/sda"])],
    [
      A,
      "erase sda, I don't need what's on it",
      (p: readonly PlanCall[]) => expect(wholeErases(p)).toEqual(["/dev/sda"]),
    ],
    [D, "remove bat", (p: readonly PlanCall[]) => expect(removals(p)).toEqual(["bat"])],
    [D, "create user pia with sudo", (p: readonly PlanCall[]) => expect(sudoers(p)).toEqual(["pia"])],
    [
      D,
      "create user pia and create user max with sudo",
      (p: readonly PlanCall[]) => expect(sudoers(p)).toEqual(["max"]),
    ],
  ] as const)
    it(`"${s}"`, async () => {
      const { conv } = await dialogue(facts, [s]);
      check(conv.pending);
    });

  it("words that refuse nothing come back character for character", () => {
    for (const s of [
      "wipe sda",
      "install on the nvme, use btrfs",
      "i wouldnt mind removing bat",
      "erase sda, I don't need what's on it",
      "Create user Lena with sudo.",
      "",
    ])
      expect(restatePolarity(s)).toBe(s);
  });
});

describe("the last check before a destructive call joins the plan", () => {
  it("a decision that erases, removes or grants what the same words refuse adds nothing of it", () => {
    const conv = new Conversation(A);
    const out = conv.record("erasing sda would be bad", {
      calls: [
        {
          tool: "partitionDisk",
          args: { disk: "/dev/sda", use: "whole", filesystem: "ext4", encrypt: false, separateHome: false },
        },
      ],
    });
    expect(wholeErases(conv.pending)).toEqual([]);
    expect(out.kind === "calls" && out.refused?.length).toBe(1);
    const d = new Conversation(D);
    d.record("remove git lol no", { calls: [{ tool: "removeRecipe", args: { name: "git" } }] });
    expect(removals(d.pending)).toEqual([]);
    d.record("create user pia. i wouldnt give pia sudo", {
      calls: [{ tool: "createUser", args: { username: "pia", sudo: true, shell: "/bin/bash", groups: [] } }],
    });
    expect(sudoers(d.pending)).toEqual([]);
  });

  it("a refusal of one thing does not block another", () => {
    const conv = new Conversation(A);
    conv.record("dont wipe the samsung, wipe the wd", {
      calls: [
        {
          tool: "partitionDisk",
          args: {
            disk: "/dev/nvme0n1",
            use: "whole",
            filesystem: "ext4",
            encrypt: false,
            separateHome: false,
          },
        },
      ],
    });
    expect(wholeErases(conv.pending)).toEqual(["/dev/nvme0n1"]);
  });

  it("`levitate ask` (nothing recorded) gets the same check on the decision itself", () => {
    const all = screenRefusedCalls(
      { calls: [{ tool: "removeRecipe", args: { name: "git" } }] },
      "do not remove git",
      D,
    );
    expect(all).toEqual({ reply: expect.stringMatching(/do not remove git/) });
    const some = screenRefusedCalls(
      {
        calls: [
          { tool: "removeRecipe", args: { name: "git" } },
          { tool: "installRecipe", args: { name: "jq" } },
        ],
      },
      "add jq. do not remove git",
      D,
    );
    expect("offer" in some && some.offer?.calls).toEqual([{ tool: "installRecipe", args: { name: "jq" } }]);
    const none = { calls: [{ tool: "removeRecipe" as const, args: { name: "bat" } }] };
    expect(screenRefusedCalls(none, "remove bat", D)).toBe(none);
  });
});
