import { describe, expect, it } from "vitest";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 9: "remove everything except git", "keep tmux, ditch the rest", "besides git
 * remove the rest": the programs named are kept and every other installed program is removed,
 * never one the system needs to boot. "remove everything" with nothing kept is still refused, and
 * "leave everything else alone" keeps the rest. Sentences of our own, in no data set.
 */
const INSTALLED = fixtureFacts("findings4-d"); // ripgrep fd htop git neovim
const WITH_ESSENTIALS = fixtureFacts("findings3-d"); // ripgrep fd bat helix jq glibc coreutils systemd kernel

const removed = (d: Decision) =>
  "calls" in d ? d.calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])).sort() : [];

describe("everything but the programs named", () => {
  for (const [line, kept] of [
    ["uninstall all of it except git and fd", ["git", "fd"]],
    ["REMOVE EVERYTHING BUT NEOVIM", ["neovim"]],
    ["apart from htop get rid of the rest", ["htop"]],
    ["keep ripgrep. nuke the rest", ["ripgrep"]],
    ["git stays, delete everything else please", ["git"]],
    ["pls remove everything other than git n neovim", ["git", "neovim"]],
    ["never uninstall fd, remove all the others", ["fd"]],
  ] as const) {
    it(`"${line}" keeps ${kept.join(", ")} and removes the rest`, async () => {
      const { last } = await dialogue(INSTALLED, [line]);
      const all = ["ripgrep", "fd", "htop", "git", "neovim"];
      expect(removed(last)).toEqual(all.filter((x) => !(kept as readonly string[]).includes(x)).sort());
    });
  }
  it("never removes what the system boots with", async () => {
    const { last } = await dialogue(WITH_ESSENTIALS, ["remove everything except jq"]);
    expect(removed(last)).toEqual(["bat", "fd", "helix", "ripgrep"]);
  });
});

describe("what stays as it was", () => {
  it('"remove everything" with nothing kept is refused', async () => {
    const { last } = await dialogue(INSTALLED, ["remove everything"]);
    expect(removed(last)).toEqual([]);
    expect("reply" in last).toBe(true);
  });
  it('"remove fd and htop, leave everything else alone" removes only those two', async () => {
    const { last } = await dialogue(INSTALLED, ["remove fd and htop, leave everything else alone"]);
    expect(removed(last)).toEqual(["fd", "htop"]);
  });
});
