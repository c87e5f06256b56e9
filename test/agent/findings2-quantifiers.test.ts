import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../agent/conversation.js";
import type { PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue } from "./helpers/dialogue.js";

/**
 * Quantified refusals of sudo (the independent tester's second findings): "neither", "none of
 * them", "no one", "nobody" refuse sudo to every user the turn (or the plan) names, and quantifier
 * or hedge words ("none", "kinda") are never usernames. The tester's sentences, and variants of
 * the class in no data set.
 */

const TWO_DISKS = FactsSchema.parse(
  JSON.parse(readFileSync(new URL("./fixtures/live-samsung-wd.json", import.meta.url), "utf8")),
) as Facts;

const users = (pending: readonly PlanCall[]) =>
  pending.flatMap((c) => (c.tool === "createUser" ? [{ username: c.args.username, sudo: c.args.sudo }] : []));

/** Every call the decision would add, offered ones included. */
function proposed(d: Decision): PlanCall[] {
  if ("calls" in d) return d.calls;
  if ("reply" in d && d.offer) return d.offer.calls;
  return [];
}

const sudoProtected = (conv: Conversation) =>
  conv.protections.flatMap((p) => (p.kind === "sudo" ? [p.username] : [])).sort();

describe("a quantified refusal refuses sudo to every user the turn names", () => {
  for (const [line, who] of [
    // the tester's
    ["use the nvme. users anna and ben, neither with sudo", ["anna", "ben"]],
    ["use the nvme, user zed, sudo for no one", ["zed"]],
    ["users anna and ben, admin rights for none of them", ["anna", "ben"]],
    // variants in no data set
    ["use the nvme, users carl and dora, sudo for nobody", ["carl", "dora"]],
    ["use the nvme, users carl and dora, neither gets admin", ["carl", "dora"]],
    ["use the nvme. users eli and fay, none of them with sudo", ["eli", "fay"]],
    ["use the nvme, users eli, fay and gus, no admins", ["eli", "fay", "gus"]],
    ["use the nvme, users hal and ivy, not any of them with sudo", ["hal", "ivy"]],
    ["use the nvme, user jo and user kim, noone gets sudo", ["jo", "kim"]],
    ["use the nvme, users lou and max, sudo for neither of them", ["lou", "max"]],
    ["use the nvme, user ned, nobody gets sudo", ["ned"]],
    ["use the nvme, users oli and pat, admin for no one", ["oli", "pat"]],
    ["use the nvme, users quin and rae, both without sudo", ["quin", "rae"]],
    // a quantifier after "sudo for" / "admin for" is who is refused, never a purpose or a name
    ["use the nvme, users kim and lou, sudo for neither", ["kim", "lou"]],
    ["use the nvme, users pia and rex, no admin for any of them", ["pia", "rex"]],
    ["use the nvme, users sam and tia, admin rights for noone", ["sam", "tia"]],
    ["users uma and vic, sudo for nobody at all", ["uma", "vic"]],
  ] as const) {
    it(`"${line}" creates ${who.join(", ")}, none with sudo, and protects each`, async () => {
      const { conv } = await dialogue(TWO_DISKS, [line]);
      expect(users(conv.pending)).toEqual(who.map((username) => ({ username, sudo: false })));
      expect(sudoProtected(conv)).toEqual([...who].sort());
    });
  }
});

describe("a quantified refusal in a later turn covers every user in the plan", () => {
  for (const line of [
    "neither of them gets sudo",
    "no sudo for anyone",
    "none of them are admins",
    "anna and ben, sudo for neither of them",
    "admin rights for nobody",
  ]) {
    it(`"${line}" after two admins takes sudo from both and adds nobody`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, [
        "use the nvme, users anna and ben, both with sudo",
        line,
      ]);
      expect(proposed(last).some((c) => c.tool === "createUser" && c.args.sudo)).toBe(false);
      expect(users(conv.pending)).toEqual([
        { username: "anna", sudo: false },
        { username: "ben", sudo: false },
      ]);
      expect(sudoProtected(conv)).toEqual(["anna", "ben"]);
    });
  }
  it("'give anna sudo' after 'neither gets sudo' is refused", async () => {
    const { conv, last } = await dialogue(TWO_DISKS, [
      "use the nvme, users anna and ben, neither gets sudo",
      "give anna sudo",
    ]);
    expect(proposed(last).some((c) => c.tool === "createUser" && c.args.sudo)).toBe(false);
    expect(users(conv.pending)).toEqual([
      { username: "anna", sudo: false },
      { username: "ben", sudo: false },
    ]);
  });
});

describe("quantifier and hedge words are never usernames", () => {
  for (const line of [
    // the tester's
    "user tim, kinda admin",
    // variants in no data set
    "use the nvme, user tim, sorta admin",
    "use the nvme, user tim, somewhat admin",
    "use the nvme, user tim, kind of admin",
    "use the nvme, user tim, admin i guess",
  ]) {
    it(`"${line}" plans tim only (sudo offered or given), never another user`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, [line]);
      const named = [...users(conv.pending), ...users(proposed(last))].map((u) => u.username);
      expect(new Set(named)).toEqual(new Set(["tim"]));
    });
  }
  for (const word of ["none", "noone", "kinda", "sorta"]) {
    it(`"${word}" beside a privilege is nobody's name`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, [`use the nvme, user una, admin for ${word}`]);
      const named = [...users(conv.pending), ...users(proposed(last))].map((u) => u.username);
      expect(named).not.toContain(word);
      expect(sudoProtected(conv)).not.toContain(word);
    });
  }
});

describe("'nobody else' refuses the others, and is no user", () => {
  for (const [line, want] of [
    ["use the nvme, user tim with sudo, nobody else gets sudo", [{ username: "tim", sudo: true }]],
    [
      "use the nvme, users anna and ben, anna with sudo, nobody else gets sudo",
      [
        { username: "anna", sudo: true },
        { username: "ben", sudo: false },
      ],
    ],
  ] as const) {
    it(`"${line}"`, async () => {
      const { conv } = await dialogue(TWO_DISKS, [line]);
      expect(users(conv.pending)).toEqual(want);
    });
  }
});

describe("guard (passed before the fix): a refusal of something else is no refusal of sudo", () => {
  it("'both admins no swap' keeps both admins", async () => {
    const { conv } = await dialogue(TWO_DISKS, ["use the nvme, users anna and ben, both admins no swap"]);
    expect(users(conv.pending)).toEqual([
      { username: "anna", sudo: true },
      { username: "ben", sudo: true },
    ]);
    expect(sudoProtected(conv)).toEqual([]);
  });
});
