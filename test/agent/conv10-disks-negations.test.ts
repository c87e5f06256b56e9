import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { decideTurn } from "../../agent/turn.js";
import type { Backend, PlanCall } from "../../agent/types.js";
import type { Decision } from "../../tools/decision.js";
import { type Bad, callsOf, erases, removes, sudoFor } from "./helpers/destructive.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Issue 14, convB class 1: the words' last check (agent/rules/negatedCalls.ts) runs in decideTurn,
 * the one decision path of every front end, so `levitate ask` and the chat give the same answer for
 * the same words and neither ever holds the call the words refuse.
 */

const disks = fixtureFacts("findings6-a"); // sda: Samsung with "backup", nvme0n1: WD with "games", sdb: live
const installed = fixtureFacts("installed-lena"); // git, htop, ripgrep installed; users root, lena

// sentences of our own, in no data set
const TABLE: [string, "disks" | "installed", Bad][] = [
  ["i wouldnt ever format the wd", "disks", erases("/dev/nvme0n1")],
  ["whatever you do dont nuke sda", "disks", erases("/dev/sda")],
  ["do not erase the samsung or the wd", "disks", erases("/dev/sda")],
  ["please never wipe sda and install on the nvme", "disks", erases("/dev/sda")],
  ["wiping the wd would be a mistake", "disks", erases("/dev/nvme0n1")],
  ["erasing sda? absolutely not", "disks", erases("/dev/sda")],
  ["no formatting the samsung", "disks", erases("/dev/sda")],
  ["i dont want sda wiped", "disks", erases("/dev/sda")],
  ["sda must not be erased", "disks", erases("/dev/sda")],
  ["you shouldnt touch the samsung", "disks", erases("/dev/sda")],
  ["install on the wd but don't wipe sda", "disks", erases("/dev/sda")],
  ["never erase the nvme", "disks", erases("/dev/nvme0n1")],
  ["i would never remove git", "installed", removes("git")],
  ["dont uninstall htop, remove ripgrep", "installed", removes("htop")],
  ["removing git would be dumb", "installed", removes("git")],
  ["htop must not be uninstalled", "installed", removes("htop")],
  ["purge ripgrep? no way", "installed", removes("ripgrep")],
  ["install fd, dont remove git", "installed", removes("git")],
  ["do not delete htop or git", "installed", removes("git")],
  ["create user max but do not give max sudo", "installed", sudoFor("max")],
  ["add user ola, sudo for ola is a bad idea", "installed", sudoFor("ola")],
  ["create user tim and never make him an admin", "installed", sudoFor("tim")],
];

describe("negations are read in one place: ask and the chat answer alike", () => {
  const backend = createRulesBackend();
  it.each(TABLE)("%s", async (words, which, bad) => {
    const f = which === "disks" ? disks : installed;
    // what `levitate ask` runs: one view of a fresh conversation, one decideTurn, nothing recorded
    const asked = await decideTurn(backend, new Conversation(f).view(words), f);
    // what the chat runs: the same turn, recorded
    const chat = await dialogue(f, [words]);
    expect(chat.last).toEqual(asked);
    expect(callsOf(asked).filter(bad)).toEqual([]);
    expect(chat.conv.pending.filter(bad)).toEqual([]);
  });
});

/** A backend that reads every sentence as the destructive call it refuses. */
function stubborn(calls: PlanCall[], asOffer = false): Backend {
  return {
    name: "stubborn",
    decide: async () => (asOffer ? { reply: "Shall I?", offer: { calls } } : { calls }),
  };
}

describe("the check is decideTurn's, so no backend passes it", () => {
  it("a backend's erase of the disk the words refuse leaves the decision; the rest is offered", async () => {
    const erase: PlanCall = {
      tool: "partitionDisk",
      args: { disk: "/dev/nvme0n1", use: "whole", filesystem: "ext4", encrypt: false, separateHome: false },
    };
    const fd: PlanCall = { tool: "installRecipe", args: { name: "fd" } };
    const conv = new Conversation(installed);
    const d = await decideTurn(stubborn([fd]), conv.view("dont ever wipe the nvme, add fd"), installed);
    expect(d).toEqual({ calls: [fd] });
    // with the protections left out of the view, only the words' check stands between them
    const live = new Conversation(disks);
    const view = { ...live.view("i would never format the wd"), protections: [] };
    const e = await decideTurn(stubborn([erase]), view, disks);
    expect(callsOf(e)).toEqual([]);
    expect("reply" in e && e.reply).toMatch(/so I did not add that/);
    const both = await decideTurn(stubborn([erase, fd]), view, disks);
    expect(both).toMatchObject({ offer: { calls: [fd] } });
  });

  it("an offer never holds a removal the same words refuse ('remove git? over my dead body')", async () => {
    const rm: PlanCall = { tool: "removeRecipe", args: { name: "git" } };
    const ht: PlanCall = { tool: "removeRecipe", args: { name: "ripgrep" } };
    const conv = new Conversation(installed);
    const view = (w: string) => ({ ...conv.view(w), protections: [] });
    const only = await decideTurn(stubborn([rm], true), view("never remove git"), installed);
    expect(callsOf(only)).toEqual([]);
    const rest = await decideTurn(
      stubborn([rm, ht], true),
      view("dont remove git. remove ripgrep"),
      installed,
    );
    expect(callsOf(rest)).toEqual([ht]);
  });

  it("a sudo grant the words refuse is not added by the chat either", async () => {
    const grant: PlanCall = {
      tool: "createUser",
      args: { username: "kim", sudo: true, shell: "/bin/bash", groups: [] },
    };
    const conv = new Conversation(installed);
    const words = "create user kim, do not give kim sudo";
    const d = await decideTurn(stubborn([grant]), { ...conv.view(words), protections: [] }, installed);
    conv.record(words, d);
    expect(conv.pending.filter(sudoFor("kim"))).toEqual([]);
  });
});

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");

describe("levitate ask prints the decision the chat takes", () => {
  it.each([
    ["dont uninstall htop, remove ripgrep", "installed-lena"],
    ["no formatting the samsung", "findings6-a"],
  ])(
    "%s",
    async (words, fx) => {
      const r = await run(
        process.execPath,
        [
          "--import",
          "tsx",
          join(ROOT, "cli/levitate.ts"),
          "ask",
          words,
          "--facts",
          join(import.meta.dirname, "fixtures", `${fx}.json`),
          "--backend",
          "rules",
          "--dry-run",
          "--json",
        ],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 },
      ).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
      const printed = JSON.parse(r.stdout.slice(0, r.stdout.lastIndexOf("}") + 1)) as { decision: Decision };
      const f = fx === "installed-lena" ? installed : disks;
      const chat = await dialogue(f, [words]);
      expect(printed.decision).toEqual(chat.last);
    },
    90_000,
  );
});
