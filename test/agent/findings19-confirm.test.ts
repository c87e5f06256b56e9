import { describe, expect, it } from "vitest";
import { yesNo } from "../../agent/yesno.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14: confirmations and answers to offers. People confirm in their trade's words, in slang,
 * in other languages, with a remark before the go word and a signature under it. Machine: Samsung
 * 870 EVO sda ("old-linux"), WDC 4 TB sdb ("photos"), empty WD_BLACK nvme0n1, SanDisk live USB.
 */
const F = fixtureFacts("findings18-t14-photos");
const PLAN = "install on the nvme";
const confirmed = (d: Decision) => "confirm" in d && d.confirm === true;

describe("yesNo: how people say yes and no", () => {
  for (const t of [
    "Wilco, execute.",
    "roger that",
    "10-4",
    "So ordered.",
    "Affirmed.",
    "yes chef",
    "Play ball.",
    "That's a wrap.",
    "COMMIT;",
    "confirm(true)",
    "ship it",
    "bet, send it",
    "say less",
    "ok lah, go",
    "Sì, confermo.",
    "Ja, kjør.",
    "Kyllä, jatka.",
    "igen, mehet",
    "Oké, doorgaan.",
    "da, începe",
    "tamam, başla",
    "Ndiyo, endelea.",
    "hai, onegaishimasu",
    "vas-y",
    "yesss",
    "okkk",
    "gooo",
  ])
    it(`"${t}" is a yes`, () => expect(yesNo(t)).toBe(true));

  for (const t of [
    "ROLLBACK;",
    "confirm(false)",
    "Non, annule tout.",
    "Nie, jednak anuluj.",
    "belay that",
    "stand down",
    "nope nope",
    "hard pass",
    "noooo",
  ])
    it(`"${t}" is a no`, () => expect(yesNo(t)).toBe(false));

  it("a word that is yes in one language and no in another says nothing alone", () => {
    expect(yesNo("tak")).toBeUndefined();
    expect(yesNo("ne")).toBeUndefined();
  });
  it("... and what the locale's language says it is", () => {
    expect(yesNo("tak", { lang: "pl" })).toBe(true);
    expect(yesNo("ne", { lang: "ko" })).toBe(true);
    expect(yesNo("ne", { lang: "cs" })).toBe(false);
  });
  it("... and nothing beside a clear yes or no", () => {
    expect(yesNo("Tak, zatwierdzam.")).toBe(true);
    expect(yesNo("ne, jinhaeng hae juseyo")).toBe(true);
  });
  it("a trade word said alone after my question may be the word asked for", () => {
    expect(yesNo("post")).toBe(true);
    expect(yesNo("post", { plain: true })).toBeUndefined();
    expect(yesNo("post it", { plain: true })).toBe(true);
  });
  it("a request is no answer", () => {
    expect(yesNo("add git")).toBeUndefined();
    expect(yesNo("atlas")).toBeUndefined();
  });
});

describe("a yes among remarks that ask for nothing confirms the plan", () => {
  for (const t of [
    "I've read the plan. yes, go",
    "Yes, proceed.\n\nDennis",
    "Go ahead.\nEd",
    "OK then go ahead.\nBarb\n\nP.S. Thank you",
    "I looked it over. go on then.",
    "handover complete, go",
    "fine, the nvme it is. go",
    "oh it's the 1TB one. still fine, go",
  ])
    it(JSON.stringify(t), async () => {
      const { last } = await dialogue(F, [PLAN, t]);
      expect(last).toEqual({ confirm: true });
    });

  it("a no among remarks cancels", async () => {
    const { last } = await dialogue(F, [PLAN, "No. Cancel it. I do not want it now."]);
    expect(last).toEqual({ confirm: false });
  });
});

describe("a remark that contradicts the plan never confirms it", () => {
  for (const t of [
    "fine, the samsung it is. go",
    "ok, keep the nvme. go",
    "looks fine, add git. go",
    "the photos disk is the one. go",
    "fine, call it atlas. go",
    "looks good, the whole nvme? go",
  ])
    it(JSON.stringify(t), async () => {
      const { last } = await dialogue(F, [PLAN, t]);
      expect(confirmed(last)).toBe(false);
    });
});

describe("a no beside a remark that names something is that edit, never a cancel of the plan", () => {
  for (const t of ["no, keep tmux", "nah, not tmux. leave it", "wait, tmux stays, I use it"])
    it(JSON.stringify(t), async () => {
      const { last } = await dialogue(F, ["remove htop and tmux", t]);
      expect(last).not.toEqual({ confirm: false });
    });
  it("a no beside a bare name is the change it names", async () => {
    const { last } = await dialogue(F, ["timezone Europe/Berlin", "no, Vienna"]);
    expect(last).not.toEqual({ confirm: false });
  });
  it("a pause word alone among remarks cancels nothing", async () => {
    const { last } = await dialogue(F, [PLAN, "hmm. wait. thinking"]);
    expect(last).not.toEqual({ confirm: false });
  });
});

describe("a yes word asked is a question", () => {
  for (const t of ["merge?", "can?", "roger?"])
    it(JSON.stringify(t), async () => {
      expect(yesNo(t)).toBeUndefined();
      const { last } = await dialogue(F, [PLAN, t]);
      expect(confirmed(last)).toBe(false);
    });
});

describe("what is asked takes the yes before the plan does", () => {
  it("an open offer takes a yes said among remarks as the offered calls", async () => {
    const { last } = await dialogue(F, [PLAN, "install hx", "I checked. yes, go"]);
    expect(last).toEqual({ calls: [{ tool: "installRecipe", args: { name: "helix" } }] });
  });
  it("a yes to a question without an offer never confirms the plan", async () => {
    for (const t of ["yes", "I've read it. yes, go", "Yes, proceed.\n\nDennis", "roger, execute"]) {
      const { last } = await dialogue(F, [PLAN, "add a user", t]);
      expect(confirmed(last)).toBe(false);
    }
  });
  it("a trade word after a question is read as the answer, not a confirmation", async () => {
    const { last } = await dialogue(F, [PLAN, "add a user", "post"]);
    expect(confirmed(last)).toBe(false);
  });
});

describe("a remark that narrows the plan beside a go word is the edit, never a confirm", () => {
  const R = fixtureFacts("findings11-recipes");
  for (const line of [
    "just micro. that's it",
    "just micro, that's it",
    "solely micro. go",
    "micro alone. proceed",
  ])
    it(`"${line}" after "remove micro, vim and htop" confirms nothing`, async () => {
      const { decisions } = await dialogue(R, ["remove micro, vim and htop", line]);
      expect(confirmed(decisions[1]!)).toBe(false);
    });
});
