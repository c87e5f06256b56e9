import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { decideTurn } from "../../agent/turn.js";
import { inferLiveMedium } from "../../facts/liveMedium.js";
import { chatTranscript } from "./helpers/chat.js";
import { fixtureFacts } from "./helpers/dialogue.js";

/**
 * Round 25, the lead: tester 25's DANGEROUS-1. "keep the WD", then /reset, then "use the biggest":
 * the reset had forgotten the protection, and one yes planned the erase of the kept photos disk.
 */
const PHOTOS = inferLiveMedium(fixtureFacts("findings26-lead-desktop-photos")); // nvme0n1 blank, WD sda "photos", live sdc

async function afterReset(before: string[], after: string[]) {
  const conv = new Conversation(PHOTOS);
  const backend = createRulesBackend();
  const say = async (line: string) => conv.record(line, await decideTurn(backend, conv.view(line), PHOTOS));
  for (const l of before) await say(l);
  conv.reset();
  for (const l of after) await say(l);
  return conv;
}

const erases = (conv: Conversation, disk: string) =>
  conv.pending.some((c) => c.tool === "partitionDisk" && c.args.disk === disk);

describe("DANGEROUS-1: /reset keeps what the user said to keep", () => {
  for (const keep of ["keep the WD", "dont touch the 4tb", "the WD has my photos, leave it alone"])
    it(`"${keep}" / use nvme / reset / use the biggest / yes: the WD is never planned`, async () => {
      const conv = await afterReset([keep, "use nvme"], ["use the biggest", "yes", "erase it"]);
      expect(conv.protections.length).toBeGreaterThan(0);
      expect(erases(conv, "/dev/sda")).toBe(false);
    });

  it("the plan, the turns and the open question are gone", async () => {
    const conv = await afterReset(["keep the WD", "use nvme", "user bob sudo"], []);
    expect(conv.pending).toEqual([]);
    expect(conv.turns).toEqual([]);
    expect(conv.undo()).toBe(false);
  });

  it("the user's own words still release it after the reset", async () => {
    const conv = await afterReset(["keep the WD", "use nvme"], ["erase /dev/sda, I don't need what's on it"]);
    expect(erases(conv, "/dev/sda")).toBe(true);
  });

  it("near miss: without a keep, the reset leaves nothing kept and the nvme can be chosen again", async () => {
    const conv = await afterReset(["use nvme", "user bob sudo"], ["use the nvme"]);
    expect(conv.protections).toEqual([]);
    expect(erases(conv, "/dev/nvme0n1")).toBe(true);
  });

  it("the chat says what is still kept after /reset", async () => {
    const { out } = await chatTranscript(PHOTOS, ["keep the WD", "use nvme", "/reset"]);
    expect(out).toMatch(
      /Started over: the plan is empty\. What you asked me to keep is still kept: \/dev\/sda/,
    );
    const plain = await chatTranscript(PHOTOS, ["use nvme", "/reset"]);
    expect(plain.out).toContain("Started over: the plan is empty.\n");
  });
});

/**
 * Attacker 25, H2: two /undo after "keep my photos" (or "keep windows", "no sudo for bob") brought
 * the erase (or the sudo) back beside its own "kept:" line, and "yes" ran it. One turn had pushed
 * two undo entries, /undo restored steps without the screen, and "yes" compiled the plan without
 * it. Now /undo never restores a step the protections forbid, and the screen runs before a plan
 * is compiled.
 */
const LIVE2 = inferLiveMedium(fixtureFacts("findings26-lead-live2")); // sda Samsung "PHOTOS", nvme0n1 Windows + free, sdb live

describe("H2: /undo never brings back what the user said to keep", () => {
  // after the two /undo no disk is planned ("yes" would only say "Not ready yet"): the plan is read
  for (const [name, lines, disk] of [
    [
      "keep my photos",
      ["create user anna with sudo", "erase the samsung and install there", "keep my photos"],
      "/dev/sda",
    ],
    ["keep windows", ["create user anna with sudo", "format the WD", "keep windows"], "/dev/nvme0n1"],
  ] as const)
    it(`${name}, /undo, /undo: the erase stays out of the plan`, async () => {
      const { out } = await chatTranscript(LIVE2, [...lines, "/undo", "/undo", "/plan"]);
      expect(out).toMatch(/Undone, except what stays out of the plan: .*\(you asked me to keep /);
      const plan = out.slice(out.lastIndexOf("Plan:"));
      expect(plan).not.toContain(`erase ${disk}`);
      expect(plan).toMatch(/kept: /);
    });

  it("no sudo for bob, /undo, /undo, yes: bob is never reviewed with sudo", async () => {
    const { out } = await chatTranscript(LIVE2, [
      "install on the nvme alongside windows",
      "create user bob with sudo",
      "no sudo for bob",
      "/undo",
      "/undo",
      "yes",
    ]);
    // Since fixT26 (round 25) a "no sudo" keeps the account without sudo, so the first /undo
    // comes back to that plan with the refusal still shown, never to the grant.
    const undone = out.slice(out.indexOf("you> /undo"));
    expect(undone).toMatch(/^you> \/undo\nlevitate> Undone[\s\S]*?kept: bob without sudo/);
    expect(undone).not.toMatch(/--groups wheel bob|\d\. create user bob with sudo/);
  });

  it("one turn is one /undo: the turn that kept the photos is undone by the first /undo", async () => {
    const { out } = await chatTranscript(LIVE2, [
      "create user anna with sudo",
      "erase the samsung and install there",
      "keep my photos",
      "/undo",
    ]);
    const after = out.slice(out.lastIndexOf("levitate> Undone"));
    expect(after).toMatch(/^levitate> Undone, except what stays out of the plan: erase \/dev\/sda/);
  });

  it("near miss: /undo of an ordinary change says Undone. and takes it back", async () => {
    const conv = new Conversation(LIVE2);
    const b = createRulesBackend();
    for (const l of ["use the nvme alongside windows", "add ripgrep"])
      conv.record(l, await decideTurn(b, conv.view(l), LIVE2));
    expect(conv.undo()).toBe(true);
    expect(conv.withheld).toEqual([]);
    expect(conv.pending.map((c) => c.tool)).toEqual(["partitionDisk"]);
    const { out } = await chatTranscript(LIVE2, ["add ripgrep", "/undo"]);
    expect(out).toContain("levitate> Undone.\n");
  });

  it("the screen before confirmation takes out a forbidden step whatever put it there", async () => {
    const conv = new Conversation(LIVE2);
    const b = createRulesBackend();
    for (const l of ["create user anna with sudo", "keep my photos"])
      conv.record(l, await decideTurn(b, conv.view(l), LIVE2));
    conv.pending.push({ tool: "partitionDisk", args: { disk: "/dev/sda", use: "whole" } } as never);
    const out = conv.screen();
    expect(out.map((r) => r.call.tool)).toEqual(["partitionDisk"]);
    expect(conv.pending.map((c) => c.tool)).toEqual(["createUser"]);
  });
});
