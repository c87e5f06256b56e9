import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Programs in the second user findings (issue 14, /work/lead/user-findings2.md WRONG "bat no",
 * "no wait not bat", "dont" without its apostrophe): the tester's sentences and variants of each
 * class in no data set.
 */

const TWO_DISKS = fixtureFacts("live-samsung-wd");
const INSTALLED = fixtureFacts("installed-lena");

const recipes = (pending: readonly PlanCall[]) =>
  pending.flatMap((c) =>
    c.tool === "installRecipe" || c.tool === "removeRecipe" ? [`${c.tool}:${c.args.name}`] : [],
  );
function proposed(d: Decision): PlanCall[] {
  if ("calls" in d) return d.calls;
  if ("reply" in d && d.offer) return d.offer.calls;
  return [];
}

describe("a turn that only says no to a program never installs it", () => {
  for (const line of ["bat no", "no bat please", "bat - no way", "nope, not bat", "bat? no"]) {
    it(`"${line}" with nothing planned adds nothing`, async () => {
      const { conv, last } = await dialogue(TWO_DISKS, ["use the nvme, user vince with sudo", line]);
      expect(recipes(conv.pending)).toEqual([]);
      expect(proposed(last)).toEqual([]);
    });
  }
  for (const line of ["bat no", "no bat", "bat, no thanks"]) {
    it(`"${line}" after "add bat and fd" takes bat out of the plan, fd stays`, async () => {
      const { conv } = await dialogue(TWO_DISKS, ["add bat and fd", line]);
      expect(recipes(conv.pending)).toEqual(["installRecipe:fd"]);
    });
  }
  for (const line of ["no ripgrep please", "ripgrep no", "no git, no htop"]) {
    it(`installed: "${line}" plans nothing and says what is installed stays`, async () => {
      const { conv, last } = await dialogue(INSTALLED, [line]);
      expect(recipes(conv.pending)).toEqual([]);
      expect("reply" in last && last.reply).toMatch(/installed and stay/);
    });
  }
  it("'no wait, add bat' is still a request", async () => {
    const { conv } = await dialogue(TWO_DISKS, ["add fd", "no wait, add bat"]);
    expect(recipes(conv.pending)).toContain("installRecipe:bat");
  });
});

describe("a take-back that names one object takes back only that one", () => {
  for (const [line, want] of [
    ["add ripgrep, fd, and bat. no wait not bat", ["installRecipe:ripgrep", "installRecipe:fd"]],
    ["install fd, bat and tmux, no wait not tmux", ["installRecipe:fd", "installRecipe:bat"]],
    ["add ripgrep and btop, actually not btop", ["installRecipe:ripgrep"]],
    ["add helix, micro and git. no wait, not micro or git", ["installRecipe:helix"]],
  ] as const) {
    it(`"${line}"`, async () => {
      const { conv } = await dialogue(TWO_DISKS, [line]);
      expect(recipes(conv.pending)).toEqual(want);
    });
  }
  it("installed: 'remove git and htop, no wait not htop' removes only git", async () => {
    const { conv } = await dialogue(INSTALLED, ["remove git and htop, no wait not htop"]);
    expect(recipes(conv.pending)).toEqual(["removeRecipe:git"]);
  });
  it("'install btop and tmux, no wait just tmux' and 'remove git, actually no' are as before", async () => {
    expect(
      recipes((await dialogue(TWO_DISKS, ["install btop and tmux, no wait just tmux"])).conv.pending),
    ).toEqual(["installRecipe:tmux"]);
    expect(recipes((await dialogue(INSTALLED, ["remove git, actually no"])).conv.pending)).toEqual([]);
  });
});

describe("'dont' typed without its apostrophe reads as 'don't'", () => {
  for (const [line, want] of [
    // a fact about the user is an offer, not a removal (issue 14 round 9, the lead's decision)
    ["i dont need htop anymore", ["removeRecipe:htop"]],
    ["i dont need htop anymore but dont touch git", ["removeRecipe:htop"]],
    ["we dont use ripgrep any more", ["removeRecipe:ripgrep"]],
    ["dont remove git", []],
    ["dont uninstall htop", []],
  ] as const) {
    it(`installed: "${line}"`, async () => {
      const { conv, last } = await dialogue(INSTALLED, [line]);
      expect(recipes(conv.pending)).toEqual([]);
      expect(recipes(proposed(last))).toEqual(want);
    });
  }
  it("'remove htop. actually no dont' takes the removal back and offers nothing", async () => {
    const { conv, last } = await dialogue(INSTALLED, ["remove htop. actually no dont"]);
    expect(recipes(conv.pending)).toEqual([]);
    expect(proposed(last)).toEqual([]);
  });
});

describe("levitate ask: exit 1 when nothing was planned, 0 when a question was answered (README)", () => {
  const root = new URL("../..", import.meta.url).pathname;
  const fx = new URL("./fixtures/installed-lena.json", import.meta.url).pathname;
  const ask = (text: string) =>
    spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        `${root}cli/levitate.ts`,
        "ask",
        text,
        "--facts",
        fx,
        "--dry-run",
        "--backend",
        "rules",
      ],
      { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 },
    );
  // Tester 27 W7: a question asked back and left unanswered (no terminal here) exits 4, not 1, so a
  // script can tell "asked back" from "could not be planned" (README, ask).
  it("'install firefox' (no such recipe) exits 1; 'add btop, also sudo for me' (only offered) exits 4", () => {
    expect(ask("install firefox").status).toBe(1);
    const offered = ask("add btop, also sudo for me");
    expect(offered.stdout).toMatch(/Nothing was planned/);
    expect(offered.status).toBe(4);
  }, 120_000);
  it("'what is installed?' exits 0", () => {
    expect(ask("what is installed?").status).toBe(0);
  }, 60_000);
});
