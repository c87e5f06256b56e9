import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, convB class 2: a clause the request-form gate judges as talk ("wiping sda is the last
 * thing i want") records the protection it says, the same way whichever path reads the words
 * (the view a backend sees and the record the chat keeps); "no need to keep sda" keeps nothing and
 * lifts an earlier keep. Sentences of our own, in no data set.
 */

const f = fixtureFacts("findings6-a"); // sda: Samsung "backup", nvme0n1: WD "games", sdb: live USB

const callsOf = (d: Decision): PlanCall[] => [
  ...(("calls" in d ? d.calls : []) as PlanCall[]),
  ...(("reply" in d && d.offer ? d.offer.calls : []) as PlanCall[]),
];
const keptDisks = (c: Conversation) => c.protections.flatMap((p) => ("disk" in p ? [p.disk] : []));

describe("an erase said as talk keeps the disk it names", () => {
  it.each([
    ["wiping sda is the last thing i want", "/dev/sda"],
    ["sda and wiping dont mix", "/dev/sda"],
    ["that would suck if the samsung got wiped", "/dev/sda"],
    ["losing the wd would be a disaster", "/dev/nvme0n1"],
    ["formatting the samsung = nightmare", "/dev/sda"],
    ["erasing sda would make me cry", "/dev/sda"],
    ["if sda got wiped id be furious", "/dev/sda"],
  ])("%s keeps %s, in the view and in the record", async (words, disk) => {
    const conv = new Conversation(f);
    expect(conv.view(words).protections?.some((p) => "disk" in p && p.disk === disk)).toBe(true);
    const { conv: after, last } = await dialogue(f, [words]);
    expect(keptDisks(after)).toContain(disk);
    expect(callsOf(last).filter((c) => c.tool === "partitionDisk" && c.args.disk === disk)).toEqual([]);
  });

  it.each(["ok", "sure use it", "yes", "the samsung then"])(
    "'sda and wiping dont mix', then %s: sda is never erased",
    async (next) => {
      const { conv, last } = await dialogue(f, ["sda and wiping dont mix", next]);
      expect(callsOf(last).filter((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toEqual(
        [],
      );
      expect(conv.pending.filter((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toEqual(
        [],
      );
    },
  );
});

describe("approval, a request or a question keeps nothing", () => {
  it.each([
    "wiping sda is fine",
    "you can wipe the samsung after all",
    "does that erase my backup",
    "erase sda",
    "i want sda wiped",
    "please format the wd",
  ])("%s", async (words) => {
    const { conv } = await dialogue(f, [words]);
    expect(keptDisks(conv)).toEqual([]);
  });
});

describe("no need to keep", () => {
  it.each(["no need to keep sda", "dont have to keep the samsung", "there's no need to keep the wd anymore"])(
    "%s keeps nothing",
    async (words) => {
      const { conv } = await dialogue(f, [words]);
      expect(keptDisks(conv)).toEqual([]);
    },
  );

  it("lifts an earlier keep of that disk, and only of it", async () => {
    const { conv } = await dialogue(f, ["keep the samsung and the wd", "no need to keep the wd"]);
    expect(keptDisks(conv)).toEqual(["/dev/sda"]);
  });
});

describe("a disk said to be beyond reach is kept (tester 6, tester 7 D14)", () => {
  it.each([
    ["the samsung is sacred", "/dev/sda"],
    ["sda is off the table", "/dev/sda"],
    ["the wd is untouchable, use the samsung", "/dev/nvme0n1"],
    ["honestly the wd is sacred to me", "/dev/nvme0n1"],
    ["sda? off the table", "/dev/sda"],
    ["the samsung is precious", "/dev/sda"],
  ])("%s keeps %s, and a later pick of it is refused", async (words, disk) => {
    const { conv } = await dialogue(f, [words, `install on ${disk}`, "yes"]);
    expect(keptDisks(conv)).toContain(disk);
    expect(conv.pending.filter((c) => c.tool === "partitionDisk" && c.args.disk === disk)).toEqual([]);
  });
});
