import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { readDeferredAction } from "../../agent/safety/deferredAction.js";
import { decideTurn } from "../../agent/turn.js";
import type { PlanCall } from "../../agent/types.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import type { Decision } from "../../tools/decision.js";

/** Attacker 9 H5: an erase or removal put off to later is never planned now. */

function facts(name: string): Facts {
  return FactsSchema.parse(
    JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")),
  );
}
const LIVE = facts("a9-live");
const INST = facts("a9-inst");

async function decide(f: Facts, line: string): Promise<Decision> {
  const conv = new Conversation(f);
  return decideTurn(createRulesBackend(), conv.view(line), f);
}
const calls = (d: Decision): PlanCall[] =>
  "calls" in d ? d.calls : "reply" in d && d.offer ? d.offer.calls : [];

describe("deferred steps are not planned (attacker 9 H5)", () => {
  for (const s of [
    "uninstall git some day",
    "remove git, though not yet",
    "purge git next month",
    "get rid of git eventually",
    "not yet: uninstall git",
    "remove git tmrw",
  ])
    it(`"${s}" removes nothing`, async () => {
      const d = await decide(INST, s);
      expect(calls(d).some((c) => c.tool === "removeRecipe")).toBe(false);
      expect("reply" in d && d.reply).toMatch(/Not planned/);
    });
  for (const s of ["wipe sda tomorrow", "format sda at some point, not today", "nuke sda, but later"])
    it(`"${s}" erases nothing`, async () => {
      const d = await decide(LIVE, s);
      expect(calls(d).some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sda")).toBe(false);
    });
  it('"uninstall fd now and git later" removes fd only', async () => {
    const d = await decide(INST, "uninstall fd now and git later");
    expect(calls(d).map((c) => (c.tool === "removeRecipe" ? c.args.name : c.tool))).toEqual(["fd"]);
  });
  it('"remove fd, I will look at git later" removes fd only', async () => {
    const d = await decide(INST, "remove fd, I will look at git later");
    expect(calls(d).map((c) => (c.tool === "removeRecipe" ? c.args.name : c.tool))).toEqual(["fd"]);
  });
  it("a removal said now is still planned", async () => {
    const d = await decide(INST, "remove git");
    expect(calls(d).map((c) => (c.tool === "removeRecipe" ? c.args.name : c.tool))).toEqual(["git"]);
  });
  it("an erase said now is still planned", async () => {
    const d = await decide(LIVE, "wipe sdb");
    expect(calls(d).some((c) => c.tool === "partitionDisk" && c.args.disk === "/dev/sdb")).toBe(true);
  });
  it("reads nothing into turns without a step that loses something", () => {
    expect(readDeferredAction("install git later")).toBeUndefined();
    expect(readDeferredAction("not now")).toBeUndefined();
    expect(readDeferredAction("remove git")).toBeUndefined();
  });
});
