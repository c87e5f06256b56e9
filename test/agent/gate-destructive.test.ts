import { describe, expect, it } from "vitest";
import { gateDestructive } from "../../agent/safety/destructiveGate.js";
import { eraseSaid, joinSlowWords, removalSaid } from "../../agent/safety/directRequest.js";
import { saysMockingly } from "../../agent/safety/sarcasm.js";
import type { ConversationView, PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * The last-line gate (agent/safety/destructiveGate.ts): a removal or a whole-disk erase stands
 * only on words that ask for it directly. Wordings here are our own, built by grammar (a keep, a
 * negation, a question, a condition, a modifier, mockery), not taken from any data set.
 */

const INSTALLED = fixtureFacts("findings11-t10r-inst");
const EMPTY = fixtureFacts("findings11d-three-empty");

/** A live machine: one disk with Windows and Fedora side by side, one empty WD, the stick. */
const DUAL: Facts = FactsSchema.parse({
  ...EMPTY,
  disks: [
    {
      path: "/dev/nvme0n1",
      sizeBytes: 1000204886016,
      model: "KIOXIA EXCERIA 1TB",
      transport: "nvme",
      table: "gpt",
      freeBytes: 0,
      partitions: [
        {
          path: "/dev/nvme0n1p1",
          sizeBytes: 536870912,
          fstype: "vfat",
          esp: true,
          os: "Windows Boot Manager",
        },
        { path: "/dev/nvme0n1p2", sizeBytes: 500000000000, fstype: "ntfs", label: "OS" },
        { path: "/dev/nvme0n1p3", sizeBytes: 400000000000, fstype: "ext4", os: "Fedora Linux 40" },
      ],
    },
    {
      path: "/dev/sda",
      sizeBytes: 2000398934016,
      model: "WD Blue SA510 2TB",
      transport: "sata",
      freeBytes: 2000398934016,
      partitions: [],
    },
    EMPTY.disks.find((d) => d.liveMedium),
  ],
});

function removed(d: Decision): string[] {
  return "calls" in d ? d.calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])) : [];
}

function erased(d: Decision): string[] {
  return "calls" in d
    ? d.calls.flatMap((c) => (c.tool === "partitionDisk" && c.args.use !== "free" ? [c.args.disk] : []))
    : [];
}

function view(user: string, extra: Partial<ConversationView> = {}): ConversationView {
  return { turns: [], pending: [], entities: [], user, ...extra };
}

const rm = (name: string): PlanCall => ({ tool: "removeRecipe", args: { name } }) as PlanCall;
const whole = (disk: string): PlanCall =>
  ({
    tool: "partitionDisk",
    args: { disk, use: "whole", filesystem: "ext4", encrypt: false, separateHome: false },
  }) as PlanCall;

describe("gate: a removal the words keep, refuse, ask about or only name as a modifier is stopped", () => {
  // whatever a reader made of the words, the gate alone must stop these
  const stopped: [string, string][] = [
    ["drop htop but curl stays", "curl"],
    ["uninstall htop, leave curl", "curl"],
    ["get rid of htop, curl remains", "curl"],
    ["entferne htop, git bleibt", "git"],
    ["tira o htop, o git fica", "git"],
    ["remove htop and please do not uninstall curl", "curl"],
    ["should i remove curl?", "curl"],
    ["if curl is broken remove it", "curl"],
    ["remove the curl wrapper thing", "curl"],
    ["löschen sie git nicht", "git"],
    ["nuke jq, what could possibly go wrong", "jq"],
    ["sure, delete git, brilliant idea", "git"],
    ["uninstall zsh 🙄", "zsh"],
    ["yeah delete curl, that would be hilarious", "curl"],
  ];
  for (const [line, name] of stopped)
    it(`${line} → ${name} not removed`, () => {
      const d = gateDestructive({ calls: [rm(name)] }, view(line), INSTALLED);
      expect(removed(d)).not.toContain(name);
      expect("reply" in d && d.reply).toMatch(new RegExp(`remove ${name}`, "i"));
    });

  it("the rest of the decision is offered, the stopped removal is not", () => {
    const d = gateDestructive(
      { calls: [rm("htop"), rm("curl")] },
      view("drop htop but curl stays"),
      INSTALLED,
    );
    expect("reply" in d && d.offer?.calls).toEqual([rm("htop")]);
  });

  it("a removal already planned, only named again, adds nothing", () => {
    const d = gateDestructive(
      { calls: [rm("tmux")] },
      view("no. only tmux.", { pending: [rm("tmux")] }),
      INSTALLED,
    );
    expect(removed(d)).toEqual([]);
  });
});

describe("gate: a direct request still removes", () => {
  const acting: [string, string][] = [
    ["remove curl", "curl"],
    ["uninstall htop and curl", "curl"],
    ["i want curl gone, keep git", "curl"],
    ["curl can go", "curl"],
    ["get rid of curl please", "curl"],
    ["don't keep curl", "curl"],
    ["i don't need jq anymore, remove it", "jq"],
    ["keep git, remove the rest", "htop"],
    ["entferne curl", "curl"],
    ["supprime curl", "curl"],
    ["remove git, not curl", "git"],
    ["curl? no, nuke it", "curl"],
    ["sure, just remove htop", "htop"],
    ["remove htop not curl", "htop"],
    ["pls uninstall that curl thing", "curl"],
  ];
  for (const [line, name] of acting)
    it(`${line} → ${name} removed`, () => {
      const d = gateDestructive({ calls: [rm(name)] }, view(line), INSTALLED);
      expect(removed(d)).toEqual([name]);
    });

  it("yes to my offer of the removal takes it", () => {
    const d = gateDestructive(
      { calls: [rm("git")] },
      view("yes", { offer: { calls: [rm("git")] } }),
      INSTALLED,
    );
    expect(removed(d)).toEqual(["git"]);
  });

  it("a mocking yes to my offer takes nothing", () => {
    const d = gateDestructive(
      { calls: [rm("git")] },
      view("yes, great idea 🙄", { offer: { calls: [rm("git")] } }),
      INSTALLED,
    );
    expect(removed(d)).toEqual([]);
  });
});

describe("gate: whole-disk erases", () => {
  const stopped: [string, string, Facts][] = [
    ["keep. the. wd.", "/dev/sda", DUAL],
    ["the WD stays", "/dev/sda", DUAL],
    ["hands off the wd", "/dev/sda", DUAL],
    ["don't wipe sda", "/dev/sda", DUAL],
    ["should we erase sda?", "/dev/sda", DUAL],
    ["erase the kioxia, brilliant idea", "/dev/nvme0n1", DUAL],
    ["wipe fedora and put it there", "/dev/nvme0n1", DUAL],
    ["install over windows", "/dev/nvme0n1", DUAL],
    ["use the whole kioxia", "/dev/nvme0n1", DUAL],
    ["not the samsung. leave. it.", "/dev/sda", EMPTY],
    ["if the kioxia is empty use it", "/dev/nvme0n1", DUAL],
  ];
  for (const [line, disk, facts] of stopped)
    it(`${line} → ${disk} not erased`, () => {
      const d = gateDestructive({ calls: [whole(disk)] }, view(line), facts);
      expect(erased(d)).toEqual([]);
      expect("reply" in d && d.reply).toMatch(/erase/);
      // a question, never an offer a "yes" could take
      expect("reply" in d && d.offer).toBeFalsy();
    });

  const acting: [string, string, Facts][] = [
    ["wipe sda", "/dev/sda", DUAL],
    ["the wd", "/dev/sda", DUAL],
    ["install on the wd, keep the kioxia", "/dev/sda", DUAL],
    ["erase the kioxia, windows and fedora can both go", "/dev/nvme0n1", DUAL],
    ["nuke the whole nvme, i don't need windows or fedora", "/dev/nvme0n1", DUAL],
    ["wipe nvme0n1", "/dev/nvme0n1", DUAL],
    ["formatiere sda", "/dev/sda", DUAL],
    ["put it on the 990 pro", "/dev/nvme0n1", EMPTY],
    ["sdb. go.", "/dev/sdb", EMPTY],
    ["if the wd is empty use it, otherwise ask", "/dev/sda", DUAL],
    ["install on nvme0n1 whole", "/dev/nvme0n1", DUAL],
  ];
  for (const [line, disk, facts] of acting)
    it(`${line} → ${disk} erased`, () => {
      expect(erased(gateDestructive({ calls: [whole(disk)] }, view(line), facts))).toEqual([disk]);
    });

  it("after my question named what is lost, a plain 'use the whole disk' takes it", () => {
    const turns = [
      {
        user: "the kioxia",
        decision: {
          reply: "/dev/nvme0n1 holds Windows and Fedora: installing onto the whole disk erases it for good.",
        },
      },
    ] as unknown as ConversationView["turns"];
    const d = gateDestructive(
      { calls: [whole("/dev/nvme0n1")] },
      view("use the whole kioxia", { turns }),
      DUAL,
    );
    expect(erased(d)).toEqual(["/dev/nvme0n1"]);
  });
});

describe("gate readers", () => {
  it("one-word sentences are read as one", () => {
    expect(joinSlowWords("keep. the. samsung.")).toBe("keep the samsung.");
    expect(joinSlowWords("use sda. thanks a lot.")).toBe("use sda. thanks a lot.");
  });
  it("mockery is marked, a plain sure is not", () => {
    expect(saysMockingly("oh sure, wipe it, genius plan")).toBe(true);
    expect(saysMockingly("sure, wipe it")).toBe(false);
  });
  it("a program said only as a modifier is no target", () => {
    expect(removalSaid("remove the git gui client", "git")).toBe("blocked");
    expect(removalSaid("remove git", "git")).toBe("request");
  });
  it("a disk said only in a keep is blocked, an answer that names it is named", () => {
    expect(eraseSaid("leave the wd alone", "/dev/sda", DUAL)).toBe("blocked");
    expect(eraseSaid("the wd", "/dev/sda", DUAL)).toBe("named");
  });
});

describe("gate in the whole turn (rules backend)", () => {
  it("a keep said in slow words erases nothing", async () => {
    const { last } = await dialogue(EMPTY, ["keep. the. 990. pro."]);
    expect(erased(last)).toEqual([]);
  });
  it("a mocking removal removes nothing", async () => {
    const { last } = await dialogue(INSTALLED, ["oh yeah, uninstall git, genius idea, my work lives there"]);
    expect(removed(last)).toEqual([]);
  });
  it("a plain removal still goes through", async () => {
    const { last } = await dialogue(INSTALLED, ["uninstall htop and jq"]);
    expect(removed(last).sort()).toEqual(["htop", "jq"]);
  });
});
