import { describe, expect, it } from "vitest";
import { sayExcludedPerson } from "../../agent/rules/excludedPerson.js";
import { callsOf, sudoFor } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 12 D8: "give sudo to whoever isn't tom" gave tom sudo; installed mode printed
 * "usermod -aG wheel kid" for "whoever isnt kid". A person described by exclusion is never the one
 * granted (agent/rules/excludedPerson.ts).
 */
const DESK = fixtureFacts("findings16-desk");
const INST = fixtureFacts("findings16-inst");

const WHO = [
  "whoever",
  "anyone who",
  "whichever one",
  "the one that",
  "anybody that",
  "the user who",
  "whomever",
];
const ISNT = ["isnt", "isn't", "aint", "is not", "ain't", "isn’t"];
const FRAMES = [
  (x: string) => `give sudo to ${x} tom`,
  (x: string) => `make ${x} tom an admin`,
  (x: string) => `sudo for ${x} tom`,
  (x: string) => `admin rights go to ${x} tom`,
];

describe("sudo for whoever isn't X never goes to X (D8)", () => {
  WHO.forEach((who, i) => {
    for (const k of [i, i + 3]) {
      const s = FRAMES[k % FRAMES.length]!(`${who} ${ISNT[k % ISNT.length]}`);
      it(`desk: "${s}" gives tom no sudo`, async () => {
        const { conv, decisions } = await dialogue(DESK, ["erase the nvme", "users ann and tom", s, "yes"]);
        expect([...conv.pending, ...decisions.flatMap(callsOf)].some(sudoFor("tom"))).toBe(false);
      });
    }
  });

  for (const s of ["give sudo to whoever isnt kid", "give sudo to anyone who isnt the kid"])
    it(`installed: "${s}" never advises usermod for kid`, async () => {
      const { decisions } = await dialogue(INST, [s]);
      const text = JSON.stringify(decisions);
      expect(text).not.toMatch(/usermod -aG wheel kid/);
      expect(decisions.flatMap(callsOf).some(sudoFor("kid"))).toBe(false);
    });

  // the other direction: a description is not a person ruled out, and plain grants still grant
  it("a description after the negation is left as it is", () => {
    expect(sayExcludedPerson("add tom, the one who isn't an admin")).toBe(
      "add tom, the one who isn't an admin",
    );
    expect(sayExcludedPerson("whoever is not allowed sudo")).toBe("whoever is not allowed sudo");
    expect(sayExcludedPerson("give sudo to whoever isnt tom")).toBe("give sudo to everyone except tom");
  });
  it('"users ann and tom", "give ann sudo" still gives ann sudo', async () => {
    const { conv } = await dialogue(DESK, ["erase the nvme", "users ann and tom", "give ann sudo"]);
    expect(conv.pending.some(sudoFor("ann"))).toBe(true);
    expect(conv.pending.some(sudoFor("tom"))).toBe(false);
  });
});
