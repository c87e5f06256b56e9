import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { describeOutcome } from "../../agent/session/describe.js";
import { decideTurn } from "../../agent/turn.js";
import { yesNo } from "../../agent/yesno.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 28 (fixC28): answers to the plan.
 * - A yes or a no typed in its own script (Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai,
 *   Chinese, Japanese, Korean) is the answer it is (agent/yesnoScripts.ts); the scripts written
 *   without spaces are parted into those phrases only.
 * - "yes, fedora can go" with exactly that erase pending: the yes (agent/safety/unchanged.ts).
 * - "yes both", "yep all 3", "go ahead with all three": a yes that counts what is pending, counted
 *   right (agent/allOfPlanYes.ts).
 * - "yes, can go", "ok, will do": a modal before a go verb with no subject is no question
 *   (agent/safety/hesitantYes.ts).
 */
const BLANK = inferLiveMedium(fixtureFacts("findings25-lead-two-blank")); // blank sda, blank nvme0n1, live sdb
const INST = fixtureFacts("findings25-lead-inst"); // installed: ripgrep, fd, bat; helix and jq to install
const FEDORA = inferLiveMedium(fixtureFacts("findings12-fedora2")); // nvme0n1 Fedora, sda blank
// sda: Windows and free space; nvme0n1: ext4 "windows-backup"; sdb: USB ntfs "Photos"
const MULTI = fixtureFacts("findings28-fixC27-multi");

const tools = (conv: { pending: readonly { tool: string }[] }) => conv.pending.map((c) => c.tool);
const erases = (d: object) => "calls" in d && JSON.stringify(d).includes('"partitionDisk"');

describe("a yes or a no in its own script", () => {
  const YES = [
    "Да",
    "Да.",
    "Да, поехали.",
    "Давай!",
    "ну давай",
    "Конечно, начинай",
    "Так, продовжуй",
    "好的，开始吧",
    "确认。",
    "是的，确认。",
    "好的确认",
    "開始吧",
    "はい、お願いします",
    "はい。実行してください",
    "네, 진행해 주세요",
    "예",
    "εντάξει, προχώρα",
    "نعم",
    "כן, קדימה",
    "हाँ, शुरू करो",
    "ตกลง ครับ",
    "Wi.",
  ];
  for (const line of YES)
    it(`"${line}" confirms the plan`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).toEqual({ confirm: true });
    });

  for (const line of [
    "Нет",
    "нет, подожди",
    "不要",
    "取消",
    "いいえ",
    "아니요",
    "όχι",
    "لا",
    "לא",
    "नहीं",
    "ไม่",
  ])
    it(`"${line}" is a no: nothing runs`, async () => {
      const { last, conv } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).toEqual({ confirm: false });
      expect(tools(conv)).toEqual(["partitionDisk"]);
    });

  // the safety side: a greeting, a question, a mixed answer or a word that also declines is no yes
  for (const line of ["你好", "好吗", "好的？", "Да?", "不好", "大丈夫", "結構です", "може", "так", "да нет"])
    it(`"${line}" runs nothing`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).not.toEqual({ confirm: true });
    });

  it('"так" is yes where the locale is Ukrainian only', () => {
    expect(yesNo("так", { lang: "uk" })).toBe(true);
    expect(yesNo("так", { lang: "ru" })).toBeUndefined();
  });

  it("a script yes with an offer open takes the offer, never confirms the plan", async () => {
    const { last } = await dialogue(INST, ["install hx", "好的"]);
    expect(last).toHaveProperty("calls");
  });

  it("a script yes to an offered erase of a disk with data takes the erase only through its question", async () => {
    const { decisions, last } = await dialogue(MULTI, ["keep windows, wipe the other one", "Да"]);
    expect(decisions[0]).toHaveProperty("offer");
    expect(JSON.stringify(decisions[0])).toMatch(/erases it for good|is lost|holds/);
    expect(erases(last)).toBe(true);
  });
});

describe("a yes that says back the pending erase", () => {
  for (const line of ["yes, fedora can go", "yes, fedora can go, go ahead", "ok, fedora can go"])
    it(`"${line}" confirms the erase planned with consent`, async () => {
      const { decisions, last } = await dialogue(FEDORA, ["erase the nvme, fedora can go", line]);
      expect(erases(decisions[0]!)).toBe(true);
      expect(last).toEqual({ confirm: true });
    });

  for (const line of [
    "yes, fedora can go?",
    "yes, fedora can go but keep the wd",
    "yes, fedora can go, the other disk too",
    "yes, fedora can go, wait",
    "yes, fedora can go if it fits",
  ])
    it(`"${line}" is no plain yes`, async () => {
      const { last } = await dialogue(FEDORA, ["erase the nvme, fedora can go", line]);
      expect(last).not.toEqual({ confirm: true });
    });

  it("a restatement after a yes never answers an open offer as the plan", async () => {
    const { last } = await dialogue(INST, ["install jq", "install hx", "yes, install jq"]);
    expect(last).not.toEqual({ confirm: true });
  });
});

describe("a yes that counts what is pending", () => {
  for (const [plan, line] of [
    ["install helix and jq", "yes both"],
    ["install helix and jq", "yes to both"],
    ["install helix and jq", "yep, both of them"],
    ["install helix and jq", "ok all of them"],
    ["install helix and jq", "yes all two"],
    ["install helix and jq, remove fd", "go ahead with all three"],
    ["install helix and jq, remove fd", "yep all 3"],
    ["install helix and jq, remove fd", "yes to all"],
    ["install helix and jq, remove fd", "sure, everything"],
  ] as const)
    it(`"${plan}" … "${line}" confirms`, async () => {
      const { last } = await dialogue(INST, [plan, line]);
      expect(last).toEqual({ confirm: true });
    });

  // a count that is not the plan's, a thing named, or a question: asked as before
  for (const [plan, line] of [
    ["install helix and jq", "yes all three"],
    ["install helix and jq, remove fd", "yes both"],
    ["install helix and jq", "yes both?"],
    ["install helix and jq", "both"],
    ["install helix and jq", "yes both, I guess"],
  ] as const)
    it(`"${plan}" … "${line}" runs nothing`, async () => {
      const { last } = await dialogue(INST, [plan, line]);
      expect(last).not.toEqual({ confirm: true });
    });

  it('"yes both disks" is no yes to a plan of one disk', async () => {
    const { last } = await dialogue(BLANK, ["use the nvme", "yes both disks"]);
    expect(last).not.toEqual({ confirm: true });
  });
});

describe("a modal before a go verb, with no subject, is no question", () => {
  for (const line of ["yes, can go", "ok, will do", "yes, you can start", "sure, may proceed"])
    it(`"${line}" confirms`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).toEqual({ confirm: true });
    });

  for (const line of ["yes, can go?", "yes? can go", "ok, will it erase the sda", "yes, can windows stay"])
    it(`"${line}" runs nothing`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).not.toEqual({ confirm: true });
    });
});

describe("a yes or a no typed with a slip, in look-alike digits, or as a button pressed", () => {
  for (const line of [
    "thx, yes confrim",
    "confrim",
    "proceeed",
    "contiune",
    "y3s",
    "0k",
    "ok press go",
    "Ok press go. Love mum xxx",
    "hit start",
    "just click the button",
  ])
    it(`"${line}" confirms`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).toEqual({ confirm: true });
    });

  for (const line of ["cancle", "n0", "abotr"])
    it(`"${line}" is the no`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).toEqual({ confirm: false });
    });

  // the safety side: a word two slips away, a word one slip from a yes and a no, a question, a name
  for (const line of ["cnofrim", "h3llo", "press go?", "confrim?", "press go, I guess"])
    it(`"${line}" runs nothing`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).not.toEqual({ confirm: true });
    });

  it("a word one slip from a yes is the name my question asked for, never a yes", () => {
    expect(yesNo("conform", { plain: true })).toBeUndefined();
  });
});

describe("tester 27 R1: a keep is said once, and a program not installed is no keep to say", () => {
  const said = async (f: typeof BLANK, lines: string[]) => {
    const conv = new Conversation(f);
    const backend = createRulesBackend();
    const out: string[] = [];
    for (const line of lines) {
      const d = await decideTurn(backend, conv.view(line), f);
      out.push(describeOutcome(conv.record(line, d), conv.pending, f));
    }
    return { out, conv };
  };

  it('"actually not jq" about a planned install says no "Kept: jq"', async () => {
    const { out } = await said(INST, ["install jq and helix", "actually not jq", "add ripgrep"]);
    expect(out[1]).toContain("Removed from the plan: install jq");
    expect(out.join(" ")).not.toMatch(/Kept: jq/);
  });

  it("an installed program kept is still said", async () => {
    const { out } = await said(INST, ["install jq", "keep fd, remove bat"]);
    expect(out[1]).toMatch(/Kept: .*fd/);
  });

  it("a kept disk is said when it is kept, and not again with every later change", async () => {
    const { out, conv } = await said(BLANK, ["keep the sda, install on the nvme", "add jq", "user anna"]);
    expect(out[0]).toContain("Kept: /dev/sda");
    expect(out[1]).not.toContain("Kept:");
    expect(out[2]).not.toContain("Kept:");
    // the keep stands, and the plan still says it
    expect(conv.protections.some((p) => p.kind === "disk" && p.disk === "/dev/sda")).toBe(true);
  });
});

describe("a numbered heading or a subtitle's cue lines before the answer", () => {
  for (const line of [
    "Q8 (1 mark): Confirm.",
    "Q8: Confirm.",
    "Item 4: go ahead",
    "3\n00:00:06,500 --> 00:00:08,000\nConfirm.",
  ])
    it(`${JSON.stringify(line)} confirms`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).toEqual({ confirm: true });
    });

  for (const line of [
    "Q8 (1 mark): Stop.",
    "Q8 (1 mark): Confirm, I guess.",
    "Q8 (1 mark): Confirm?",
    "50G: go",
  ])
    it(`${JSON.stringify(line)} runs nothing`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).not.toEqual({ confirm: true });
    });
});
