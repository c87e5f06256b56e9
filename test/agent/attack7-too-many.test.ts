import { describe, expect, it } from "vitest";
import { MAX_CALLS } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 7 M3 (docs/findings/2026-12-05-attacker-7.md): a request with more steps than one
 * decision holds (MAX_CALLS) was cut to the first 16 without a word ("Understood:" listed only what
 * was kept, `ask --yes` exited 0). Now nothing is planned and the reply says why and what to do.
 * Machine: an installed system with 20 recipes, none installed.
 */
const MANY = fixtureFacts("attack7-many");
const ALL = MANY.recipes ?? [];

describe("attacker7 M3: a request longer than one decision is never cut silently", () => {
  it.each([
    [`install ${ALL.slice(0, 18).join(" ")}`, 18],
    [`add ${ALL.join(", ")}`, 20],
    [`please install ${ALL.slice(0, 17).join(" and ")}`, 17],
  ])("%s", async (line, n) => {
    const d = (await dialogue(MANY, [line])).last;
    expect("calls" in d).toBe(false);
    expect("reply" in d && d.reply).toContain(`${n} steps`);
    expect("reply" in d && d.reply).toContain(`at most ${MAX_CALLS}`);
  });

  it("exactly MAX_CALLS programs are still one plan", async () => {
    const d = (await dialogue(MANY, [`install ${ALL.slice(0, MAX_CALLS).join(" ")}`])).last;
    const names = "calls" in d ? d.calls.map((c) => (c.tool === "installRecipe" ? c.args.name : c.tool)) : [];
    expect(names).toEqual(ALL.slice(0, MAX_CALLS));
  });
});
