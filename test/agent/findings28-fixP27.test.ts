import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Round 27, issue 14: programs, people and the hostname read by shape (dev27 and its -keep and
 * -mixed sets). The machine named by a sentence's frame, in English and the languages people write
 * to the installer; a person's device groups said without the word "group", and a group named like
 * a program; a removal said of a plural kind of program over what is installed. Each with
 * sentences of the same shape in other words, and the near misses that must not change.
 */
const LIVE = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [
    {
      path: "/dev/nvme0n1",
      sizeBytes: 500107862016,
      model: "Samsung SSD 980 500GB",
      transport: "nvme",
      removable: false,
      mounted: false,
    },
  ],
  users: ["root"],
  hostname: "build01",
  locale: "en_US.UTF-8",
  recipes: ["ripgrep", "fd", "bat", "git", "htop", "btop", "podman", "docker", "mpv", "duf", "ncdu"],
  installed: [],
});
const INSTALLED = FactsSchema.parse({
  ...LIVE,
  mode: "installed",
  users: ["root", "priya"],
  recipes: [
    "git",
    "htop",
    "btop",
    "bottom",
    "glances",
    "neovim",
    "vim",
    "emacs",
    "nano",
    "fzf",
    "zsh",
    "fish",
  ],
  installed: ["vim", "nano", "neovim", "emacs", "git", "htop", "btop", "glances", "fzf"],
});

const hostname = (d: Decision) =>
  "calls" in d ? d.calls.find((c) => c.tool === "setHostname")?.args.hostname : undefined;
const user = (d: Decision) =>
  "calls" in d
    ? (d.calls.find((c) => c.tool === "createUser")?.args as
        | { username: string; sudo?: boolean; groups?: string[] }
        | undefined)
    : undefined;
const tools = (d: Decision) => ("calls" in d ? d.calls.map((c) => c.tool) : []);
const removed = (d: Decision) =>
  "calls" in d ? d.calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])).sort() : [];

async function live(...lines: string[]): Promise<Decision> {
  return (await dialogue(LIVE, lines)).last;
}
async function installed(...lines: string[]): Promise<Decision> {
  return (await dialogue(INSTALLED, lines)).last;
}

describe("the machine named by the sentence's frame (dev27 h26-090, h26k-062 class)", () => {
  for (const [line, want] of [
    ["BREAKING: BUILD01 TO BE KNOWN AS BUILD02 FROM TODAY", "build02"],
    ["your machine shall be called attic", "attic"],
    ["the computer will be known as atlas", "atlas"],
    ["this laptop is to be named nova", "nova"],
    ["appelle la machine atelier", "atelier"],
    ["el equipo se llama casa-lucia", "casa-lucia"],
    ["o computador se chama estrela", "estrela"],
    ["der Rechner heißt hermes", "hermes"],
    ["il computer si chiama pizzeria", "pizzeria"],
    ["renomeia o PC para estrela", "estrela"],
  ] as const)
    it(JSON.stringify(line), async () => {
      expect(hostname(await live(line))).toBe(want);
    });

  // near misses: a person, not the machine, is named
  for (const line of ["my son is called tom", "my brother is known as pedro", "mi hijo se llama pablo"])
    it(`no hostname: ${line}`, async () => {
      expect(hostname(await live(line))).toBeUndefined();
    });
});

describe("a person's groups said without the word 'group' (dev27 h26k-020, h26m-018)", () => {
  for (const [line, name, groups] of [
    ["add kofi. not an admin. but put him in audio and video", "kofi", ["audio", "video"]],
    ["add kofi. not an admin. but put him in the audio and video groups", "kofi", ["audio", "video"]],
    ["make user lena and add her to video, audio and input", "lena", ["video", "audio", "input"]],
    ["create user max and put him in the video group", "max", ["video"]],
    ["also user ci, group podman, no sudo", "ci", ["podman"]],
  ] as const)
    it(JSON.stringify(line), async () => {
      const d = await live(line);
      expect(user(d)?.username).toBe(name);
      expect(user(d)?.sudo ?? false).toBe(false);
      expect([...(user(d)?.groups ?? [])].sort()).toEqual([...groups].sort());
      expect(tools(d)).not.toContain("installRecipe");
    });

  // near misses: no person is put in a group; a root group is never read from a bare list
  it("install mpv to watch video: a program, no user", async () => {
    const d = await live("install mpv to watch video");
    expect(tools(d)).toEqual(["installRecipe"]);
  });
  // wheel is sudo by another name: the sudo readers grant it (the words ask for it), never a group here
  it("put him in wheel: no wheel group read from the list", async () => {
    const d = await live("add user kofi and put him in wheel");
    expect(user(d)?.groups ?? []).not.toContain("wheel");
  });
  it("add podman: still the program", async () => {
    expect(tools(await live("add podman"))).toEqual(["installRecipe"]);
  });
});

describe("a removal said of a plural kind over what is installed (dev27 h26k-028, h26k-047)", () => {
  for (const [line, want] of [
    ["get rid of all the text editors except neovim", ["emacs", "nano", "vim"]],
    ["uninstall all the editors save for vim", ["emacs", "nano", "neovim"]],
    ["remove all editors but keep vim and nano", ["emacs", "neovim"]],
    ["remove the system monitors but leave htop", ["btop", "glances"]],
    ["uninstall all the monitors except btop", ["glances", "htop"]],
  ] as const)
    it(JSON.stringify(line), async () => {
      expect(removed(await installed(line))).toEqual(want);
    });

  // near misses: a bare plural, a singular kind, a negation, a question, "the other" stay asked
  for (const line of [
    "remove the editors",
    "remove the editor",
    "don't remove the editors",
    "are the editors removed?",
    "remove the other editors",
  ])
    it(`nothing removed at once: ${line}`, async () => {
      expect(removed(await installed(line)).length).toBeLessThan(2);
    });
});
