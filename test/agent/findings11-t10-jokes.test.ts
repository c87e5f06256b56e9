import { describe, expect, it } from "vitest";
import { sayJokeRetractions } from "../../agent/rules/textingJokes.js";
import type { Decision } from "../../tools/decision.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 10 (docs/findings/2026-12-05-hurried-user-10.md) D4: texting take-backs removed the
 * program anyway ("remove git lol jk dont", "remove git nvm", "remove tmux and git, jk about git").
 * A joke word after a request takes it back; "jk about X" takes back X alone
 * (agent/rules/textingJokes.ts). Facts: the tester's installed machine (inst.json).
 */
const INSTALLED = fixtureFacts("findings11-t10r-inst");

function removed(d: Decision): string[] {
  const calls = "calls" in d ? d.calls : "reply" in d ? (d.offer?.calls ?? []) : [];
  return [...new Set(calls.flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : [])))];
}

async function decide(...lines: string[]): Promise<Decision> {
  return (await dialogue(INSTALLED, lines)).last;
}

describe("tester10 D4: a request followed by a joke word removes nothing", () => {
  const lines = [
    // the tester's
    "remove git lol jk dont",
    "remove git jk",
    "remove git haha kidding",
    "remove git nvm",
    // ours
    "uninstall tmux jk",
    "delete fzf lmao jk",
    "get rid of zsh j/k",
    "remove neovim... just kidding",
    "pls remove htop and jq hahaha jk",
    "uninstall firefox lol nvm",
    "remove curl, im joking",
    "nuke python3 jkjk",
    "remove bat psych",
    "remove ripgrep hehe just joking dont",
  ];
  for (const line of lines)
    it(`${line} → no removal`, async () => {
      const d = await decide(line);
      expect(removed(d)).toEqual([]);
      expect("reply" in d).toBe(true);
    });

  it("the same words in a later turn take back only that turn's request", async () => {
    const { conv } = await dialogue(INSTALLED, ["remove htop", "remove git jk"]);
    expect(conv.pending.map((c) => ("name" in c.args ? c.args.name : ""))).toEqual(["htop"]);
  });
});

describe("tester10 D4: 'jk about X' takes back X alone", () => {
  const cases: [string, string[], string[]][] = [
    ["remove tmux and git, jk about git", ["tmux"], ["git"]],
    ["remove htop, fzf and git. jk about git", ["htop", "fzf"], ["git"]],
    ["uninstall jq and zsh lol jk about zsh", ["jq"], ["zsh"]],
    ["remove bat and curl (kidding about curl)", ["bat"], ["curl"]],
    ["delete htop and tmux, tmux was a joke", ["htop"], ["tmux"]],
    ["remove git jk, remove htop instead", ["htop"], ["git"]],
  ];
  for (const [line, go, stay] of cases)
    it(`${line} → removes ${go.join(", ")} only`, async () => {
      const out = removed(await decide(line));
      for (const s of stay) expect(out).not.toContain(s);
      for (const g of go) expect(out).toContain(g);
    });
});

describe("controls: emphasis is no take-back", () => {
  for (const line of ["i'm not kidding, remove htop", "no kidding, remove htop", "remove htop lol"])
    it(`${line} → removes htop`, async () => {
      expect(removed(await decide(line))).toEqual(["htop"]);
    });
});

describe("a joke about a person or a grant is the people readers' (rules/textingJokes)", () => {
  // a never mind here would take the whole request back, ana's grant and the install with it
  for (const line of [
    "user ana with sudo, user ben with sudo (ben kidding)",
    "users ana and ben with sudo. ben jk",
    "user ana with sudo, user ben with sudo - kidding about ben",
    "ana and ben get sudo, ben lol jk",
    "give ana sudo jk",
  ])
    it(line, () => {
      expect(sayJokeRetractions(line)).toBe(line);
    });

  it("a program joked about beside people is still taken back", () => {
    expect(sayJokeRetractions("user ana with sudo, remove git jk")).toMatch(/no, not that/);
    expect(sayJokeRetractions("users ana and ben, remove tmux and git, jk about git")).toMatch(/not git/);
  });
});
