import { describe, expect, it } from "vitest";
import { rewrite } from "../../agent/rewriteSteps.js";
import { clauses } from "../../agent/rules/clauses.js";
import { eraseSaid, removalSaid } from "../../agent/safety/directRequest.js";
import { fixtureFacts } from "./helpers/dialogue.js";

/**
 * The keep and refusal words of the other languages are listed twice: in the language tables
 * (agent/rules/languageTables.ts, said in English before any reader) and in the direct-request
 * reader (agent/safety/directRequest.ts). The second list is not dead: these turns reach the reader
 * untranslated, and only its own words keep what they keep.
 */

const facts = fixtureFacts("live-samsung-wd");
const ctx = { facts, last: undefined, pending: [], offer: undefined };
const said = (typed: string) => rewrite(typed, ctx).text;

describe("foreign keep and refusal words the translation leaves to the direct-request reader", () => {
  it("a keep word glued to the word before it by a mark is read as typed, and still keeps", () => {
    expect(said("remove htop,behalte git")).toContain("behalte");
    expect(removalSaid(said("remove htop,behalte git"), "git")).toBe("blocked");
    expect(removalSaid(said("entferne htop,garde git"), "git")).toBe("blocked");
    expect(eraseSaid(said("lösche nvme0n1,behalte sda"), "/dev/sda", facts)).toBe("blocked");
  });

  it("keep and refusal words no language table holds still keep", () => {
    for (const [typed, target] of [
      ["remove htop, lass git", "git"],
      ["remove htop. nunca git", "git"],
    ] as const) {
      expect(said(typed)).toBe(typed);
      expect(removalSaid(said(typed), target), typed).toBe("blocked");
    }
    expect(eraseSaid(said("erase nvme0n1, conserve sda"), "/dev/sda", facts)).toBe("blocked");
  });

  it("a translated keep reaches the reader in English", () => {
    expect(said("behalte git, entferne htop")).toBe("keep git, remove htop");
    expect(removalSaid(said("behalte git, entferne htop"), "git")).toBe("blocked");
    expect(removalSaid(said("behalte git, entferne htop"), "htop")).toBe("request");
  });
});

describe("accented spellings in the direct-request reader's lists", () => {
  it("can never match: clause words are ASCII, an accented word is read in pieces", () => {
    for (const typed of ["mantém sda", "mantén sda", "não git", "lösche git nicht", "désinstalle git"]) {
      const words = clauses(typed).flatMap((c) => c.w);
      expect(words.length, typed).toBeGreaterThan(0);
      for (const w of words) expect(w, typed).toMatch(/^[a-z0-9/'_.-]+$/);
    }
    expect(clauses("mantém sda").flatMap((c) => c.w)).not.toContain("mantém");
    expect(clauses("não git").flatMap((c) => c.w)).not.toContain("não");
  });

  it("their unaccented spellings still keep and refuse", () => {
    expect(removalSaid("remove htop,mantem git", "git")).toBe("blocked");
    expect(removalSaid("remove htop,nao git", "git")).toBe("blocked");
  });
});
