import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { onlyAcknowledges } from "../../agent/safety/ackNotConsent.js";
import { decideTurn } from "../../agent/turn.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Tester 12 D5: a thanks for "OK, kept" took the erase offered after it. An acknowledgement is no
 * consent to erase a disk the person never named; a plain yes still is.
 */

function facts(name: string): Facts {
  return FactsSchema.parse(
    JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")),
  );
}
const TWIN = facts("t12-twin");
const DESK = facts("t12-desk");

const erases = (conv: Conversation, disk: string) =>
  conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === disk && c.args.use !== "free");

describe("an acknowledgement of a keep erases nothing (tester 12 D5)", () => {
  for (const ack of [
    "k thx",
    "cool",
    "great thanks",
    "perfect!",
    "good",
    "alright",
    "👍",
    "ok good",
    "nice ty",
    "ok",
  ])
    it(`"windows stays" then "${ack}" leaves /dev/sdb alone and asks again`, async () => {
      const { conv } = await dialogue(TWIN, ["windows stays", ack]);
      expect(erases(conv, "/dev/sdb")).toBe(false);
      // the keep's reply names the disk left and the words that erase it (no offer to "yes")
      const first = conv.turns[0]!.decision;
      expect("reply" in first && first.reply).toMatch(/erase \/dev\/sdb, I don't need what's on it/);
    });
  for (const ack of ["thanks a lot", "cool cool", "🙏"])
    it(`"dont touch the 870 or the 990" then "${ack}" erases no Ubuntu disk`, async () => {
      const { conv } = await dialogue(DESK, ["dont touch the 870 or the 990", ack]);
      expect(erases(conv, "/dev/sdb")).toBe(false);
    });
  // round 21 (tester 16 D1, tester 17 D2): after only keeps, a disk left that holds data and that
  // the person never named is no offer a reflexive yes takes; its own words erase it
  for (const yes of ["yes", "yeah", "sure", "do it", "go ahead"])
    it(`a plain "${yes}" after the keep erases nothing the person never named`, async () => {
      const { conv } = await dialogue(TWIN, ["windows stays", yes]);
      expect(erases(conv, "/dev/sdb")).toBe(false);
    });
  it("\"erase /dev/sdb, I don't need what's on it\" after the keep erases it", async () => {
    const { conv } = await dialogue(TWIN, [
      "windows stays",
      "cool",
      "erase /dev/sdb, I don't need what's on it",
    ]);
    expect(erases(conv, "/dev/sdb")).toBe(true);
  });
  it('"ok" to the erase of a disk the person named still takes it', async () => {
    const { conv } = await dialogue(TWIN, ["keep windows, install on the games drive", "ok"]);
    expect(erases(conv, "/dev/sdb")).toBe(true);
  });
  it('"ok" still confirms a plan the person built', async () => {
    const conv = new Conversation(TWIN);
    const backend = createRulesBackend();
    for (const line of ["wipe sdb"]) conv.record(line, await decideTurn(backend, conv.view(line), TWIN));
    const d = await decideTurn(backend, conv.view("ok"), TWIN);
    expect(d).toEqual({ confirm: true });
  });
  it("tells acknowledgements from yes words", () => {
    expect(onlyAcknowledges("k thx")).toBe(true);
    expect(onlyAcknowledges("👍👍")).toBe(true);
    expect(onlyAcknowledges("yes")).toBe(false);
    expect(onlyAcknowledges("ok erase it")).toBe(false);
    expect(onlyAcknowledges("sure thanks")).toBe(false);
  });
});
