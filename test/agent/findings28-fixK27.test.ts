import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { nearestNames } from "../../agent/session/factAnswers.js";
import { dropInstalled, reinstalled } from "../../agent/session/installedAlready.js";
import { oneShot } from "../../agent/session/oneShot.js";
import { restOf } from "../../agent/session/oneShotRest.js";
import { unplannedClauses } from "../../agent/session/unplannedClauses.js";
import { decideTurn } from "../../agent/turn.js";
import type { PlanCall } from "../../agent/types.js";
import { fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, round 27 (fixK27): `levitate ask` on an installed system, one request, one shot
 * (tester 27 W7, R2). A one-shot has no next turn, so:
 * - the settled rest of a partly withheld request is planned and what was withheld is said
 *   ("remove firefox vlc and htop, but htop stays"); a rest whose withheld half is a question, or
 *   contradicts it, stays a question (exit 4 without a terminal, with the command that does it);
 * - each clause no tool can do is named with the command that does it (F9, F10, F23);
 * - "uninstall firefox and install it again" removes nothing (F37); "install htop" with htop here
 *   plans nothing (F12); typos, "dev stuff", "who has sudo", "what do you have", "can i remove git
 *   safely?" are answered from the facts (F11, F13, F14, F38).
 * Safety side: nothing here adds a call the words did not ask for; "instead of vim" does not remove
 * vim; near-misses keep their old answers.
 */
const INST = fixtureFacts("findings28-fixK27-inst"); // installed: firefox vim git htop vlc python3
const backend = createRulesBackend();
const decide = (text: string) => decideTurn(backend, new Conversation(INST).view(text), INST);

async function shot(text: string) {
  return oneShot(await decide(text), text, INST, decide);
}

type Step = { tool: string; args: Record<string, unknown> };
const calls = (d: unknown): Step[] =>
  d && typeof d === "object" && "calls" in d ? (d as { calls: Step[] }).calls : [];
const removed = (d: unknown) => calls(d).flatMap((c) => (c.tool === "removeRecipe" ? [c.args.name] : []));
const installed = (d: unknown) => calls(d).flatMap((c) => (c.tool === "installRecipe" ? [c.args.name] : []));
const reply = (d: unknown) =>
  d && typeof d === "object" && "reply" in d ? (d as { reply: string }).reply : "";

describe("F22, F34: a protected or missing item does not block the rest of a one-shot", () => {
  for (const [text, gone, notDone] of [
    ["remove firefox vlc and htop, but htop stays", ["firefox", "vlc"], /htop/],
    ["get rid of vlc and htop pls. actually htop is fine", ["vlc"], /htop/],
    ["remove vim neovim", ["vim"], /neovim is not installed/],
    ["remove git and vlc but vlc not really", ["git"], /vlc/],
    // the same shapes in other words
    ["uninstall vlc, firefox and git. git stays though", ["vlc", "firefox"], /git/],
    ["delete htop and steam", ["htop"], /steam is not installed/],
  ] as const) {
    it(`"${text}" plans removing ${gone.join(", ")} and says what it left`, async () => {
      const r = await shot(text);
      expect(removed(r.decision).sort()).toEqual([...gone].sort());
      // where the rules themselves act on the rest (a keep said after the list, round 26's
      // readers), no part was withheld and there is nothing left to say; otherwise it is said
      if (r.notes.length) expect(r.notes.join(" ")).toMatch(notDone);
    });
  }

  it("a rest whose withheld part is a question stays a question (the rest may be half a pair)", async () => {
    // "dont remove git, htop or vim. remove vlc and htop": htop is kept (a keep governs its whole
    // list, tester 27 D1), a settled reason, so the rest (vlc) is taken and htop named as not done
    const kept = await shot("dont remove git, htop or vim. remove vlc and htop");
    expect(removed(kept.decision)).toEqual(["vlc"]);
    expect(kept.notes.join(" ")).toMatch(/keep htop/);
    for (const text of ["add btop, also sudo for me"]) {
      const r = await shot(text);
      expect(calls(r.decision), text).toEqual([]);
    }
  });

  it("restOf: only the rest shape with a settled head", () => {
    const offer = { calls: [{ tool: "removeRecipe" as const, args: { name: "vim" } }] };
    expect(
      restOf({ reply: "neovim is not installed. Shall I add the rest (remove vim)?", offer }),
    ).toBeDefined();
    expect(
      restOf({ reply: "Install what? Available: vim. Shall I add the rest (remove vim)?", offer }),
    ).toBeUndefined();
    expect(restOf({ reply: "You don't use vim any more: shall I remove it?", offer })).toBeUndefined();
    expect(restOf({ reply: "Do you mean vim?", offer })).toBeUndefined();
    // the head is about the very program the rest touches: a contradiction, not a rest
    expect(restOf({ reply: "vim is kept. Shall I add the rest (remove vim)?", offer })).toBeUndefined();
  });

  it("'install gimp pls and remove it again' does not become an install", async () => {
    const r = await shot("install gimp pls and remove it again");
    expect(calls(r.decision)).toEqual([]);
  });
});

describe("F9, F10, F23: every clause is acted on or named as not done", () => {
  it("the removal 'instead of' suggests is offered (asked on a terminal, default no), never planned", async () => {
    const r = await shot("install neovim instead of vim");
    expect(r.offers.map((o) => o.calls)).toEqual([[{ tool: "removeRecipe", args: { name: "vim" } }]]);
    expect(removed(r.decision)).toEqual([]);
    for (const text of [
      "install neovim",
      "install neovim instead of nano",
      "remove firefox vlc and htop, but htop stays",
    ])
      expect((await shot(text)).offers, text).toEqual([]);
  });

  // ("replace vim with neovim", "swap vim for neovim", "switch from vim to neovim" are read as both, a removal the words name: the rules, unchanged)
  it("'install neovim instead of vim' installs neovim, keeps vim and says so with the command", async () => {
    for (const text of [
      "install neovim instead of vim",
      "get neovim pls instead of vim",
      "can i have neovim rather than vim",
      "add neovim in place of vim",
    ]) {
      const r = await shot(text);
      expect(installed(r.decision), text).toEqual(["neovim"]);
      expect(removed(r.decision), text).toEqual([]);
      expect(r.notes.join(" "), text).toContain('levitate ask "remove vim"');
    }
  });

  it("a shell change is named with chsh", async () => {
    for (const [text, cmd] of [
      ["pls add zsh and make it my shell", 'chsh -s "$(command -v zsh)"'],
      ["install zsh and set it as my default shell", 'chsh -s "$(command -v zsh)"'],
      ["add zsh, make it anna's shell", 'chsh -s "$(command -v zsh)" anna'],
    ] as const) {
      const r = await shot(text);
      expect(r.notes.join(" "), text).toContain(cmd);
    }
  });

  it("a group for an existing user is named with usermod", async () => {
    for (const [text, cmd] of [
      ["install docker and give anna docker rights", "usermod -aG docker anna"],
      ["add docker, put tom in the docker group", "usermod -aG docker tom"],
      ["get docker and give me docker access", 'usermod -aG docker "$USER"'],
    ] as const) {
      const r = await shot(text);
      expect(r.notes.join(" "), text).toContain(cmd);
      expect(installed(r.decision), text).toEqual(["docker"]);
    }
  });

  it("taking sudo from an existing user is answered like giving it: gpasswd, the account stays", async () => {
    for (const text of [
      "take sudo from tom but dont delete him",
      "remove tom from the sudoers, keep his account",
      "revoke admin rights from anna",
      "take away anna's admin rights",
      "tom isnt admin anymore",
      "anna is no longer an admin",
    ]) {
      const r = await shot(text);
      expect(reply(r.decision), text).toMatch(/gpasswd -d (?:tom|anna) wheel/);
      expect(calls(r.decision), text).toEqual([]);
    }
  });

  it("near-misses: nothing named for words that ask nothing of an account", () => {
    const none = (t: string, c: Step[] = []) => unplannedClauses(t, c as PlanCall[], INST);
    expect(none("install zsh")).toEqual([]);
    expect(none("what shell do i have?")).toEqual([]);
    expect(none("make fish my shell")).toEqual([]); // no fish here to change to
    expect(none("give bob docker rights")).toEqual([]); // no account bob here
    expect(none("install neovim instead of nano")).toEqual([]); // nano is not installed
    expect(none("take sudo from root")).toEqual([]);
    expect(none("bob isnt admin anymore")).toEqual([]); // no account bob here
    expect(none("give anna full rights")).toEqual([]);
    // vim removed in the plan already: nothing to say
    expect(
      none("install neovim instead of vim", [
        { tool: "installRecipe", args: { name: "neovim" } },
        { tool: "removeRecipe", args: { name: "vim" } },
      ]),
    ).toEqual([]);
  });
});

describe("F37, F12: reinstalls and what is installed", () => {
  it("a reinstall in two clauses removes nothing and gives the two commands", async () => {
    for (const text of [
      "uninstall firefox and install it again",
      "remove vlc then put it back",
      "delete git and reinstall it fresh",
      "get rid of htop, then install htop again",
    ]) {
      const r = await shot(text);
      expect(calls(r.decision), text).toEqual([]);
      expect(reply(r.decision), text).toMatch(/I removed nothing/);
    }
  });

  it("near-misses: two programs are no reinstall", () => {
    expect(reinstalled("remove vim and install neovim again", INST)).toBeUndefined();
    expect(reinstalled("remove vim and install neovim", INST)).toBeUndefined();
    expect(reinstalled("uninstall steam and install it again", INST)).toBeUndefined(); // not installed
  });

  it("'install htop' with htop installed plans nothing and says so", async () => {
    for (const text of ["install htop", "add git pls", "get me firefox"]) {
      const r = await shot(text);
      expect(calls(r.decision), text).toEqual([]);
      expect(reply(r.decision), text).toMatch(/already installed/);
      expect(r.settled).toBe(true);
    }
  });

  it("the rest of an install stays; again/reinstall/a version keep the install; a newer recipe updates", () => {
    const c = (name: string, version?: string) =>
      ({ tool: "installRecipe", args: version ? { name, version } : { name } }) as PlanCall;
    expect(dropInstalled([c("htop"), c("tmux")], "install htop and tmux", INST).calls).toEqual([c("tmux")]);
    expect(dropInstalled([c("htop")], "install htop again", INST).calls).toEqual([c("htop")]);
    expect(dropInstalled([c("htop", "3.3.0")], "install htop 3.3.0", INST).calls).toEqual([
      c("htop", "3.3.0"),
    ]);
    const newer = dropInstalled([c("htop")], "install htop", INST, () => ({
      installed: "3.2.0",
      recipe: "3.3.0",
    }));
    expect(newer.calls).toEqual([c("htop")]);
    expect(newer.notes.join(" ")).toMatch(/3\.2\.0 is installed; the recipe has 3\.3\.0/);
    const same = dropInstalled([c("htop")], "install htop", INST, () => ({
      installed: "3.3.0",
      recipe: "3.3.0",
    }));
    expect(same.notes.join(" ")).toMatch(/htop 3\.3\.0 is already installed/);
  });
});

describe("F11, F13, F14, F38: answered from the facts", () => {
  it("a misspelt name gets the nearest recipe names", async () => {
    expect(reply((await shot("remove pyhton")).decision)).toMatch(/nearest name: python3 \(installed\)/);
    expect(nearestNames("fierfox", ["firefox", "fd"])).toEqual(["firefox"]);
    expect(nearestNames("python", ["python3", "nodejs"])).toEqual(["python3"]);
    expect(nearestNames("zz", ["zsh"])).toEqual([]);
    expect(nearestNames("libreoffice", ["firefox", "vlc"])).toEqual([]);
  });

  it("'remove the rest of the dev stuff' lists what is installed", async () => {
    const r = await shot("dont remove python3, remove the rest of the dev stuff");
    expect(calls(r.decision)).toEqual([]);
    expect(reply(r.decision)).toMatch(/Installed here: firefox, vim, git, htop, vlc, python3/);
  });

  it("who has sudo, what do you have, can i remove git safely", async () => {
    expect(reply((await shot("who has sudo here?")).decision)).toMatch(/getent group wheel/);
    expect(reply((await shot("who is admin on this box")).decision)).toMatch(/getent group wheel/);
    expect(reply((await shot("what do you have?")).decision)).toMatch(/Available to install: ripgrep/);
    expect(reply((await shot("what programs can i get")).decision)).toMatch(/Available to install:/);
    const git = await shot("can i remove git safely?");
    expect(reply(git.decision)).toMatch(/levitate ask "remove git"/);
    expect(calls(git.decision)).toEqual([]);
    expect(reply((await shot("is it ok to uninstall vlc?")).decision)).toMatch(/levitate ask "remove vlc"/);
  });
});

describe("the CLI: the rest is planned, an unanswered question exits 4 with the command", () => {
  const root = new URL("../..", import.meta.url).pathname;
  const fx = new URL("./fixtures/findings28-fixK27-inst.json", import.meta.url).pathname;
  const ask = (text: string, ...more: string[]) =>
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
        ...more,
      ],
      { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 },
    );
  it("'dont remove git, htop or vim. remove vlc and htop': Not done + the rest planned, exit 0; --json notDone", () => {
    const text = "dont remove git, htop or vim. remove vlc and htop";
    const r = ask(text);
    expect(r.stdout).toMatch(/Not done: .*htop/);
    expect(r.stdout).toMatch(/Understood: remove vlc\./);
    expect(r.status).toBe(0);
    const j = JSON.parse(ask(text, "--json").stdout);
    expect(j.notDone.join(" ")).toMatch(/htop/);
  }, 120_000);
  it("'hostname bob's laptop' (a guess, no terminal): exit 4, the command, status needs-answer", () => {
    const r = ask("hostname bob's laptop");
    expect(r.stdout).toContain('levitate ask "set the hostname to bobs-laptop"');
    expect(r.status).toBe(4);
    const j = JSON.parse(ask("hostname bob's laptop", "--json").stdout);
    expect(j.status).toBe("needs-answer");
    expect(j.command).toBe('levitate ask "set the hostname to bobs-laptop"');
  }, 120_000);
});
