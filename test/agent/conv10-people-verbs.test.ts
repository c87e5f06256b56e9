import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { REMOVE_VERBS, REPLACE_VERBS } from "../../agent/rules/vocab.js";
import { removalEvidence } from "../../agent/safety/evidence.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round ten: one list of removal verbs (agent/rules/vocab.ts REMOVE_VERBS, with the
 * replacement verbs beside it) for the parser and the evidence gate. Before, the gate and the
 * parser each had a list and they differed both ways ("nix bat", "zap bat", "deinstall bat" were
 * parsed as removals and then refused as unsaid; "yeet bat", "bin bat" the other way round).
 */
const D = fixtureFacts("findings3-d");

describe("every removal verb the parser reads is one the gate accepts", () => {
  // "erase" is a disk's word in a sentence about a program too, and "rm" a shell command (refused)
  for (const verb of [...REMOVE_VERBS].filter((v) => v !== "erase" && v !== "rm")) {
    it(`"${verb} bat" is a removal the gate lets stand`, async () => {
      expect(removalEvidence("bat", new Conversation(D).view(`${verb} bat`), D)).toBe("chosen");
      const { conv } = await dialogue(D, [`${verb} bat`]);
      expect(conv.pending).toContainEqual({ tool: "removeRecipe", args: { name: "bat" } });
    });
  }
  for (const verb of REPLACE_VERBS)
    it(`"${verb} bat for eza" chooses the removal of bat`, () => {
      expect(removalEvidence("bat", new Conversation(D).view(`${verb} bat for eza`), D)).toBe("chosen");
    });
});

describe("the same verbs negated or asked remove nothing", () => {
  for (const line of [
    "dont nix bat",
    "never zap jq",
    "please do not deinstall fd",
    "yeet bat? no way",
    "i wouldnt bin helix",
    "kill bat? are you kidding",
  ]) {
    it(`"${line}"`, async () => {
      const { conv } = await dialogue(D, [line, "yes"]);
      expect(conv.pending.filter((c) => c.tool === "removeRecipe")).toEqual([]);
    });
  }
});
