import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 8 (docs/findings/2026-12-05-hurried-user-8.md), W4: a yes with an exception ("sure, minus
 * fd", "yes except the fd bit") had planned fd again or kept it. It takes the program out of the
 * plan and confirms nothing (agent/rules/confirmExceptions.ts).
 */
const DESKTOP = fixtureFacts("findings9-desktop");

describe("tester8 W4: a yes with an exception drops the program and confirms nothing", () => {
  const setup = ["use the samsung", "user dan with sudo", "add fd and bat"];
  for (const line of [
    "sure, minus fd",
    "yes except the fd bit",
    "ok bar fd",
    "yeah, apart from fd",
    "yes but not fd",
    "fine, skip fd",
  ])
    it(`${line} → fd leaves the plan, bat stays, not confirmed`, async () => {
      const { conv, last } = await dialogue(DESKTOP, [...setup, line]);
      expect("confirm" in last).toBe(false);
      const planned = conv.pending.flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
      expect(planned).toEqual(["bat"]);
    });
});
