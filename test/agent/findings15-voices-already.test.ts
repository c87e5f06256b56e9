import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * A request taken back in the same breath because the program is already there
 * (agent/rules/alreadyThere.ts): the request goes, what follows keeps its verb.
 */
const INST = fixtureFacts("findings15-voices-inst");

const installs = (d: Decision) =>
  "calls" in d ? d.calls.flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : [])) : [];

describe("'X... oh it's there' takes X back and keeps the rest", () => {
  const cases: [string, string[]][] = [
    ["add tmux... oh it's there. then helix", ["helix"]],
    ["install git... wait, that's already installed. so jq and fd", ["jq", "fd"]],
    ["i want bat... eh it's in already. micro instead", ["micro"]],
    ["install zoxide... oh it's there. htop? also there. ok delta", ["delta"]],
    ["add h-t-o-p... er it's there. then b-t-o-p", ["btop"]],
  ];
  for (const [line, want] of cases)
    it(`${line} → ${want.join(", ")}`, async () => {
      const { last } = await dialogue(INST, [line]);
      expect(installs(last)).toEqual(want);
    });
});

describe("a remark that takes nothing back changes nothing", () => {
  for (const line of [
    "install micro, it's in the repo",
    "tmux? it's there already",
    "add jq. it's there? then skip it",
    "is it installed?",
    "install on the nvme... it's there",
  ])
    it(`${line} → read as said`, () => {
      expect(new Conversation(INST).view(line).user).toBe(line);
    });
});
