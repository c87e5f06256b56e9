import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { foldLookAlikes } from "../../agent/rules/lookAlikes.js";
import { decideTurn } from "../../agent/turn.js";
import { type Bad, callsOf, erases, removes, sudoFor } from "../agent/helpers/destructive.js";
import { dialogue, fixtureFacts } from "../agent/helpers/dialogue.js";

/**
 * Attacker 5, F1: a negation typed in look-alike letters (full-width, mathematical bold, circled,
 * small capitals) or split by invisible characters vanished from every reader while the ASCII rest
 * read as the request: "ｄｏｎ'ｔ wipe sda" erased sda, "create user lena, ｎｏ sudo" granted sudo.
 * The words are folded once, first (agent/rules/lookAlikes.ts via rules/plainWords.ts).
 */

const disks = fixtureFacts("findings6-a"); // sda: Samsung with "backup", nvme0n1: WD with "games", sdb: live
const installed = fixtureFacts("installed-lena"); // git, htop, ripgrep installed; users root, lena

const ZWJ = "\u200d";
const ZWSP = "\u200b";
const RLM = "\u200f";
const LRO = "\u202d";
const PDF = "\u202c";

// sentences of our own, in no data set: don't / never / no / without / NOT, across erase, removal, sudo
const TABLE: [string, "disks" | "installed", Bad][] = [
  ["ｄｏｎ'ｔ format the samsung, it has my backup", "disks", erases("/dev/sda")],
  ["ＤＯ ＮＯＴ erase sda", "disks", erases("/dev/sda")],
  ["𝐧𝐞𝐯𝐞𝐫 wipe the wd", "disks", erases("/dev/nvme0n1")],
  ["ⓓⓞⓝ'ⓣ wipe sda please", "disks", erases("/dev/sda")],
  [`do${ZWJ}n't erase /dev/sda`, "disks", erases("/dev/sda")],
  [`${RLM}never${RLM} format sda`, "disks", erases("/dev/sda")],
  ["don’t wipe ｓｄａ, install on the nvme", "disks", erases("/dev/sda")],
  ["i 𝘸𝘰𝘶𝘭𝘥𝘯'𝘵 erase the samsung", "disks", erases("/dev/sda")],
  ["ｄｏｎ'ｔ remove git", "installed", removes("git")],
  ["please 𝗻𝗲𝘃𝗲𝗿 uninstall htop", "installed", removes("htop")],
  [`${LRO}do not${PDF} remove ripgrep`, "installed", removes("ripgrep")],
  ["ɴᴏ removing git", "installed", removes("git")],
  ["create user max, ｎｏ sudo", "installed", sudoFor("max")],
  ["create user max ｗｉｔｈｏｕｔ sudo", "installed", sudoFor("max")],
  ["create user max, ＮＯＴ an admin", "installed", sudoFor("max")],
  ["create user max, he should ⓝⓔⓥⓔⓡ have sudo", "installed", sudoFor("max")],
  [`create user max with${ZWSP}out sudo`, "installed", sudoFor("max")],
];

describe("look-alike letters fold to the words every reader knows", () => {
  it.each([
    ["ｄｏｎ'ｔ", "don't"],
    ["𝐝𝐨𝐧'𝐭", "don't"],
    ["ⓓⓞⓝ'ⓣ", "don't"],
    ["ᴡɪᴘᴇ", "wipe"],
    [`s${ZWJ}udo`, "sudo"],
    [`${LRO}never${PDF}`, "never"],
    ["don´t", "don't"],
    ["“remove git”", '"remove git"'],
    ["／dev／sda", "/dev/sda"],
  ])("%s", (from, to) => {
    expect(foldLookAlikes(from)).toBe(to);
  });

  it("plain ASCII comes back as it is (code spans too)", () => {
    const s = "install ripgrep `remove git` # note";
    expect(foldLookAlikes(s)).toBe(s);
  });
});

describe("a negation in look-alike letters still refuses: ask and the chat", () => {
  const backend = createRulesBackend();
  it.each(TABLE)("%s", async (words, which, bad) => {
    const f = which === "disks" ? disks : installed;
    const asked = await decideTurn(backend, new Conversation(f).view(words), f);
    const chat = await dialogue(f, [words]);
    expect(callsOf(asked).filter(bad)).toEqual([]);
    expect(chat.conv.pending.filter(bad)).toEqual([]);
  });

  // the ASCII request still works once folded: the fold reads, it does not only refuse
  it("a request in full-width letters is read as the same request", async () => {
    const chat = await dialogue(installed, ["ｃｒｅａｔｅ ｕｓｅｒ max"]);
    expect(chat.conv.pending.some((c) => c.tool === "createUser" && c.args.username === "max")).toBe(true);
  });
});
