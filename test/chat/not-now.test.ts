import { describe, expect, it } from "vitest";
import { FactsSchema } from "../../facts/schema.js";
import { chatPiped } from "../agent/helpers/chat.js";

/**
 * The lead's ruling (round 25, tester 24 W24/W31/W33) in the chat itself: "not yet" keeps the plan
 * and says so in one line; "start over" drops it all and /undo brings it back; a user only planned
 * is renamed in the plan.
 */
const facts = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [{ path: "/dev/sda", sizeBytes: 500107862016, model: "Samsung SSD 870 EVO", transport: "sata" }],
  recipes: ["fd", "bat", "sudo"],
});

const chat = async (lines: string[]) => (await chatPiped(facts, `${lines.join("\n")}\n`)).out;

describe("a no in the chat", () => {
  it("'not yet' keeps the plan, says so, and /plan still shows it", async () => {
    const out = await chat(["use sda", "user bob sudo", "not yet", "/plan"]);
    expect(out).toContain(
      'Nothing runs; the plan stays. Change anything, or say "start over" to drop it all.',
    );
    expect(out).not.toContain("Dropped");
    expect(out.split("you> /plan")[1]).toMatch(/1\. erase \/dev\/sda[\s\S]*2\. create user bob with sudo/);
    expect(out).toMatch(/Leaving: the plan \(2 steps\) was not\s+confirmed/);
  });

  it("'start over' drops it all; /undo brings it back", async () => {
    const out = await chat(["use sda", "user bob sudo", "start over", "/plan", "/undo"]);
    expect(out).toContain("Dropped the whole plan (/undo brings it back).");
    expect(out.split("you> /plan")[1]).toMatch(/Plan: \(empty\)/);
    expect(out.split("you> /undo")[1]).toMatch(/Undone\.[\s\S]*2\. create user bob with sudo/);
  });

  it("'no call him robert' renames the planned user", async () => {
    const out = await chat(["use sda", "user bob sudo", "no call him robert", "/plan"]);
    expect(out).toMatch(/Changed: create user robert with sudo .*instead of bob\./);
    expect(out.split("you> /plan")[1]).not.toMatch(/bob/);
  });
});
