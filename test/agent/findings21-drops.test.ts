import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 20: a pending step taken back in the verbs of offices, courts, launches and
 * crafts (agent/rules/edits.ts DROP_VERBS): revoked, withdrawn, struck, scrubbed, unpicked,
 * frogged, taken off a list. Only the step named goes; the sentences are ours.
 */
const DESK = fixtureFacts("findings19-t15-f2-desktop");

describe("a pending step taken back in other verbs is dropped", () => {
  for (const [plan, said, drop] of [
    ["install fd and jq", "Permit for jq revoked.", { tool: "installRecipe", args: { name: "jq" } }],
    ["install fd and jq", "Strike jq from the list.", { tool: "installRecipe", args: { name: "jq" } }],
    ["install fd and jq", "Scrub fd.", { tool: "installRecipe", args: { name: "fd" } }],
    ["install fd and helix", "Frog the helix row.", { tool: "installRecipe", args: { name: "helix" } }],
    ["add user bob", "Take bob off the guest list.", { tool: "createUser", args: { username: "bob" } }],
  ] as const)
    it(`"${said}" after "${plan}"`, async () => {
      const { last, conv } = await dialogue(DESK, [plan, said]);
      expect(last).toEqual({ drop: [drop] });
      expect(conv.pending.length).toBeGreaterThanOrEqual(0);
    });

  // "Withdraw jq, nobody asked for it." in the integrated build asks "Take install jq out of the
  // plan?" (a yes drops it): the removal readers read "withdraw" first; safe, not yet the drop
  it('"Withdraw jq, nobody asked for it." never adds or removes anything', async () => {
    const { last } = await dialogue(DESK, ["install fd and jq", "Withdraw jq, nobody asked for it."]);
    expect("calls" in last).toBe(false);
  });

  it('"Unpick the hostname." drops the hostname planned', async () => {
    const { last } = await dialogue(DESK, ["install fd", "hostname orion", "Unpick the hostname."]);
    expect(last).toHaveProperty("drop");
    expect((last as { drop: { tool: string }[] }).drop.map((d) => d.tool)).toEqual(["setHostname"]);
  });

  it('"Strike vim from the list." names nothing planned: nothing dropped', async () => {
    const { last } = await dialogue(DESK, ["install fd and jq", "Strike vim from the list."]);
    expect(last).not.toHaveProperty("drop");
    expect(last).not.toHaveProperty("confirm");
  });
});
