import { describe, expect, it } from "vitest";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 29 (fixE29): plain informed consent to erase is consent again
 * (agent/safety/strictConsent.ts), while a question, a negation, a condition, a deferral, a hedge
 * or someone else's words still ask.
 * - the closed class of slang erase verbs ("torch it", "yeet windows", "obliterate the nvme")
 * - a passive let-go said now ("windows is being evicted", "windows gets wiped")
 * - "I'm done with it" in the person's own voice
 * - a contracted pointer ("thats junk", "its junk") points at the disk like "that"
 * - "after all" is no deferral ("after all my photos are copied" still is)
 */
const WIN = inferLiveMedium(fixtureFacts("findings30-fixE29-win")); // nvme0n1: Windows only; sda: live USB
const OLD = inferLiveMedium(fixtureFacts("findings30-fixE29-oldstuff")); // nvme0n1 Windows, sdb "OLD_STUFF", sda USB

const wholeOn = (d: object, disk: string) =>
  "calls" in d &&
  (d as { calls: { tool: string; args: { disk?: string; use?: string } }[] }).calls.some(
    (c) => c.tool === "partitionDisk" && c.args.disk === disk && c.args.use === "whole",
  );

describe("plain informed consent plans the erase", () => {
  const GO = [
    "yeet windows, i'm done with it. whole drive for linux",
    "I'm done with windows, use the whole disk",
    "purge windows, whole drive",
  ];
  for (const line of GO)
    it(line, async () => {
      const { last } = await dialogue(WIN, [line]);
      expect(wholeOn(last, "/dev/nvme0n1")).toBe(true);
    });

  for (const line of [
    "ok thats junk from my old laptop, install on it, windows stays on the nvme",
    "its junk from my old pc, install on it and leave windows alone",
  ])
    it(`after "whats on sdb": ${line}`, async () => {
      const { last } = await dialogue(OLD, ["whats on sdb", line]);
      expect(wholeOn(last, "/dev/sdb")).toBe(true);
      expect(wholeOn(last, "/dev/nvme0n1")).toBe(false);
    });
});

describe("near misses still ask (no erase planned)", () => {
  const ASK = [
    "should I torch windows and use the whole drive?",
    "don't torch windows, whole drive for linux? no, the free space",
    "whole drive for linux once windows is backed up, then torch it",
    "maybe yeet windows, use the whole drive",
    "windows is not being evicted. take the whole disk",
    "my friend said: torch it, whole drive",
    "Windows is being evicted after my photos are copied. Take the whole place.",
    "I'm not done with windows, whole disk",
    "is windows getting wiped if I use the whole disk",
  ];
  for (const line of ASK)
    it(line, async () => {
      const { last } = await dialogue(WIN, [line]);
      expect(wholeOn(last, "/dev/nvme0n1")).toBe(false);
    });
});
