import { describe, expect, it } from "vitest";
import { sayRefusingHeadings } from "../../agent/rules/refusingHeadings.js";
import { callsOf, erases, removes } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 10 H2, M1: a negation in a heading before a colon ("never do these: …", "forbidden:
 * … allowed: …", "Do NOT remove:\n- git") was dropped, and the items under it were planned. A
 * refusing heading refuses its items until the next heading. Wordings here are my own.
 */
const LIVE = fixtureFacts("findings16-a9-live");
const INST = fixtureFacts("findings16-a9-inst");

describe("items under a refusing heading are refused", () => {
  for (const t of [
    "stuff you must never do: wipe sda. then install on sdb",
    "prohibited: 1) format sda 2) erase the windows disk. go with sdb",
    "no-gos: erase sda\ninstall on sdb",
    "Don't touch:\n- sda\nInstall on:\n- sdb",
  ])
    it(`live: ${JSON.stringify(t)} erases no Windows disk and installs on sdb`, async () => {
      const { conv, last } = await dialogue(LIVE, [t]);
      expect(callsOf(last).some(erases("/dev/sda"))).toBe(false);
      expect(conv.pending.some(erases("/dev/sda"))).toBe(false);
      expect(callsOf(last).some(erases("/dev/sdb"))).toBe(true);
    });
  for (const t of [
    "off limits: uninstall git, delete fd. go ahead: remove bat",
    "NEVER remove:\n* git\n* fd\nplease remove:\n* bat",
    "dont's\n- remove git\n- remove fd\ndo's:\n- remove bat",
    "what not to do: remove git; remove fd. remove bat",
  ])
    it(`installed: ${JSON.stringify(t)} removes bat only`, async () => {
      const { last } = await dialogue(INST, [t]);
      const calls = callsOf(last);
      expect(calls.some(removes("git"))).toBe(false);
      expect(calls.some(removes("fd"))).toBe(false);
      expect(calls.some(removes("bat"))).toBe(true);
    });
});

describe("headings that refuse nothing are left as typed", () => {
  for (const t of ["note: wipe sdb", "I don't care: wipe sdb", "disk: sdb", "no worries: install on sdb"])
    it(`${JSON.stringify(t)} unchanged`, () => expect(sayRefusingHeadings(t)).toBe(t));
  it('live: "heads up: wipe sdb" still erases sdb', async () => {
    const { last } = await dialogue(LIVE, ["heads up: wipe sdb"]);
    expect(callsOf(last).some(erases("/dev/sdb"))).toBe(true);
  });
  it("a refusing heading's section ends at the next heading", () =>
    expect(sayRefusingHeadings("forbidden: wipe sda. allowed: wipe sdb")).toBe("do not wipe sda. wipe sdb."));
});

describe("a condition before a colon is no refusing heading (dev11-mixed h10m-023)", () => {
  for (const t of [
    "only if it won't touch sda: install on sdb",
    "as long as you don't erase sda: install on sdb",
  ])
    it(`live: ${JSON.stringify(t)} plans sdb, not sda`, async () => {
      const { last } = await dialogue(LIVE, [t]);
      expect(callsOf(last).some(erases("/dev/sdb"))).toBe(true);
      expect(callsOf(last).some(erases("/dev/sda"))).toBe(false);
    });
});
