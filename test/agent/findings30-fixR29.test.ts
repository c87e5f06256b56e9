import { describe, expect, it } from "vitest";
import { yesNo } from "../../agent/yesno.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 29 (fixR29): a yes, a go or a no in the languages agent/yesnoScripts.ts did not
 * hold (agent/yesnoScriptsMore.ts): the scripts of South Asia, the Cyrillic of Central Asia,
 * Armenian, Georgian, Amharic, and the Latin go imperatives of Azerbaijani, Turkish, Indonesian,
 * Vietnamese, Swahili and Tagalog. Their plain no particle leads a correction the way English
 * "no no, I misspoke" does (agent/goStop.ts), never cancels the plan by itself beside a remark.
 */
const BLANK = inferLiveMedium(fixtureFacts("findings25-lead-two-blank")); // blank sda, blank nvme0n1, live sdb
const tools = (conv: { pending: readonly { tool: string }[] }) => conv.pending.map((c) => c.tool);

describe("a yes and start in the languages beyond yesnoScripts.ts", () => {
  // the class read (dev29) and the same shape in other languages of the same class
  const YES = [
    "ٹھیک ہے، شروع کریں",
    "சரி, தொடங்குங்கள்",
    "ঠিক আছে, শুরু করুন",
    "हुन्छ, सुरु गर्नुहोस्",
    "Иә, бастаңыз.",
    "Bəli, başlayın.",
    // other words, same shape
    "جی ہاں، جاری رکھیں",
    "হ্যাঁ। এগিয়ে যান।",
    "ஆமாம், தொடரவும்",
    "సరే, ప్రారంభించండి",
    "ಹೌದು, ಶುರು ಮಾಡಿ",
    "ശരി, തുടങ്ങൂ",
    "होय, सुरू करा",
    "હા, શરૂ કરો",
    "ਹਾਂ ਜੀ, ਸ਼ੁਰੂ ਕਰੋ",
    "ඔව්, පටන් ගන්න",
    "Ооба, баштаңыз",
    "Тийм ээ, эхлүүл",
    "Այո, սկսեք։",
    "კი, დაიწყეთ",
    "አዎ፣ ጀምር።",
    "Tamam, başlayın",
    "Ya, mulai.",
    "Vâng, bắt đầu đi",
    "Sawa, anza",
    "Sige na, simulan mo na",
  ];
  for (const line of YES)
    it(`"${line}" confirms the plan`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).toEqual({ confirm: true });
    });

  for (const line of [
    "نہیں",
    "না",
    "இல்லை",
    "వద్దు",
    "नाही",
    "жоқ",
    "არა",
    "Xeyr",
    "Hayır, dur",
    "không",
    "Hapana",
  ])
    it(`"${line}" is a no: nothing runs`, async () => {
      const { last, conv } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).toEqual({ confirm: false });
      expect(tools(conv)).toEqual(["partitionDisk"]);
    });

  // the safety side: a no beside the yes, a refused start, a question, a go word with more after it
  for (const line of [
    "ঠিক আছে, না",
    "শুরু করবেন না",
    "सुरु नगर्नुहोस्",
    "শুরু করুন?",
    "Иә, бірақ күте тұрыңыз",
    "ঠিক আছে, উইন্ডোজ মুছে দিন",
  ])
    it(`"${line}" runs nothing`, async () => {
      const { last } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).not.toEqual({ confirm: true });
    });

  it("the words of a language are read whole: a turn with an unknown word is no answer", () => {
    expect(yesNo("ঠিক আছে, শুরু করুন")).toBe(true);
    expect(yesNo("ঠিক আছে, শুরু করুন আগামীকাল")).toBeUndefined();
    expect(yesNo("হ্যাঁ না")).toBe(false);
  });
});

describe("a plain no particle leads a correction, not a cancel", () => {
  for (const line of ["না না, ভুল বলেছি। উইন্ডোজ থাকুক।", "نہیں نہیں، غلط کہا", "Yox, səhv dedim"])
    it(`"${line}" keeps the plan (asked, never cancelled)`, async () => {
      const { last, conv } = await dialogue(BLANK, ["use the nvme", line]);
      expect(last).not.toEqual({ confirm: false });
      expect(last).not.toEqual({ confirm: true });
      expect(tools(conv)).toEqual(["partitionDisk"]);
    });

  it('a stop verb still cancels: "থামুন"', async () => {
    const { last } = await dialogue(BLANK, ["use the nvme", "থামুন"]);
    expect(last).toEqual({ confirm: false });
  });
});
