import { describe, expect, it } from "vitest";
import { reachNegatedVerbs } from "../../agent/rules/negationReach.js";
import { callsOf, erases, removes, sudoFor } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 10 H1, M2: an adverbial between a negation and its verb ("don't for any reason remove
 * git", "never in a million years erase sda", "don't on any account …") hid the verb from the
 * negation readers: git removed, Windows erased, sudo given. Wordings here are my own. Machines:
 * Windows on a Samsung beside an empty Crucial (live); git, ripgrep, fd, bat installed.
 */
const LIVE = fixtureFacts("findings16-a9-live");
const INST = fixtureFacts("findings16-a9-inst");

describe("a negation reaches its verb across an adverbial", () => {
  for (const t of [
    "don't under any pretext uninstall git",
    "never for any money delete git",
    "do not at any time remove git",
    "don't ever again in my life purge git",
    "please never once remove git",
    "you must not on any account remove git",
  ])
    it(`installed: "${t}" keeps git`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect(callsOf(last).some(removes("git"))).toBe(false);
    });
  for (const t of [
    "don't in a hundred years wipe sda. put it on sdb",
    "never on any account format the windows disk, use sdb",
    "do not for a second erase sda",
  ])
    it(`live: "${t}" erases no Windows disk`, async () => {
      const { conv, last } = await dialogue(LIVE, [t]);
      expect(callsOf(last).some(erases("/dev/sda"))).toBe(false);
      expect(conv.pending.some(erases("/dev/sda"))).toBe(false);
    });
  it('"add user ivo, never in his life give him sudo" gives no sudo', async () => {
    const { last } = await dialogue(INST, ["add user ivo, never in his life give him sudo"]);
    expect(callsOf(last).some(sudoFor("ivo"))).toBe(false);
  });
});

describe("a negation of something else reaches nothing", () => {
  for (const [t, bad] of [
    ["don't worry, remove git", removes("git")],
    ["don't worry remove git", removes("git")],
    ["never mind that, remove git", removes("git")],
  ] as const)
    it(`installed: "${t}" still removes git`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect(callsOf(last).some(bad)).toBe(true);
    });
  for (const t of ["I don't care, wipe sdb", "i don't care wipe sdb"])
    it(`live: "${t}" still erases sdb`, async () => {
      const { last } = await dialogue(LIVE, [t]);
      expect(callsOf(last).some(erases("/dev/sdb"))).toBe(true);
    });
  it("the rewrite itself", () => {
    expect(reachNegatedVerbs("don't for any reason remove git")).toBe("don't remove git");
    expect(reachNegatedVerbs("don't forget to remove git")).toBe("don't forget to remove git");
    expect(reachNegatedVerbs("don't ever, remove git")).toBe("don't ever, remove git");
    expect(reachNegatedVerbs("install git, not sdb")).toBe("install git, not sdb");
  });
});
