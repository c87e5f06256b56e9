import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * A list whose members say their own settings ("users: alice (sudo), bob, carol (sudo)") gives each
 * member what it says: bob, between two admins, was given sudo (a destructive misread in the sixth
 * round's held-out data). A setting said once after a plain list still covers the whole list.
 */
const LIVE = fixtureFacts("findings3-a");

async function sudoOf(line: string) {
  const { conv } = await dialogue(LIVE, [line]);
  return Object.fromEntries(
    conv.pending.flatMap((c) => (c.tool === "createUser" ? [[c.args.username, c.args.sudo]] : [])),
  );
}

describe("per-member settings in a list stay per member", () => {
  for (const [line, want] of [
    ["nvme. users: alice (sudo), bob, carol (sudo)", { alice: true, bob: false, carol: true }],
    ["users alice (admin), bob and carol (admin)", { alice: true, bob: false, carol: true }],
    ["accounts: dan (sudo), eve, fay (sudo), gus", { dan: true, eve: false, fay: true, gus: false }],
    ["users hal (with sudo), ida and jon (with sudo)", { hal: true, ida: false, jon: true }],
  ] as const) {
    it(`"${line}"`, async () => {
      expect(await sudoOf(line)).toEqual(want);
    });
  }

  it("a setting after a plain sub-list covers that sub-list", async () => {
    expect(await sudoOf("users ann and ben with sudo, kids cal and dee without")).toEqual({
      ann: true,
      ben: true,
      cal: false,
      dee: false,
    });
  });

  it("a setting said once after a plain list still covers it", async () => {
    expect(await sudoOf("users anna and ben with sudo")).toEqual({ anna: true, ben: true });
    expect(await sudoOf("add kai, lou and max with sudo")).toEqual({ kai: true, lou: true, max: true });
  });
});
