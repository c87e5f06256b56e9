import { describe, expect, it } from "vitest";
import type { Conversation } from "../../agent/conversation.js";
import { ackToUnnamedLoss } from "../../agent/safety/ackNotConsent.js";
import type { ConversationView } from "../../agent/types.js";
import type { Offer } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * agent/safety/ackNotConsent.ts: an "ok" takes an offered erase or removal only of what the person
 * named. Named means asked for ("install on the games drive", "the games drive" as an answer), never
 * said where it is kept, refused or asked about ("don't touch the games drive", "is the games drive
 * empty?"): those words choose nothing, so a thanks after them must not erase the disk.
 */

const TWIN = fixtureFacts("t12-twin"); // sda: Windows; sdb: ext4 "games"; sdc: the live stick
const INSTALLED = fixtureFacts("installed");

const erases = (conv: Conversation, disk: string) =>
  conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === disk && c.args.use !== "free");

const ERASE_SDB: Offer = {
  calls: [
    {
      tool: "partitionDisk",
      args: { disk: "/dev/sdb", use: "whole", filesystem: "ext4", encrypt: false, separateHome: false },
    },
  ],
};

/** A view after `said` (each answered with a plain reply), now answered with `user`. */
function viewAfter(said: string[], user: string, offer: Offer): ConversationView {
  return {
    turns: said.map((u) => ({ user: u, decision: { reply: "OK." } })),
    pending: [],
    entities: [],
    user,
    offer,
  } as ConversationView;
}

describe("a disk said only where it was asked about or refused is not named (the ok takes nothing)", () => {
  it('"is the games drive empty?", "windows stays", "cool": /dev/sdb is not erased, the question comes again', async () => {
    const { conv } = await dialogue(TWIN, ["is the games drive empty?", "windows stays", "cool"]);
    expect(erases(conv, "/dev/sdb")).toBe(false);
    // round 21: the keep names the disk left and the words that erase it, and offers nothing
    const keep = conv.turns[1]!.decision;
    expect("reply" in keep && keep.reply).toMatch(/erase \/dev\/sdb, I don't need what's on it/);
    expect("offer" in keep && keep.offer).toBeFalsy();
  });

  it('the same with a plain "yes" erases nothing (round 21: tester 16 D1, tester 17 D2)', async () => {
    const { conv } = await dialogue(TWIN, ["is the games drive empty?", "windows stays", "yes"]);
    expect(erases(conv, "/dev/sdb")).toBe(false);
  });

  for (const refused of [
    "don't touch the games drive",
    "do not wipe the games drive",
    "is the games drive empty?",
    "the samsung? no idea what's on it",
  ])
    it(`"${refused}" then "ok" to the erase of /dev/sdb asks again`, () => {
      const asked = ackToUnnamedLoss(ERASE_SDB, viewAfter([refused], "ok", ERASE_SDB), TWIN);
      expect(asked?.reply).toMatch(/never named it/);
      expect(asked?.offer).toEqual(ERASE_SDB);
    });

  for (const chosen of ["install on the games drive", "the games drive", "use the samsung", "wipe sdb"])
    it(`"${chosen}" names it: "ok" takes the offer as before`, () => {
      expect(ackToUnnamedLoss(ERASE_SDB, viewAfter([chosen], "ok", ERASE_SDB), TWIN)).toBeUndefined();
    });

  it("a turn that refuses it and a later one that asks for it: named", () => {
    const view = viewAfter(
      ["don't touch the games drive", "actually install on the games drive"],
      "ok",
      ERASE_SDB,
    );
    expect(ackToUnnamedLoss(ERASE_SDB, view, TWIN)).toBeUndefined();
  });
});

describe("a program said only where it was kept or asked about is not named", () => {
  const program = INSTALLED.installed[0]!;
  const REMOVE: Offer = { calls: [{ tool: "removeRecipe", args: { name: program } }] };
  for (const kept of [`keep ${program}`, `don't remove ${program}`, `is ${program} still needed?`])
    it(`"${kept}" then "thanks" to its removal asks again`, () => {
      expect(ackToUnnamedLoss(REMOVE, viewAfter([kept], "thanks", REMOVE), INSTALLED)?.reply).toMatch(
        new RegExp(`remove ${program}, and you never named it`),
      );
    });
  it(`"remove ${program}" names it`, () => {
    expect(
      ackToUnnamedLoss(REMOVE, viewAfter([`remove ${program}`], "thanks", REMOVE), INSTALLED),
    ).toBeUndefined();
  });
});
