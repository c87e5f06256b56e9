import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { decideTurn } from "../../agent/turn.js";
import type { Backend, PlanCall } from "../../agent/types.js";
import type { Facts } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { fixtureFacts } from "./helpers/dialogue.js";

/**
 * Evidence gates (issue 14, convD4 part 1): a destructive call stands only on words that choose
 * it, whichever backend proposed it. Each backend below proposes the destructive call whatever
 * the words say (a model's slip); the gate in agent/turn.ts (agent/safety/evidence.ts) must turn
 * it into a question, a refusal or (for sudo) the account without the privilege. Sentences are
 * our own, in no data set: typos, questions, hedges, conditions, package-manager and voice words.
 */

/** A backend that proposes `calls` whatever the user said. */
const proposing = (calls: PlanCall[]): Backend => ({
  name: "proposing",
  async decide(): Promise<Decision> {
    return { calls };
  },
});

async function turn(facts: Facts, lines: string[], backend: Backend) {
  const conv = new Conversation(facts);
  let last: Decision = { reply: "" };
  for (const line of lines) {
    last = await decideTurn(backend, conv.view(line), facts);
    conv.record(line, last);
  }
  return { conv, last };
}

const callsOf = (d: Decision): PlanCall[] => ("calls" in d ? (d.calls as PlanCall[]) : []);
const offerOf = (d: Decision): PlanCall[] => ("reply" in d && d.offer ? (d.offer.calls as PlanCall[]) : []);

const INSTALLED: Facts = {
  ...fixtureFacts("installed"),
  installed: ["git", "htop", "tmux", "vim", "ripgrep", "bat", "neovim"],
  users: ["root", "vince"],
};
const removes = (name: string) => proposing([{ tool: "removeRecipe", args: { name } }]);
const removed = (d: Decision) => callsOf(d).filter((c) => c.tool === "removeRecipe");

describe("a removal needs a removal verb aimed at that program", () => {
  for (const [line, name] of [
    ["i dont use tmux anymore", "tmux"],
    ["is htop still needed?", "htop"],
    ["should i remove vim?", "vim"],
    ["if bat is installed remove it", "bat"],
    ["maybe get rid of htop", "htop"],
    ["i guess tmux could go?", "tmux"],
    ["unistall htpo", "htop"],
    ["uninstal ripgrpe", "ripgrep"],
    ["remove tmux, no actually remove htop instead", "tmux"],
    ["tmux is not something i use much", "tmux"],
    ["i never really got into vim", "vim"],
    ["what does purge tmux do", "tmux"],
    ["s d a is my disk, add fd", "git"],
    ["nuke the cache", "tmux"],
    ["remove the editor", "neovim"],
  ] as const) {
    it(`"${line}": no removal of ${name}, it is asked or refused`, async () => {
      const { conv, last } = await turn(INSTALLED, [line], removes(name));
      expect(removed(last)).toEqual([]);
      expect(conv.pending.filter((c) => c.tool === "removeRecipe")).toEqual([]);
    });
  }
  for (const [line, name] of [
    ["besides git remove the rest", "git"],
    ["DONT REMOVE GIT", "git"],
    ["uninstall everything except vim", "vim"],
    ["remove htop but not git", "git"],
    ["keep neovim, purge the rest", "neovim"],
  ] as const) {
    it(`"${line}": ${name} is kept, and never offered for removal`, async () => {
      const { last } = await turn(INSTALLED, [line], removes(name));
      expect(removed(last)).toEqual([]);
      expect(offerOf(last).filter((c) => c.tool === "removeRecipe")).toEqual([]);
    });
  }
  for (const [line, name] of [
    ["remove tmux", "tmux"],
    ["purge tmux", "tmux"],
    ["nuke htop pls", "htop"],
    ["uninstal vim", "vim"],
    ["get rid of bat", "bat"],
    ["REMOVE HTOP", "htop"],
    ["remove git, tmux and htop", "htop"],
    ["i dont use tmux anymore, remove it", "tmux"],
    ["remove tmux, no actually remove htop instead", "htop"],
    ["uninstall everything except vim", "git"],
  ] as const) {
    it(`"${line}": removes ${name}`, async () => {
      const { last } = await turn(INSTALLED, [line], removes(name));
      expect(removed(last).map((c) => c.tool === "removeRecipe" && c.args.name)).toEqual([name]);
    });
  }
  it("a fact, then a removal verb with a pronoun in the next turn, removes it", async () => {
    const { conv } = await turn(
      INSTALLED,
      ["i dont use tmux anymore", "yeah get rid of it"],
      removes("tmux"),
    );
    expect(conv.pending).toMatchObject([{ tool: "removeRecipe", args: { name: "tmux" } }]);
  });
  it("a pronoun is the program said just before it, not the one a backend picked", async () => {
    const { last } = await turn(INSTALLED, ["oh right i have neovim. remove that then"], removes("git"));
    expect(removed(last)).toEqual([]);
  });
  it("the offer of an unsaid removal is taken by a yes", async () => {
    const { conv, last } = await turn(INSTALLED, ["i dont use tmux anymore"], removes("tmux"));
    expect(offerOf(last)).toMatchObject([{ tool: "removeRecipe", args: { name: "tmux" } }]);
    const yes = await decideTurn(removes("tmux"), conv.view("yes"), INSTALLED);
    expect(callsOf(yes)).toMatchObject([{ tool: "removeRecipe", args: { name: "tmux" } }]);
  });
});

const LIVE = fixtureFacts("live-samsung-wd");
const users = (...u: [string, boolean][]) =>
  proposing(u.map(([username, sudo]) => ({ tool: "createUser", args: { username, sudo } }) as PlanCall));
const sudoOf = (d: Decision) =>
  Object.fromEntries(
    callsOf(d).flatMap((c) => (c.tool === "createUser" ? [[c.args.username, c.args.sudo ?? false]] : [])),
  );

describe("sudo needs a sudo, admin or wheel word aimed at that user", () => {
  for (const [line, who] of [
    ["--user ops:sudo --user deploy", ["ops", "deploy"]],
    ["user ops with sudo, user deploy", ["ops", "deploy"]],
    ["create ivan as admin and olga as a normal user", ["ivan", "olga"]],
    ["add ana and ben, ana is the admin", ["ana", "ben"]],
    ["make users kim and lee, kim gets wheel", ["kim", "lee"]],
    ["user rob with sudi and user pat", ["rob", "pat"]],
    ["ADMIN ACCOUNT FOR MAX, PLUS A USER LUKE", ["max", "luke"]],
  ] as const) {
    it(`"${line}": ${who[0]} has sudo, ${who[1]} does not`, async () => {
      const { conv, last } = await turn(LIVE, [line], users([who[0], true], [who[1], true]));
      // the account asked for plainly is made (or offered, when another gate asks), never the sudo
      const said = { ...sudoOf({ calls: offerOf(last) }), ...sudoOf(last) };
      expect(said[who[0]]).toBe(true);
      expect(said[who[1]]).not.toBe(true);
      expect(sudoOf({ calls: conv.pending })[who[1]]).not.toBe(true);
    });
  }
  for (const [line, name] of [
    ["add user lena", "lena"],
    ["user lena, no sudo", "lena"],
    ["should lena be an admin?", "lena"],
    ["if lena needs admin i'll tell you, add her for now", "lena"],
    ["make an account for lena, she is not an administrator", "lena"],
    ["lena non admin", "lena"],
    ["a normal user called lena", "lena"],
    ["user lena. do i need sudo for docker?", "lena"],
  ] as const) {
    it(`"${line}": ${name} without sudo`, async () => {
      const { conv, last } = await turn(LIVE, [line], users([name, true]));
      expect(sudoOf(last)[name]).not.toBe(true);
      expect(sudoOf({ calls: conv.pending })[name]).not.toBe(true);
    });
  }
  for (const [line, name] of [
    ["user lena with sudo", "lena"],
    ["make lena an admin", "lena"],
    ["lena:sudo", "lena"],
    ["add lena to wheel", "lena"],
    ["users vince and ana both with sudo", "ana"],
    ["im the only admin, username papa", "papa"],
    ["my username is jay and i want sudo", "jay"],
  ] as const) {
    it(`"${line}": ${name} with sudo`, async () => {
      const { last } = await turn(LIVE, [line], users([name, true]));
      expect(sudoOf(last)[name]).toBe(true);
    });
  }
  it("a backend that drops one user still cannot move the sudo onto the other", async () => {
    for (const line of ["--user ops:sudo --user deploy", "user ops with sudo, user deploy"]) {
      const { last } = await turn(LIVE, [line], users(["deploy", true]));
      expect(sudoOf(last).deploy).not.toBe(true);
    }
  });
  it("a pronoun in the next turn gives the user said before it sudo", async () => {
    const backend: Backend = {
      name: "b",
      async decide(conv): Promise<Decision> {
        return {
          calls: [
            { tool: "createUser", args: { username: "vince", sudo: /sudo/.test(conv.user) } } as PlanCall,
          ],
        } as Decision;
      },
    };
    const { conv } = await turn(LIVE, ["create user vince", "give him sudo too"], backend);
    expect(conv.pending).toMatchObject([{ tool: "createUser", args: { username: "vince", sudo: true } }]);
  });
});

// sda: Samsung holding an ext4 "data" partition; nvme0n1: an empty WD
const DATA = fixtureFacts("findings3-a");
const erase = (disk: string) => proposing([{ tool: "partitionDisk", args: { disk } } as PlanCall]);
const erased = (d: Decision) =>
  callsOf(d)
    .filter((c) => c.tool === "partitionDisk" && c.args.use !== "free")
    .map((c) => c.tool === "partitionDisk" && c.args.disk);

describe("an erase of a disk that holds something needs words said plainly that choose it", () => {
  for (const line of [
    "if sda is empty wipe it",
    "wipe sda if nothing important is on it",
    "maybe erase the samsung",
    "i guess wipe sda?",
    "probably format the samsung, not sure",
    "erase sda unless it has my photos",
    "should i wipe the samsung?",
    "what if i format sda",
    "dont wipe the samsung",
    "NOT THE SAMSUNG",
    "s d a has my photos, install on the other one",
    "where my photos are, is that sda?",
    "nuke sda1? no wait",
    "keep sda1, wipe the rest",
    "the samsung i guess, wipe it",
    "assuming sda is the old one, format it",
  ]) {
    it(`"${line}": /dev/sda is not erased`, async () => {
      const { conv, last } = await turn(DATA, [line], erase("/dev/sda"));
      expect(erased(last)).toEqual([]);
      expect(conv.pending.filter((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toEqual(
        [],
      );
    });
  }
  for (const line of ["format the samsung, from scratch", "wipe sda, nothing on it i need"]) {
    it(`"${line}": /dev/sda is erased`, async () => {
      const { last } = await turn(DATA, [line], erase("/dev/sda"));
      expect(erased(last)).toEqual(["/dev/sda"]);
    });
  }
  // round 28 (fixE28, unseenLoss.ts): asked for with no word of what it holds, a blank disk beside:
  // the question names the data and offers the erase
  for (const line of ["wipe sda and install there", "nuke sda", "ERASE /DEV/SDA"]) {
    it(`"${line}": /dev/sda is offered, not planned`, async () => {
      const { last } = await turn(DATA, [line], erase("/dev/sda"));
      expect(erased(last)).toEqual([]);
      expect("reply" in last && last.offer?.calls.map((c) => c.args)).toMatchObject([{ disk: "/dev/sda" }]);
    });
  }
  it("the empty disk needs no such words", async () => {
    const { last } = await turn(DATA, ["the wd i guess"], erase("/dev/nvme0n1"));
    expect(erased(last)).toEqual(["/dev/nvme0n1"]);
  });
});

// sda: Samsung SATA SSD, nvme0n1: WD NVMe, sdb: the live USB stick
const SW = fixtureFacts("live-samsung-wd");

describe("a pointer at the disk just kept is never moved to another disk", () => {
  /** Replies to the first turn, then proposes the erase of the WD whatever is said. */
  const second: Backend = {
    name: "second",
    async decide(conv): Promise<Decision> {
      return conv.turns.length
        ? { calls: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } } as PlanCall] }
        : { reply: "Noted." };
    },
  };
  for (const [kept, line] of [
    ["I need the samsung intact, dont wipe it", "ok use that one"],
    ["keep sda please", "put it there"],
    ["the samsung has my photos, leave it alone", "fine, that one then"],
    ["NOT THE SAMSUNG", "use that disk"],
    ["dont touch /dev/sda", "install on it"],
    ["protect the samsung", "ok this one"],
  ] as const) {
    it(`"${kept}" then "${line}": nothing is erased, the pointer is asked about`, async () => {
      const { conv, last } = await turn(SW, [kept, line], second);
      expect(erased(last)).toEqual([]);
      expect("reply" in last && last.reply).toMatch(/\/dev\/sda|keep/);
      expect(conv.pending).toEqual([]);
    });
  }
  it("a disk named outright is not a pointer", async () => {
    const { last } = await turn(SW, ["keep the samsung", "use the wd"], second);
    expect(erased(last)).toEqual(["/dev/nvme0n1"]);
  });
});

describe("a change said of 'it' with nothing planned chooses no disk", () => {
  for (const line of [
    "make it bigger",
    "make it 50gb",
    "it should be larger",
    "MAKE IT BIGGER PLS",
    "resize it to the max",
    "can you make it encrypted",
  ]) {
    it(`"${line}": no erase, a question about the disk`, async () => {
      const { conv, last } = await turn(SW, [line], erase("/dev/nvme0n1"));
      expect(erased(last)).toEqual([]);
      expect(conv.pending).toEqual([]);
    });
  }
  it("with an install planned, 'make it bigger' is about that install", async () => {
    const { last } = await turn(SW, ["use the wd", "make it btrfs"], erase("/dev/nvme0n1"));
    expect("reply" in last && /Nothing is planned/.test(last.reply)).toBe(false);
  });
});

describe("a part of the layout said of another disk changes nothing", () => {
  /** Plans the WD on the first turn, then proposes a change of the WD install whatever is said. */
  const layout: Backend = {
    name: "layout",
    async decide(conv): Promise<Decision> {
      return {
        calls: [
          {
            tool: "partitionDisk",
            args: conv.turns.length ? { disk: "/dev/nvme0n1", swapSize: "8G" } : { disk: "/dev/nvme0n1" },
          } as PlanCall,
        ],
      };
    },
  };
  for (const line of [
    "and put the swap on the samsung",
    "home on sda please",
    "put /home on the samsung",
    "SWAP ON SDA",
    "root on /dev/sda, the rest stays",
    "can the swap go onto the samsung",
  ]) {
    it(`"use the wd" then "${line}": the plan is unchanged`, async () => {
      const { conv, last } = await turn(SW, ["use the wd", line], layout);
      expect(callsOf(last)).toEqual([]);
      expect(conv.pending).toMatchObject([{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }]);
      expect(conv.pending[0]!.tool === "partitionDisk" && conv.pending[0]!.args.swapSize).toBeFalsy();
    });
  }
  it("swap on the planned disk is a change", async () => {
    const { last } = await turn(SW, ["use the wd", "8G swap on the wd"], layout);
    expect(callsOf(last)).toMatchObject([{ tool: "partitionDisk", args: { swapSize: "8G" } }]);
  });
});
