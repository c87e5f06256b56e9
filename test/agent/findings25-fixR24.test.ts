import { describe, expect, it } from "vitest";
import { slipOf, soleNearest } from "../../agent/rules/recipeTypos.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 24 (fixR24): programs and typos read by SHAPE. Each reading with sentences of
 * its class in other words, and the near-misses that must not change (the safety side). The
 * sentences are ours; none is from a data set.
 * INST: installed mode; git, htop, tmux, neovim, curl, wget installed beside the base system;
 * recipes ripgrep, fd, bat, btop, delta, dust, eza, fzf, helix, hyperfine, jq, lazygit, starship,
 * yq, zoxide (and the base ones).
 */
const INST = fixtureFacts("findings25-fixR24-inst");

type Call = { tool: string; args: Record<string, unknown> };
const callsOf = (d: Decision): Call[] => ("calls" in d ? (d.calls as Call[]) : []);
const offerOf = (d: Decision): Call[] => ("reply" in d && d.offer ? (d.offer.calls as Call[]) : []);
const names = (cs: Call[], tool: string) =>
  cs
    .filter((c) => c.tool === tool)
    .map((c) => `${c.args.name}${c.args.version ? `@${c.args.version}` : ""}`)
    .sort();

async function last(lines: string[]): Promise<Decision> {
  return (await dialogue(INST, lines)).last;
}

describe("a misspelled install is the program where exactly one name is that close", () => {
  for (const [line, want] of [
    ["instal lazygit and zoxdie pls", ["lazygit", "zoxide"]],
    ["Prescribe ripgerp and dleta.", ["delta", "ripgrep"]],
    ["one hlix and a lazygti please", ["helix", "lazygit"]],
    ["Gary would like starhsip and fdd.", ["fd", "starship"]],
    ["could you put on hyprefine", ["hyperfine"]],
    ["get me ezza and batt", ["bat", "eza"]],
    ["add jqq and yqq", ["jq", "yq"]],
    ["Queue hyperfnie and yqq.", ["hyperfine", "yq"]],
    ["add hypefine and bta to the set", ["bat", "hyperfine"]],
    ["instal ripgrep and fdd, and set hostnmae to tom-lab", ["fd", "ripgrep"]],
  ] as const) {
    it(`"${line}" → install ${want.join(", ")}`, async () => {
      const d = await last([line]);
      expect(names(callsOf(d), "installRecipe")).toEqual([...want]);
    });
  }

  it("a slip is a doubled or swapped letter of one name only", () => {
    expect(slipOf("fdd", ["fd", "jq"])).toBe("fd");
    expect(slipOf("bta", ["bat", "btop"])).toBe("bat");
    expect(slipOf("jqq", ["jq", "yq"])).toBe("jq");
    // another letter is no slip: "boat" is a word, "tap" a word one letter from tar
    expect(slipOf("boat", ["bat"])).toBeUndefined();
    expect(slipOf("tap", ["tar"])).toBeUndefined();
    expect(slipOf("fd", ["fd"])).toBeUndefined();
    expect(slipOf("tba", ["bat"])).toBeUndefined();
    // the first letter is kept: a program of its own ("htop") is no typo of btop, "rust" no dust
    expect(soleNearest("htop", "btop", ["btop", "fd"])).toBe(false);
    expect(soleNearest("rust", "dust", ["dust", "fd"])).toBe(false);
    expect(soleNearest("zoxdie", "zoxide", ["zoxide", "fzf"])).toBe(true);
    // two names as near: asked, never guessed
    expect(soleNearest("xtop", "btop", ["btop", "htop"])).toBe(false);
  });

  it("a misspelled REMOVAL is still only offered", async () => {
    for (const line of ["uninstall tmxu", "remove neovmi please", "delete htpo"]) {
      const d = await last([line]);
      expect(callsOf(d).filter((c) => c.tool === "removeRecipe")).toEqual([]);
      expect(offerOf(d).some((c) => c.tool === "removeRecipe")).toBe(true);
    }
  });

  it("a near English word is still asked about, never installed", async () => {
    const d = await last(["kit for the boat: dust, btop, eza"]);
    expect(callsOf(d).some((c) => c.args.name === "bat")).toBe(false);
  });

  it("another program's name one letter off is asked about, never installed", async () => {
    for (const [line, near] of [
      ["Install htop for me please.", "btop"],
      ["give me the rust cli tools", "dust"],
    ] as const) {
      // findings3-d: btop and dust are recipes, htop is none, nothing is named rust
      const { last: d } = await dialogue(fixtureFacts("findings3-d"), [line]);
      expect(callsOf(d).some((c) => c.args.name === near)).toBe(false);
    }
  });
});

describe("a version after a name read by no install verb goes with the name", () => {
  for (const [line, want] of [
    ["Book helix 24.07 and starship.", ["helix@24.07", "starship"]],
    ["Queue ripgrep 14.1.1 and fd.", ["fd", "ripgrep@14.1.1"]],
    ["Instruction booklet page 4: fzf 0.56.3, zoxide, starship.", ["fzf@0.56.3", "starship", "zoxide"]],
    ["Slot jq v1.7.1 and yq.", ["jq@1.7.1", "yq"]],
    ["Order slip: delta 0.18.2, eza", ["delta@0.18.2", "eza"]],
    ["Stock helix 24.07.", ["helix@24.07"]],
    ["- ripgrep 14.1.1\n- fd 10.2.0\n- bat (any version)", ["bat", "fd@10.2.0", "ripgrep@14.1.1"]],
    ["- starship\n- dust\n- yq 4.44.3", ["dust", "starship", "yq@4.44.3"]],
  ] as const) {
    it(`"${line.replace(/\n/g, " / ")}" → ${want.join(", ")}`, async () => {
      const d = await last([line]);
      expect(names(callsOf(d), "installRecipe")).toEqual([...want]);
    });
  }

  it("a refusal in the list head still asks for nothing", async () => {
    const d = await last(["never deploy helix 24.07, fd"]);
    expect(names(callsOf(d), "installRecipe")).not.toContain("helix@24.07");
  });
});

describe("a removal reaches no clause with a subject of its own", () => {
  it('"htop goes home, we\'ve got btop" removes htop only', async () => {
    const d = await last(["Pack-out list: htop goes home, we've got btop. tmux and git stay in camp."]);
    expect(names(callsOf(d), "removeRecipe")).toEqual(["htop"]);
  });
  it('"remove tmux, we have curl" removes tmux, never curl', async () => {
    const d = await last(["remove tmux, we have curl"]);
    expect(names(callsOf(d), "removeRecipe")).toEqual(["tmux"]);
  });
  it('"wget can go, I use curl" removes wget only', async () => {
    const d = await last(["wget can go, I use curl"]);
    expect(callsOf(d).some((c) => c.args.name === "curl")).toBe(false);
  });
  it("a plain list after the verb still goes: remove htop, tmux, wget", async () => {
    const d = await last(["remove htop, tmux, wget"]);
    expect(names(callsOf(d), "removeRecipe")).toEqual(["htop", "tmux", "wget"]);
  });
});

describe("a pronoun object after a list of names, beside a keep of others", () => {
  for (const line of [
    "Infestation report: wget and htop. Exterminate those two. curl is a beneficial, leave it.",
    "Pests found: wget and htop. Exterminate both. curl is friendly, leave it.",
  ])
    it(`"${line}" → remove wget, htop`, async () => {
      const d = await last([line]);
      expect(names(callsOf(d), "removeRecipe")).toEqual(["htop", "wget"]);
    });
  it("without a keep of others the unread verb is not a removal", async () => {
    const d = await last(["Pests found: wget and htop. Spray them."]);
    expect(callsOf(d).filter((c) => c.tool === "removeRecipe")).toEqual([]);
  });
});

describe("a wish for a program to be gone", () => {
  it('"I no longer use tmux. I want it gone." removes tmux', async () => {
    const d = await last(["I no longer use tmux. I want it gone."]);
    expect(names(callsOf(d), "removeRecipe")).toEqual(["tmux"]);
  });
  it("a third person's wish is offered, never made", async () => {
    const d = await last(["Gary no longer uses htop. Gary would like it gone."]);
    expect(callsOf(d).filter((c) => c.tool === "removeRecipe")).toEqual([]);
    expect(offerOf(d).map((c) => c.args.name)).toEqual(["htop"]);
  });
  it("a wish that it stay is no removal", async () => {
    const d = await last(["i don't want htop gone"]);
    expect(callsOf(d).filter((c) => c.tool === "removeRecipe")).toEqual([]);
  });
});

describe("a removal I answered, narrowed with just/only", () => {
  it('"keep git" … "remove git, htop and tmux" … "Right, my error. Just htop and tmux."', async () => {
    const { decisions } = await dialogue(INST, [
      "git stays, always.",
      "Now remove git, htop and tmux.",
      "Right, my error. Just htop and tmux.",
    ]);
    expect(callsOf(decisions[1]!).some((c) => c.args.name === "git")).toBe(false);
    expect(names(callsOf(decisions[2]!), "removeRecipe")).toEqual(["htop", "tmux"]);
  });
  it("a program the answered turn did not name is not removed by the narrowing", async () => {
    const { last: d } = await dialogue(INST, ["git stays, always.", "remove git and htop", "just wget then"]);
    expect(callsOf(d).some((c) => c.tool === "removeRecipe")).toBe(false);
  });
  it("after an install, just NAME is no removal", async () => {
    const { last: d } = await dialogue(INST, ["what is htop?", "just htop"]);
    expect(callsOf(d).some((c) => c.tool === "removeRecipe")).toBe(false);
  });
});

describe("drops of a pending step by shape", () => {
  for (const [first, line] of [
    ["install ripgrep, fd and starship", "The council strikes starship from the proclamation."],
    ["install ripgrep, fd and starship", "Legal strikes starship."],
    ["install ripgrep, fd and starship", "Management scratches starship."],
  ] as const)
    it(`"${line}" drops starship`, async () => {
      const { last: d } = await dialogue(INST, [first, line]);
      expect(d).toEqual({ drop: [{ tool: "installRecipe", args: { name: "starship" } }] });
    });

  for (const [first, line, who] of [
    ["users lucy and benny, no sudo for either", "Pull benny off the baseplate.", "benny"],
    ["users vera and carl", "Observer carl cancelled, take him off.", "carl"],
    ["users miles and tony", "tony's out of the band. scratch him from the chart", "tony"],
    ["users ana and ivo", "ivo is off the roster.", "ivo"],
    ["users ana and ivo", "ivo moved out, sadly", "ivo"],
    ["users ana and ivo", "ivo can't come. Take his chair away.", "ivo"],
  ] as const)
    it(`"${line}" drops ${who}`, async () => {
      const { last: d } = await dialogue(INST, [first, line]);
      expect(d).toEqual({ drop: [{ tool: "createUser", args: { username: who } }] });
    });

  it("a person said away beside a grant or a new account is no drop", async () => {
    for (const line of ["benny is out today, give him sudo", "add benny's brother too, he's out back"]) {
      const { last: d } = await dialogue(INST, ["users lucy and benny", line]);
      expect("drop" in d).toBe(false);
    }
  });

  for (const line of [
    "Correction: neovim is a pet, not a pest. Take it off the list.",
    "neovim stays after all, strike it from the order",
  ])
    it(`"${line}" drops the pending removal of neovim`, async () => {
      const { last: d } = await dialogue(INST, ["Remove htop, tmux and neovim.", line]);
      expect(d).toEqual({ drop: [{ tool: "removeRecipe", args: { name: "neovim" } }] });
    });

  it("taking it off the MACHINE says the removal again: no drop", async () => {
    const { last: d } = await dialogue(INST, ["Remove htop and neovim.", "yes, take neovim off the system"]);
    expect("drop" in d).toBe(false);
  });
});

describe("a verb of its own on programs not installed, after a removal, installs them", () => {
  for (const [line, want] of [
    ["Place helix as the replacement crown.", ["helix"]],
    ["And hand out the fzf and zoxide badges.", ["fzf", "zoxide"]],
    ["Seat starship in its chair.", ["starship"]],
  ] as const)
    it(`"remove neovim" … "${line}" → install ${want.join(", ")}`, async () => {
      const { last: d } = await dialogue(INST, ["remove neovim", line]);
      expect(names(callsOf(d), "installRecipe")).toEqual([...want]);
    });
  it("bare names still continue the removal (and are said not installed)", async () => {
    const { last: d } = await dialogue(INST, ["remove neovim", "and helix"]);
    expect(callsOf(d)).toEqual([]);
  });
  it("a refusal of its own installs nothing", async () => {
    const { last: d } = await dialogue(INST, ["remove neovim", "never place helix"]);
    expect(callsOf(d).some((c) => c.tool === "installRecipe")).toBe(false);
  });
});

describe("a person's particle, not another word's", () => {
  it('"benny works out of the Berlin office" drops nobody', async () => {
    const { last: d } = await dialogue(INST, [
      "users lucy and benny",
      "benny works out of the Berlin office",
    ]);
    expect("drop" in d).toBe(false);
  });
});

describe("a program refused in the negated passive is kept, whatever the verb", () => {
  for (const keep of [
    "Note for the chart: git is never to be extracted on this patient.",
    "curl must not be sold.",
    "tmux should never be taken out.",
  ])
    it(`"${keep}" then "remove git, curl, tmux and htop" removes htop only`, async () => {
      const { last: d } = await dialogue(INST, [keep, "remove git, curl, tmux and htop"]);
      const named = ["git", "curl", "tmux"].filter((n) => keep.includes(n));
      for (const n of named) expect(callsOf(d).some((c) => c.args.name === n)).toBe(false);
    });
  it("a refused install is no keep of an installed program", async () => {
    const d = await last(["fzf must not be installed"]);
    expect(callsOf(d).some((c) => c.args.name === "fzf")).toBe(false);
  });
});
