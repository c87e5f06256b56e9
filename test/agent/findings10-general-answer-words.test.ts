import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Dev12 voices (people who never read our rules) said yes and no in words the rules did not know:
 * "sweet as, go", "ta, go", "lovely, do it", "righto", "ye", "👍", non-native "haan", "vas-y",
 * "theek hai", "bitte ja", and "hmm nah, not today". Each read as a request and was answered with
 * "I didn't find anything to do". They are answers now (agent/rules/answer.ts, agent/yesno.ts), and
 * a yes still answers only what was asked: an open offer before the plan.
 */
const DESKTOP = fixtureFacts("findings9-desktop");
const setup = ["use the samsung", "add fd"];
const planned = (pending: readonly { tool: string; args: Record<string, unknown> }[]) =>
  pending.map((c) => `${c.tool}:${String(c.args.name ?? c.args.disk)}`);

describe("a yes in words of its own confirms the pending plan", () => {
  for (const s of [
    "sweet as, go",
    "ta, go",
    "thx, go ahead",
    "lovely, do it",
    "brilliant, proceed",
    "righto",
    "ye",
    "yus, send it",
    "let's roll",
    "crack on mate",
    "That is acceptable. Proceed.",
    "Very good, carry on",
    "that's it, cheers, go",
    "👍",
    "👍🏽 go",
    "haan",
    "haan ji, go",
    "theek hai",
    "vas-y",
    "bitte ja",
    "claro, dale",
  ])
    it(`"${s}" confirms`, async () => {
      const { last } = await dialogue(DESKTOP, [...setup, s]);
      expect(last).toEqual({ confirm: true });
    });
});

describe("a no in words of its own runs nothing", () => {
  for (const s of [
    "hmm nah, not today",
    "Actually no, not now.",
    "nahi",
    "nein danke",
    "nope, not tonight",
    "nah mate",
    "non merci",
    "👎",
    "no ta",
  ])
    it(`"${s}" says no`, async () => {
      const { last } = await dialogue(DESKTOP, [...setup, s]);
      expect(last).toEqual({ confirm: false });
    });
});

describe("a yes answers the open offer, never the whole plan", () => {
  for (const s of ["ye", "righto", "sweet as", "haan", "👍", "lovely, do it", "ta, go", "theek hai"])
    it(`"${s}" after "Do you mean helix?" adds helix and confirms nothing`, async () => {
      const { conv, last } = await dialogue(DESKTOP, [...setup, "instal hx", s]);
      expect("confirm" in last).toBe(false);
      expect(planned(conv.pending)).toEqual([
        "partitionDisk:/dev/nvme0n1",
        "installRecipe:fd",
        "installRecipe:helix",
      ]);
    });

  for (const s of ["nah", "nahi", "nope, not today", "👎"])
    it(`"${s}" after the offer drops nothing from the plan`, async () => {
      const { conv, last } = await dialogue(DESKTOP, [...setup, "instal hx", s]);
      expect("reply" in last).toBe(true);
      expect(planned(conv.pending)).toEqual(["partitionDisk:/dev/nvme0n1", "installRecipe:fd"]);
    });
});

describe("a yes with nothing asked is a reply", () => {
  for (const s of ["ye", "righto", "sweet as, go", "👍", "haan", "lovely, do it"])
    it(`"${s}" on an empty plan plans and confirms nothing`, async () => {
      const { conv, last } = await dialogue(DESKTOP, [s]);
      expect("reply" in last).toBe(true);
      expect(conv.pending).toEqual([]);
    });
});

describe("a request or a question after such words is never a yes", () => {
  for (const s of [
    "righto, add bat too",
    "sweet, but use the seagate",
    "ye? what does that erase",
    "haan, btop bhi",
  ])
    it(`"${s}" does not confirm`, async () => {
      const { last } = await dialogue(DESKTOP, [...setup, s]);
      expect("confirm" in last && last.confirm).toBe(false);
    });
});
