import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 9's open people items (docs/findings/2026-12-05-hurried-user-9.md), each tried in
 * wordings of our own through the whole conversation: a person said to be a joke right after the
 * grant ("(ben kidding)") kept the sudo; a plural verb after an "and" list ("ana, ben and cleo get
 * sudo") gave it to the last name only; a relayed wish about a group ("boss says interns get no
 * admin", "my wife says the kids get no admin") refused the person who relayed it, or the one
 * person the same words gave sudo by name.
 */
const LIVE = fixtureFacts("findings8-c");
const DISK = "install on the empty disk";
type Create = Extract<PlanCall, { tool: "createUser" }>;

async function plan(lines: string[], answer?: string) {
  const { conv, last } = await dialogue(LIVE, lines);
  const planned = conv.pending.filter((c): c is Create => c.tool === "createUser");
  const offered = ("reply" in last && last.offer ? last.offer.calls : []).filter(
    (c): c is Create => c.tool === "createUser",
  );
  const all = answer === undefined ? [...planned, ...offered] : planned;
  return Object.fromEntries(all.map((c) => [c.args.username, c.args.sudo]));
}

describe("a person said to be a joke keeps no sudo", () => {
  for (const line of [
    "user ana with sudo, user ben with sudo (ben kidding)",
    "users ana and ben with sudo. ben jk",
    "user ana with sudo, user ben with sudo - kidding about ben",
    "ana and ben get sudo, ben was a joke",
    "user ana with sudo and user ben with sudo, j/k about ben",
  ])
    it(line, async () => {
      const p = await plan([DISK, line]);
      expect(p.ben ?? false).toBe(false);
      expect(p.ana).toBe(true);
    });

  // ana's grant is read too narrowly in these (left open), but ben never gets it, and the joke
  // word is nobody's account
  for (const line of [
    "ana and ben get sudo (jk about ben)",
    "give ana and ben sudo. ben, just kidding",
    "ana and ben with admin (ben joking)",
  ])
    it(line, async () => {
      const p = await plan([DISK, line]);
      expect(p.ben ?? false).toBe(false);
      expect(Object.keys(p).filter((u) => /kidding|joking|jk/.test(u))).toEqual([]);
    });

  it("and a yes after it gives none", async () => {
    const p = await plan([DISK, "user ana with sudo, user ben with sudo (ben kidding)", "yes"], "yes");
    expect(p.ben ?? false).toBe(false);
  });

  it('"no kidding" is no joke about the person', async () => {
    expect(await plan([DISK, "user ben with sudo, no kidding"])).toEqual({ ben: true });
  });
});

describe("a plural verb after an and-list gives each name the privilege", () => {
  const cases: [string, Record<string, boolean>][] = [
    ["ana and ben get sudo", { ana: true, ben: true }],
    ["ana, ben and cleo get sudo", { ana: true, ben: true, cleo: true }],
    ["ana and ben should have admin", { ana: true, ben: true }],
    ["tom & mia can have sudo", { tom: true, mia: true }],
    ["users ivo and jo get admin rights", { ivo: true, jo: true }],
    ["ana and ben get no sudo", { ana: false, ben: false }],
  ];
  for (const [line, want] of cases)
    it(line, async () => {
      expect(await plan([DISK, line])).toEqual(want);
    });

  it("a name said again after the list is that person alone", async () => {
    expect(await plan([DISK, "users ana and ben, ana should have sudo"])).toEqual({ ana: true, ben: false });
    expect(await plan([DISK, "users ana and ben, ben gets sudo"])).toEqual({ ana: false, ben: true });
  });
});

describe("a relayed wish about a group refuses the group, not the one who relays it", () => {
  for (const [line, want] of [
    ["the kids get no admin. users mia and leo, user eva with sudo", { mia: false, leo: false, eva: true }],
    [
      "my wife says the kids get no admin. users mia and leo, user eva with sudo",
      { mia: false, leo: false, eva: true },
    ],
    [
      "boss says interns get no admin. user intern1, user intern2, user boss with sudo",
      { intern1: false, intern2: false, boss: true },
    ],
  ] as [string, Record<string, boolean>][])
    it(line, async () => {
      expect(await plan([DISK, line])).toEqual(want);
    });
});
