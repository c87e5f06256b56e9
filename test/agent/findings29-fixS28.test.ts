import { describe, expect, it } from "vitest";
import { doubtedYes, firmYes } from "../../agent/safety/doubtedYes.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 29 (fixS28): tester 28 F37, attacker 28 M2, H10, M11: a yes with doubt, a
 * question mark, a contradiction or a withdrawal is no yes, at every place that takes a yes.
 */
const LIVE = inferLiveMedium(fixtureFacts("findings27-fixA26-live2")); // sda ext4 PHOTOS, nvme Windows, sdc Crucial empty

type Step = { tool: string; args: Record<string, unknown> };
const calls = (d: unknown): Step[] =>
  d && typeof d === "object" && "calls" in d ? ((d as { calls: Step[] }).calls ?? []) : [];
const confirms = (d: unknown): boolean =>
  !!d && typeof d === "object" && "confirm" in d && (d as { confirm?: boolean }).confirm === true;

const UNSURE = [
  "ok i think",
  "ok, i think",
  "yes i think",
  "yes, I think",
  "sure i think",
  "yes, I believe",
  "yes, hopefully",
  "yes... I hope",
  "yes, fingers crossed",
  "yes (I hope I backed them up)",
  "yes, pretty sure",
  "yep, fairly sure",
  "yes, for now",
  "yeah i reckon",
  "ok i assume",
  "yes I guess",
  "yes?",
  "ok??",
  "yes no",
  "yes... nah",
  "no... yes",
  "yes i mean no",
  "yes but keep it",
  "ok but don't",
  "sure, wait",
  "yes, or not",
  "yes, actually no",
  "yes, never mind",
];
const FIRM = [
  "yes",
  "y",
  "yes go",
  "yes, do it",
  "ok go ahead",
  "yes please",
  "sure",
  "yep, wipe it",
  "yes go, can't wait",
];

describe("F37, M2, H10: a yes with doubt is no yes", () => {
  for (const t of UNSURE)
    it(`"${t}" is no yes`, () => {
      expect(doubtedYes(t)).toBeDefined();
      expect(firmYes(t)).toBe(false);
    });
  for (const t of FIRM)
    it(`"${t}" stays a yes`, () => {
      expect(doubtedYes(t)).toBeUndefined();
      expect(firmYes(t)).toBe(true);
    });
  it("a no to the [y/N] prompt is no yes", () => {
    for (const t of ["", "n", "no", "maybe", "not sure", "i guess"]) expect(firmYes(t)).toBe(false);
  });

  for (const t of [
    "ok i think",
    "yes i think",
    "sure i think",
    "yes, hopefully",
    "yes?",
    "yes no",
    "yes, or not",
  ])
    it(`"${t}" runs no plan`, async () => {
      const { last } = await dialogue(LIVE, ["use the crucial", "create user anna with sudo", t]);
      expect(confirms(last)).toBe(false);
    });

  for (const t of [
    "yes, I think",
    "yes, hopefully",
    "yes, fingers crossed",
    "sure i think",
    "yes, for now",
    "yes no",
  ])
    it(`"${t}" to "Shall I erase it anyway?" erases nothing`, async () => {
      const { conv, last } = await dialogue(LIVE, ["create user anna with sudo", "use the samsung", t]);
      const all = [...conv.view("").pending, ...calls(last)] as Step[];
      expect(all.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(false);
    });

  it('a plain "yes" still takes the erase question and confirms the plan', async () => {
    const { conv } = await dialogue(LIVE, ["create user anna with sudo", "use the samsung", "yes"]);
    expect(conv.view("").pending.some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(
      true,
    );
    const { last } = await dialogue(LIVE, ["use the crucial", "create user anna with sudo", "yes"]);
    expect(confirms(last)).toBe(true);
  });
});

describe("M11: a hedged or withdrawn grant after a refusal grants nothing", () => {
  for (const t of [
    "give bob sudo after all, I guess",
    "give bob sudo after all, or not",
    "ok give bob sudo, i think",
    "make bob an admin after all, hopefully that's fine",
  ])
    it(`"${t}" keeps bob without sudo`, async () => {
      const { conv } = await dialogue(LIVE, ["create bob without sudo", t]);
      const users = conv.view("").pending.filter((c) => c.tool === "createUser");
      expect(users.some((c) => c.args.sudo === true)).toBe(false);
    });
  it('"give bob sudo after all" still grants', async () => {
    const { conv } = await dialogue(LIVE, ["create bob without sudo", "give bob sudo after all"]);
    expect(conv.view("").pending.some((c) => c.tool === "createUser" && c.args.sudo === true)).toBe(true);
  });
});

const INST = fixtureFacts("findings27-fixA26-inst2"); // installed: fd, bat

describe("H5, H7: a removal only from a plain request", () => {
  const removed = (d: unknown) =>
    calls(d)
      .filter((c) => c.tool === "removeRecipe")
      .map((c) => String(c.args.name));
  for (const t of [
    "remove bat, your call",
    "remove bat, whatever you think",
    "remove bat, up to you",
    "remove bat if you want",
    "remove bat, I guess",
    "remove bat, I think",
    "bat can go once I have something better",
    "bat can go nowhere",
    "bat can go to my other laptop",
    'remove "bat" from my list of worries',
  ])
    it(`"${t}" removes nothing now`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect(removed(last)).toEqual([]);
    });
  for (const t of [
    "remove fd, bat has my config",
    "remove fd; bat holds my themes",
    "remove fd. bat has my stuff",
  ])
    it(`"${t}" never removes or offers bat`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect(removed(last)).not.toContain("bat");
      expect(JSON.stringify(last)).not.toMatch(/"name":"bat"/);
    });
  it('"remove bat, i use it daily" keeps bat', async () => {
    const { last } = await dialogue(INST, ["remove bat, i use it daily"]);
    expect(removed(last)).toEqual([]);
    expect(JSON.stringify(last)).not.toMatch(/"name":"bat"/);
  });
  for (const t of [
    "remove bat",
    "remove fd and bat",
    "bat can go",
    "uninstall bat please",
    "can you remove bat?",
  ])
    it(`"${t}" still removes bat`, async () => {
      const { last } = await dialogue(INST, [t]);
      expect(removed(last)).toContain("bat");
    });
});
