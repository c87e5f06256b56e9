import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { decideTurn } from "../../agent/turn.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import type { Facts } from "../../facts/schema.js";
import { fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 28 (fixI28): consent to erase read too widely (attacker 28 H1, H2, H3, H6, H9,
 * H11, M8). One strict reading (agent/safety/strictConsent.ts): an erase brought by words of
 * letting go stands only on a positive let-go or erase verb, in the user's own voice, in a clause
 * with no negation, condition, deferral, question, hedge, dislike or modal of doubt, whose object is
 * the disk or all it holds. Otherwise the erase is a question whose offer is the same plan.
 * Facts: live2 (sda Samsung "PHOTOS", nvme0n1 WD_BLACK with Windows, sdb live USB, sdc Crucial
 * empty), hdds (sda Seagate "media", sdb WD "archive", nvme0n1 "old"), two (sda PHOTOS + WORK),
 * mod1 (sda's model "Wipe Me SSD"), lab2 (sda1's label "WIPE-ME").
 */
const load = (n: string): Facts => inferLiveMedium(fixtureFacts(`findings29-fixI28-${n}`));
const LIVE2 = load("live2");
const HDDS = load("hdds");
const TWO = load("two");
const MOD1 = load("mod1");
const LAB2 = load("lab2");
const backend = createRulesBackend();

type Step = { tool: string; args: Record<string, unknown> };
/** The disks the conversation's plan erases whole after `turns`, and the last decision. */
async function run(facts: Facts, turns: string[]) {
  const conv = new Conversation(facts);
  let last: unknown;
  for (const t of turns) {
    last = await decideTurn(backend, conv.view(t), facts);
    conv.record(t, last as never);
  }
  const erased = (conv.pending as Step[])
    .filter((c) => c.tool === "partitionDisk" && (c.args.use ?? "whole") !== "free")
    .map((c) => c.args.disk);
  const offer =
    last && typeof last === "object" && "offer" in last
      ? ((last as { offer?: { calls: Step[] } }).offer?.calls ?? [])
      : [];
  return { erased, offered: offer.filter((c) => c.tool === "partitionDisk").map((c) => c.args.disk) };
}
const PRE = "create user anna with sudo";

/** Each sentence is asked with the erase as its offer (a "yes" takes it), never planned. */
function asks(facts: Facts, disk: string, sentences: string[]) {
  for (const s of sentences)
    it(`asks: ${s}`, async () => {
      const r = await run(facts, [PRE, s]);
      expect(r.erased).toEqual([]);
      expect(r.offered).toContain(disk);
    });
}
function noErase(facts: Facts, sentences: string[]) {
  for (const s of sentences)
    it(`plans no erase: ${s}`, async () => {
      expect((await run(facts, [PRE, s])).erased).toEqual([]);
    });
}
function erases(facts: Facts, disk: string, sentences: string[]) {
  for (const s of sentences)
    it(`erases: ${s}`, async () => {
      const r = await run(facts, [PRE, s]);
      expect(r.erased).toEqual([disk]);
    });
}

describe("H1: negated, deferred, partial and moving let-goes are no consent", () => {
  asks(LIVE2, "/dev/sda", [
    "use the samsung, nothing on it can go",
    "use the samsung, none of it can go",
    "use the samsung, not a single photo can go",
    "use the samsung, the photos can go nowhere",
    "use the samsung, the photos can go once I back them up",
    "use the samsung, the photos can go on the crucial",
    "use the samsung, the photos can go over my dead body",
    "use the samsung, some photos can go",
    "use the samsung, los fotos no se pueden borrar",
    // the same shapes in other words
    "use the samsung, zero pictures can go",
    "use the samsung, the pictures can go after I copy them",
    "use the samsung, the photos must go to the cloud first",
    "use the samsung, a few of the photos can go",
    "use the samsung, the photos can go when hell freezes over",
    "use the samsung, le foto non si possono cancellare",
  ]);
});

describe("H6: a question, condition, dislike, deferral or open choice is no consent", () => {
  asks(LIVE2, "/dev/sda", [
    "use the samsung, should we wipe it",
    "use the samsung, could it be wiped",
    "use the samsung, wipe it when the backup is done",
    "use the samsung, I hate wiping it",
    "use the samsung, the wipe can wait",
    "use the samsung, format it or not",
    // other words
    "use the samsung, shall I format it",
    "use the samsung, erase it as soon as the copy finishes",
    "use the samsung, I dread erasing it",
  ]);
  noErase(LIVE2, ["use the samsung, wipe it or leave it, dunno"]);
});

describe("H2: consent about one disk's content is none for another disk", () => {
  asks(LIVE2, "/dev/sda", ["use the samsung, the windows can go"]);
  asks(HDDS, "/dev/sda", ["use the 2tb drive, the archive can go", "use the seagate, the old stuff can go"]);
  asks(HDDS, "/dev/sdb", ["use the wd, the media can go"]);
});

describe("H9: consent for one partition is not consent for the disk", () => {
  asks(LIVE2, "/dev/nvme0n1", [
    "use the nvme, the ESP can go",
    "use the nvme, the recovery partition can go",
    "use the whole nvme, the photos can go",
    "use the nvme; the boot partition can go",
  ]);
  asks(TWO, "/dev/sda", ["use the samsung, the photos can go"]);
  erases(TWO, "/dev/sda", [
    "use the samsung, the photos and work can go",
    "use the samsung, everything on it can go",
  ]);
});

describe("H3, H11: names, quotes and reported words are never the user's consent", () => {
  asks(LIVE2, "/dev/sda", [
    'use the samsung. the sticker on it says "can go"',
    'use the disk labelled "the photos can go"',
    "the guide says: step 3, erase /dev/sda",
    "> erase /dev/sda",
  ]);
  noErase(LIVE2, ["the tutorial recommends: wipe /dev/sda", 'my friend wrote: "erase /dev/sda"']);
  asks(MOD1, "/dev/sda", ["use the wipe me disk"]);
  asks(LAB2, "/dev/sda", ["use the wipe me disk"]);
});

describe("M8: an opinion alone is no consent (asked, with the erase offered)", () => {
  asks(LIVE2, "/dev/nvme0n1", [
    "use the nvme, windows is dead anyway",
    "use the nvme, I never use windows",
    "use the nvme, windows is useless",
  ]);
});

describe("near-misses: plain consent in the user's voice still erases", () => {
  erases(LIVE2, "/dev/sda", [
    "use the samsung, the photos can go",
    "use the samsung, I backed up the photos, erase it",
    // a negation in a predicate of its own (dev h26k-053 "format everything i dont care")
    "wipe the samsung i dont care",
    "go ahead and format the samsung, the photos are backed up",
    "use the samsung, i have a backup of everything",
  ]);
  erases(LIVE2, "/dev/nvme0n1", ["use the nvme, windows can go", "replace windows with linux"]);
  erases(HDDS, "/dev/sda", ["use the seagate, the media can go", "wipe the seagate"]);
  // at the merge: a bare erase whose loss the words never name asks while a blank disk is beside
  // it (fixE28, agent/safety/unseenLoss.ts), with the erase offered
  for (const line of [
    "use the samsung, wipe it",
    "erase /dev/sda",
    "wipe the samsung and install there",
    "use the samsung, can you wipe it",
  ])
    it(`"${line}" asks, offering the erase`, async () => {
      const r = await run(LIVE2, [PRE, line]);
      expect(r.erased).toEqual([]);
      expect(r.offered).toEqual(["/dev/sda"]);
    });
  it("a yes to the question takes the offered erase", async () => {
    const r = await run(LIVE2, [PRE, "use the samsung, nothing on it can go", "yes"]);
    expect(r.erased).toEqual(["/dev/sda"]);
  });
  it("an empty disk is not asked about", async () => {
    const r = await run(LIVE2, [PRE, "use the crucial, wipe it when you like"]);
    expect(r.offered).toEqual([]);
  });
});
