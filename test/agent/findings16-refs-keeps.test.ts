import { describe, expect, it } from "vitest";
import { callsOf, erases, removes } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 9 H4: phrasal keeps the readers did not know ("hold on to git", "hang onto git",
 * "stick with git") took the removal verb before them: "remove fd, hold on to git" removed git.
 * They keep what they name (agent/rules/phrasalKeeps.ts); the removal before them still happens.
 */
const INST = fixtureFacts("findings16-a9-inst");
const DESK = fixtureFacts("findings16-desk");

const KEEPS = [
  "hold on to",
  "hold onto",
  "hang on to",
  "hang onto",
  "stick with",
  "hold",
  "cling to",
  "keep hold of",
  "i won't part with",
  "never part with",
  "hold fast to",
  "stick to",
];
const JOIN = [", ", " and ", " but ", "; ", ". "];

describe("a phrasal keep keeps the program (H4)", () => {
  KEEPS.forEach((k, i) => {
    const s = `${i % 2 ? "uninstall" : "remove"} fd${JOIN[i % JOIN.length]}${k} git`;
    it(`"${s}" removes fd, never git`, async () => {
      const { conv, decisions } = await dialogue(INST, [s]);
      const all = [...conv.pending, ...decisions.flatMap(callsOf)];
      expect(all.some(removes("git"))).toBe(false);
      expect(all.some(removes("fd"))).toBe(true);
    });
    const first = `${k} git, remove fd`;
    it(`"${first}" removes fd, never git`, async () => {
      const { conv, decisions } = await dialogue(INST, [first]);
      const all = [...conv.pending, ...decisions.flatMap(callsOf)];
      expect(all.some(removes("git"))).toBe(false);
    });
  });

  // the other direction: "hold on" (wait) is no keep of what follows
  it('"hold on, remove git" still removes git', async () => {
    const { conv, decisions } = await dialogue(INST, ["hold on, remove git"]);
    expect([...conv.pending, ...decisions.flatMap(callsOf)].some(removes("git"))).toBe(true);
  });

  for (const s of ["hang on to the 870, erase the wd", "erase the wd but hold onto the samsung 870"])
    it(`desk: "${s}" never erases the 870 (sda)`, async () => {
      const { conv, decisions } = await dialogue(DESK, [s, "yes"]);
      expect([...conv.pending, ...decisions.flatMap(callsOf)].some(erases("/dev/sda"))).toBe(false);
    });
});
