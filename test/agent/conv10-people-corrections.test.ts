import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round ten: a removal corrected in the same breath ("remove tmux, no actually remove
 * htop instead") removes only the second program (the first is neither planned nor offered), and
 * "all" after a list of users the same words name ("users tom, ina and lars, all with sudo") gives
 * each of them sudo instead of being refused as "everyone". Sentences of our own, in no data set.
 */
const D = fixtureFacts("findings7-d");
const A = fixtureFacts("findings3-a");
const removed = (plan: readonly PlanCall[]) =>
  plan.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])).sort();
const offered = (d: unknown): PlanCall[] => (d as { offer?: { calls: PlanCall[] } }).offer?.calls ?? [];

describe("a removal corrected in the same breath removes only what replaced it", () => {
  for (const [line, want] of [
    ["remove tmux, no actually remove htop instead", ["htop"]],
    ["uninstall jq, no sorry, uninstall curl", ["curl"]],
    ["nuke zsh, nah actually nuke bat instead", ["bat"]],
    ["delete fd, i mean delete git", ["git"]],
    ["remove neovim, no wait remove tmux instead", ["tmux"]],
    ["get rid of htop. actually no, get rid of jq", ["jq"]],
    ["remove zsh, no actually remove fd too", ["fd", "zsh"]],
  ] as const) {
    it(`"${line}" → removes ${want.join(", ")}`, async () => {
      const { conv, last } = await dialogue(D, [line]);
      expect(removed(conv.pending)).toEqual([...want].sort());
      expect(removed(offered(last)).filter((n) => !want.includes(n as never))).toEqual([]);
    });
  }
});

describe("'all' after a list of users named in the same words gives each of them sudo", () => {
  const sudoers = (d: unknown, plan: readonly PlanCall[]) =>
    [...plan, ...offered(d)]
      .flatMap((c) => (c.tool === "createUser" && c.args.sudo ? [c.args.username] : []))
      .sort();
  for (const [line, want] of [
    ["users tom, ina and lars, all with sudo", ["ina", "lars", "tom"]],
    ["create users ana, bo and cy, all of them admins", ["ana", "bo", "cy"]],
    ["add users ed, flo and gus, all three with sudo", ["ed", "flo", "gus"]],
    ["users kai and lu, all with admin rights", ["kai", "lu"]],
    ["users vic, wes and xia. all sudo", ["vic", "wes", "xia"]],
    ["new users pia and quinn, all admins please", ["pia", "quinn"]],
  ] as const) {
    it(`"${line}"`, async () => {
      const { conv, last } = await dialogue(A, ["nvme", line]);
      expect(sudoers(last, conv.pending)).toEqual([...want].sort());
    });
  }
  for (const [line, never] of [
    ["users tom, ina and lars, all with sudo except lars", "lars"],
    ["users tom, ina and lars, all but lars with sudo", "lars"],
    ["users tom, ina and lars, all with sudo but not lars", "lars"],
    ["users tom and ina. all users get sudo", "root"],
    ["give all users sudo", "root"],
    ["users tom, ina and lars, all without sudo", "tom"],
  ] as const) {
    it(`"${line}": ${never} gets no sudo`, async () => {
      const { conv, last } = await dialogue(A, ["nvme", line]);
      expect(sudoers(last, conv.pending)).not.toContain(never);
      if (never === "tom" || never === "root") expect(sudoers(last, conv.pending)).toEqual([]);
    });
  }
});

describe("a group word beside the grant after two user clauses gives both sudo", () => {
  for (const [line, want] of [
    ["user mom and user dad both admin", ["dad", "mom"]],
    ["user rey and user sam, both admins", ["rey", "sam"]],
    ["user tia and user uli all with sudo", ["tia", "uli"]],
    ["add user van and user wyn, each with admin", ["van", "wyn"]],
    ["user gil and user hal, hal admin", ["hal"]],
    ["user eli and user fay, both not admin", []],
    ["user cat and user dan both admin except dan", ["cat"]],
  ] as const) {
    it(`"${line}" → sudo for ${want.join(", ") || "no one"}`, async () => {
      const { conv, last } = await dialogue(A, ["nvme", line]);
      const got = [...conv.pending, ...offered(last)]
        .flatMap((c) => (c.tool === "createUser" && c.args.sudo ? [c.args.username] : []))
        .sort();
      expect([...new Set(got)]).toEqual([...want]);
    });
  }
});
