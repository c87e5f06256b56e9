import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 8 (docs/findings/2026-12-05-hurried-user-8.md), W2. Install verbs of everyday
 * speech ("chuck ripgrep, fd and bat on", "stick … on", "whack … on") install every program of
 * their list (the first was dropped); removal verbs ("get shot of", "chuck out", "throw … away")
 * never install (agent/rules/slangVerbs.ts).
 */
const INSTALLED = fixtureFacts("findings9-installed");
const DESKTOP = fixtureFacts("findings9-desktop");

function named(d: Decision, tool: "removeRecipe" | "installRecipe"): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return [...new Set(calls.flatMap((c) => (c.tool === tool ? [c.args.name] : [])))].sort();
}

describe("tester8 W2: slang install verbs keep their whole list", () => {
  const installs: [string, string[]][] = [
    ["chuck thunderbird, vlc and gimp on", ["gimp", "thunderbird", "vlc"]],
    ["chuck on thunderbird, vlc and gimp", ["gimp", "thunderbird", "vlc"]],
    ["whack thunderbird vlc gimp on", ["gimp", "thunderbird", "vlc"]],
    ["stick gimp in pls", ["gimp"]],
    ["bung vlc and gimp on", ["gimp", "vlc"]],
    ["pop thunderbird on for me", ["thunderbird"]],
  ];
  for (const [line, want] of installs)
    it(`${line} → installs ${want.join(", ")}`, async () => {
      const d = (await dialogue(INSTALLED, [line])).last;
      expect(named(d, "installRecipe")).toEqual(want);
      expect(named(d, "removeRecipe")).toEqual([]);
    });

  it("mid-install: 'chuck ripgrep, fd and bat on' after a disk keeps ripgrep", async () => {
    const d = (await dialogue(DESKTOP, ["use the nvme", "chuck ripgrep, fd and bat on"])).last;
    expect(named(d, "installRecipe")).toEqual(["bat", "fd", "ripgrep"]);
  });

  it("'chuck it on the nvme' still places the install, no program named", async () => {
    const d = (await dialogue(DESKTOP, ["chuck it on the nvme"])).last;
    expect(named(d, "installRecipe")).toEqual([]);
  });
});

describe("tester8 W2: slang removal verbs never install", () => {
  const removals: [string, string[]][] = [
    ["get shot of firefox", ["firefox"]],
    ["chuck out neovim", ["neovim"]],
    ["chuck tmux out", ["tmux"]],
    ["throw lazygit away", ["lazygit"]],
    ["get shot of jq and fzf", ["fzf", "jq"]],
    ["flick tmux", ["tmux"]],
  ];
  for (const [line, want] of removals)
    it(`${line} → removes ${want.join(", ")}, installs nothing`, async () => {
      const d = (await dialogue(INSTALLED, [line])).last;
      expect(named(d, "installRecipe")).toEqual([]);
      expect(named(d, "removeRecipe")).toEqual(want);
    });
});
