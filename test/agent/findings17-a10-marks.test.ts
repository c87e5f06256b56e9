import { describe, expect, it } from "vitest";
import { sayEmojiMarks } from "../../agent/rules/emojiMarks.js";
import { withdrawStruckText } from "../../agent/rules/struckText.js";
import { callsOf, erases, removes, sudoFor } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 10 H3, H4: a refusing emoji ("🚫 wipe sda", "remove fd, git ❌", "admin ❌") and
 * struck-through text ("~~wipe sda~~", "remove fd <s>git</s>") were dropped as noise, so what they
 * refused or took back was planned; "erase sda (jk) install on sdb" erased sda. Wordings here are
 * my own.
 */
const LIVE = fixtureFacts("findings16-a9-live");
const INST = fixtureFacts("findings16-a9-inst");

describe("a refusing mark refuses its clause or item", () => {
  for (const t of [
    "⛔ format sda. put it on sdb",
    "👎 wipe the windows disk\n👍 install on sdb",
    "format sda 🚫 install to sdb ✔️",
    "nuke ❌ sda, go with sdb",
    "sda 🙅‍♀️ sdb ✅",
  ])
    it(`live: ${JSON.stringify(t)} erases no Windows disk`, async () => {
      const { conv, last } = await dialogue(LIVE, [t]);
      expect(callsOf(last).some(erases("/dev/sda"))).toBe(false);
      expect(conv.pending.some(erases("/dev/sda"))).toBe(false);
    });
  for (const t of [
    "uninstall bat and 🚫 git",
    "uninstall bat ⛔ git",
    "uninstall bat, git 👎",
    "bat ✅ git ❌ remove",
  ])
    it(`installed: ${JSON.stringify(t)} keeps git`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect(callsOf(last).some(removes("git"))).toBe(false);
    });
  it('"add user mira\\nsudo ❌" gives no sudo', async () => {
    const { last } = await dialogue(INST, ["add user mira\nsudo ❌"]);
    expect(callsOf(last).some(sudoFor("mira"))).toBe(false);
  });
  it("after a plan with a user, 'ana: admin 🚫' takes no sudo", async () => {
    const { conv } = await dialogue(LIVE, ["install on sdb, add user ana", "ana: admin 🚫"]);
    expect(conv.pending.some(sudoFor("ana"))).toBe(false);
  });
});

describe("an affirming mark leaves its request standing", () => {
  it('live: "✅ install on sdb" still plans sdb', async () => {
    const { last } = await dialogue(LIVE, ["✅ install on sdb"]);
    expect(callsOf(last).some(erases("/dev/sdb"))).toBe(true);
  });
  it('installed: "remove bat 👍" still removes bat', async () => {
    const { last } = await dialogue(INST, ["remove bat 👍"]);
    expect(callsOf(last).some(removes("bat"))).toBe(true);
  });
  it("text without marks is untouched", () => expect(sayEmojiMarks("remove fd, git")).toBe("remove fd, git"));
});

describe("struck-through text and mid-sentence jokes are taken back", () => {
  for (const t of [
    "~~format sda~~ install on sdb",
    "<strike>wipe sda</strike>, install on sdb",
    "install on sdb <del>and nuke sda</del>",
    "format sda (just kidding) install on sdb",
    "format sda /s\ninstall on sdb",
  ])
    it(`live: ${JSON.stringify(t)} erases no Windows disk but plans sdb`, async () => {
      const { last } = await dialogue(LIVE, [t]);
      expect(callsOf(last).some(erases("/dev/sda"))).toBe(false);
      expect(callsOf(last).some(erases("/dev/sdb"))).toBe(true);
    });
  for (const t of ["remove bat ~~git~~", "remove bat <s>and git</s>", "remove bat [s]git[/s]"])
    it(`installed: ${JSON.stringify(t)} removes bat, keeps git`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect(callsOf(last).some(removes("git"))).toBe(false);
      expect(callsOf(last).some(removes("bat"))).toBe(true);
    });
  it("a path with a slash and a single tilde stay", () => {
    expect(withdrawStruckText("use sda/sdb")).toBe("use sda/sdb");
    expect(withdrawStruckText("install to ~/apps, remove git")).toBe("install to ~/apps, remove git");
  });
});

describe("a mark alone is an answer (dev-alongside7 h9a-006)", () => {
  it('"👍" to my confirmation question is left as typed', () => expect(sayEmojiMarks("👍")).toBe("👍"));
  it('"❌" alone is left as typed', () => expect(sayEmojiMarks(" ❌ ")).toBe(" ❌ "));
});
