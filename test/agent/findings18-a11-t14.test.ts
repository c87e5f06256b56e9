import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { callsOf, sudoFor } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Attacker 11 H1/L5: a sudo grant binds to the name its own clause names ("give sudo to bob",
 * "bob is the admin", "sudo goes to bob"); that name is an account to create, and a grant said as a
 * correction moves it (agent/safety/sudoRecipients.ts). Tester 14 D1: a negator after the sudo word
 * ("sudo negative", "admin negatory", "sudo no way") refuses it (agent/safety/sudoRefusalWords.ts).
 */
const DESK = fixtureFacts("findings16-desk");
const PHOTOS = fixtureFacts("findings18-t14-photos");
const INSTALLED = fixtureFacts("installed");

const user = (name: string) => (c: PlanCall) => c.tool === "createUser" && c.args.username === name;

async function plan(lines: string[], facts = DESK) {
  const { conv, decisions, last } = await dialogue(facts, lines);
  return { plan: conv.pending, last, all: decisions.flatMap(callsOf) };
}

describe("a sudo grant goes to the name its clause names, who is created", () => {
  for (const line of [
    "create user anna and give sudo to bob",
    "add user anna (bob is the admin)",
    "create user anna; sudo goes to bob",
    "create user anna, admin rights go to bob",
    "add user anna and grant admin to bob",
    "create user anna. bob will be the administrator",
  ])
    it(`"${line}": anna without sudo, bob with it`, async () => {
      const { plan: p } = await plan(["erase the nvme", line]);
      expect(p.some(user("anna"))).toBe(true);
      expect(p.some(sudoFor("anna"))).toBe(false);
      expect(p.some(sudoFor("bob"))).toBe(true);
    });

  it("a grant said as a correction moves it: anna loses sudo, bob gets it", async () => {
    const { plan: p } = await plan([
      "erase the nvme",
      "create user anna with sudo",
      "actually give sudo to bob instead",
    ]);
    expect(p.some(user("anna"))).toBe(true);
    expect(p.some(sudoFor("anna"))).toBe(false);
    expect(p.some(sudoFor("bob"))).toBe(true);
  });

  it("a grant said plainly later adds bob and leaves anna's sudo as it was", async () => {
    const { plan: p } = await plan(["erase the nvme", "create user anna with sudo", "also give sudo to bob"]);
    expect(p.some(sudoFor("anna"))).toBe(true);
    expect(p.some(sudoFor("bob"))).toBe(true);
  });

  it("a grant of anna's own beside bob's stands", async () => {
    const { plan: p } = await plan(["erase the nvme", "create user anna with sudo and give sudo to bob"]);
    expect(p.some(sudoFor("anna"))).toBe(true);
    expect(p.some(sudoFor("bob"))).toBe(true);
  });

  for (const line of [
    "create user anna and dont give sudo to bob",
    "create user anna. should sudo go to bob?",
    "create user anna, give sudo to her",
    "create user anna, sudo for now, bob later",
  ])
    it(`"${line}": no sudo for bob from these words`, async () => {
      const { all } = await plan(["erase the nvme", line]);
      expect(all.some(sudoFor("bob"))).toBe(false);
    });

  it("a name that already has an account gets a reply, and nobody gets sudo", async () => {
    const { last, all } = await plan(["create user anna and give sudo to vince"], INSTALLED);
    expect("reply" in last).toBe(true);
    expect(all.some((c) => c.tool === "createUser" && c.args.sudo === true)).toBe(false);
  });
});

describe("a negator after the sudo word refuses it (tester 14 D1)", () => {
  for (const line of [
    "user kim sudo negative",
    "user kim admin negatory",
    "user kim sudo no way",
    "user kim sudo nah",
    "user kim sudo nope",
    "use the nvme, keep the photos disk, user al with sudo, user kim sudo negative",
  ])
    it(`"${line}": kim without sudo`, async () => {
      const { plan: p, all } = await plan([line], PHOTOS);
      expect([...p, ...all].some(user("kim"))).toBe(true);
      expect([...p, ...all].some(sudoFor("kim"))).toBe(false);
    });

  it("the grant beside it still stands", async () => {
    const { all } = await plan(
      ["use the nvme, keep the photos disk, user al with sudo, user kim sudo negative"],
      PHOTOS,
    );
    expect(all.some(sudoFor("al"))).toBe(true);
  });

  it('"user kim with sudo" still grants', async () => {
    const { all } = await plan(["user kim with sudo"], PHOTOS);
    expect(all.some(sudoFor("kim"))).toBe(true);
  });
});
