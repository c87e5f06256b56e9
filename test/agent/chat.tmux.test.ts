import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeWithTools } from "../helpers/env.js";

/**
 * The install chat driven for real: `levitate install --facts F --dry-run` in a tmux pane, keys
 * sent as a person types them, and assertions on what the pane shows.
 */
const ROOT = join(import.meta.dirname, "../..");
const FACTS = join(import.meta.dirname, "fixtures/live-two-disks.json");
const SOCKET = `levitate-chat-${process.pid}`;
const SESSION = "chat";

function tmux(...args: string[]): string {
  return execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });
}

function pane(): string {
  return tmux("capture-pane", "-p", "-J", "-S", "-3000", "-t", SESSION);
}

async function waitFor(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const p = pane();
    if (typeof text === "string" ? p.includes(text) : text.test(p)) return p;
    if (Date.now() > end) throw new Error(`pane never showed ${String(text)}; it shows:\n${p}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Types a line and waits until the pane has one more prompt than before. */
async function say(line: string): Promise<string> {
  const prompts = (pane().match(/you> /g) ?? []).length;
  tmux("send-keys", "-t", SESSION, "-l", line);
  tmux("send-keys", "-t", SESSION, "Enter");
  const end = Date.now() + 30_000;
  for (;;) {
    const p = pane();
    if ((p.match(/you> /g) ?? []).length > prompts || p.includes("Dry run: nothing was changed.")) return p;
    if (Date.now() > end) throw new Error(`no answer to "${line}"; pane:\n${p}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describeWithTools("levitate install chat in a terminal (tmux)", ["tmux"], () => {
  afterAll(() => {
    try {
      tmux("kill-server");
    } catch {
      // already gone
    }
  });

  it("shows the header, the growing plan, corrections, undo, and the dry-run confirmation", async () => {
    const cmd = `cd ${JSON.stringify(ROOT)} && NO_COLOR=1 ${JSON.stringify(process.execPath)} --import tsx cli/levitate.ts install --facts ${JSON.stringify(FACTS)} --dry-run --backend rules; echo "[exit $?]"; sleep 600`;
    tmux("new-session", "-d", "-s", SESSION, "-x", "220", "-y", "60", cmd);
    let p = await waitFor("you> ");
    // header: what was detected
    expect(p).toContain("LevitateOS installer (dry run: nothing will be changed)");
    expect(p).toContain("Firmware: UEFI");
    expect(p).toMatch(/\/dev\/nvme0n1 \(1\.00 TB/);
    expect(p).toMatch(/\/dev\/sdb .*live medium: not a target/);

    p = await say("use the ssd");
    expect(p).toMatch(/levitate> Which disk \(SSD\): \/dev\/nvme0n1 .* or \/dev\/sda /);

    p = await say("the bigger one");
    expect(p).toMatch(/Plan:\n\s+1\. erase \/dev\/nvme0n1 .* ext4/);

    p = await say("actually make it btrfs");
    expect(p).toMatch(/Changed: erase \/dev\/nvme0n1 .* btrfs/);

    p = await say("create anna with sudo and set Tokyo time");
    expect(p).toMatch(/2\. create user anna with sudo/);
    expect(p).toMatch(/3\. set time zone Asia\/Tokyo/);

    // a misspelled name of one close recipe is that install (round 24; round ten asked first)
    p = await say("add ripgrp");
    expect(p).toMatch(/4\. install ripgrep/);
    p = await say("/undo");
    expect(p.slice(p.lastIndexOf("levitate> Undone."))).not.toMatch(/install ripgrep/);

    p = await say("/disks");
    p = await say("yes");
    p = await waitFor("Dry run: nothing was changed.");
    // the whole plan as the executor would run it: the erased disk stands out, the password is asked, not shown
    expect(p).toContain("DESTROYS DATA");
    expect(p).toMatch(/mkfs\.btrfs .*\/dev\/nvme0n1p2/);
    expect(p).toMatch(/Ask for anna's password/);
    await waitFor("[exit 0]");
  }, 120_000);
});
