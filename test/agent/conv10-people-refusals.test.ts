import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round ten: a request answered with a refusal or disbelief in the same turn ("remove fd?
 * over my dead body", "delete htop, are you kidding") is a refusal: a reply with nothing offered,
 * whichever reader made the offer, so a "yes" after it takes nothing (agent/safety/evidence.ts
 * screenOffer, agent/safety/requestForm.ts refusalIdiom). Sentences of our own, in no data set.
 * Machines: installed with fd, bat, jq, helix (findings3-d); two disks that hold data (findings6-a).
 */
const D = fixtureFacts("findings3-d");
const A = fixtureFacts("findings6-a");
type Call = { tool: string; args?: unknown };
const offered = (d: unknown): Call[] => (d as { offer?: { calls: Call[] } }).offer?.calls ?? [];
const destructive = (cs: readonly Call[]) =>
  cs.filter(
    (c) =>
      c.tool === "removeRecipe" ||
      (c.tool === "partitionDisk" && (c.args as { use?: string }).use !== "free"),
  );

describe("a removal refused in the same breath is neither planned nor offered", () => {
  for (const line of [
    "remove fd? over my dead body",
    "delete bat, are you kidding",
    "uninstall jq?? you must be joking",
    "remove helix? in your dreams",
    "get rid of fd? yeah right",
    "nuke bat lol are u serious",
    "uninstall jq, not in a million years",
    "remove fd?? dude are you crazy",
  ]) {
    it(`"${line}" → a reply, nothing offered; "yes" after it removes nothing`, async () => {
      const { conv, decisions } = await dialogue(D, [line, "yes"]);
      expect(decisions[0]).toHaveProperty("reply");
      expect(destructive(offered(decisions[0]))).toEqual([]);
      expect(destructive(conv.pending)).toEqual([]);
    });
  }
});

describe("an erase refused in the same breath is neither planned nor offered", () => {
  for (const line of [
    "wipe sda, are you kidding",
    "erase the samsung? over my dead body",
    "format sda?? you're joking right",
    "use the samsung? not in a million years",
    "the samsung? in your dreams",
    "nuke sda lol as if",
  ]) {
    it(`"${line}" then "ok" erases nothing`, async () => {
      const { conv, decisions } = await dialogue(A, [line, "ok"]);
      expect(destructive(offered(decisions[0]))).toEqual([]);
      expect(destructive(conv.pending)).toEqual([]);
    });
  }
});

describe("a refusal idiom elsewhere does not block a plain request", () => {
  for (const [line, name] of [
    ["remove fd pls", "fd"],
    ["remove bat, its useless", "bat"],
    ["jq is useless. remove it", "jq"],
    ["uninstall helix thanks", "helix"],
    ["nuke bat lol", "bat"],
    ["uninstall fd, i never use it", "fd"],
  ] as const) {
    it(`"${line}" removes ${name}`, async () => {
      const { conv } = await dialogue(D, [line]);
      expect(conv.pending).toContainEqual({ tool: "removeRecipe", args: { name } });
    });
  }
  it('an offer of what the words only did not say stays: "i dont use bat anymore"', async () => {
    const { last } = await dialogue(D, ["i dont use bat anymore"]);
    expect(offered(last)).toContainEqual({ tool: "removeRecipe", args: { name: "bat" } });
  });
});
