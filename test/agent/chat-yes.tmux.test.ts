import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chatSkipsConfirmation } from "../../agent/chat/index.js";
import { describeWithTools } from "../helpers/env.js";

/**
 * `--yes` in the install chat: scripts (piped input) skip the confirmation; a person at a terminal
 * who says "yes" to a plan that erases a disk still types the disk path back.
 */
const ROOT = join(import.meta.dirname, "../..");
// A disk no machine here has: even a regression that skipped the question could erase nothing.
const FACTS = join(import.meta.dirname, "fixtures/live-one-absent-disk.json");
const DISK = "/dev/vdz";
const SOCKET = `levitate-chat-yes-${process.pid}`;
const SESSION = "chatyes";

function tmux(...args: string[]): string {
  return execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });
}

const pane = () => tmux("capture-pane", "-p", "-J", "-S", "-3000", "-t", SESSION);

async function waitFor(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const p = pane();
    if (typeof text === "string" ? p.includes(text) : text.test(p)) return p;
    if (Date.now() > end) throw new Error(`pane never showed ${String(text)}; it shows:\n${p}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function type(line: string): void {
  tmux("send-keys", "-t", SESSION, "-l", line);
  tmux("send-keys", "-t", SESSION, "Enter");
}

describe("chatSkipsConfirmation", () => {
  const erase = [{ tool: "partitionDisk" }, { tool: "createUser" }];
  it("--yes skips it for piped input, and on a terminal only when no disk is erased", () => {
    expect(chatSkipsConfirmation(true, false, erase)).toBe(true);
    expect(chatSkipsConfirmation(true, true, erase)).toBe(false);
    expect(chatSkipsConfirmation(true, true, [{ tool: "installRecipe" }])).toBe(true);
    expect(chatSkipsConfirmation(false, false, erase)).toBe(false);
    expect(chatSkipsConfirmation(undefined, true, [])).toBe(false);
  });
});

describeWithTools("levitate install chat --yes on a terminal (tmux)", ["tmux"], () => {
  afterAll(() => {
    try {
      tmux("kill-server");
    } catch {
      // already gone
    }
  });

  it("a plain yes still asks for the disk path; anything else keeps the plan and changes nothing", async () => {
    expect(existsSync(DISK)).toBe(false);
    const cmd = `cd ${JSON.stringify(ROOT)} && NO_COLOR=1 ${JSON.stringify(process.execPath)} --import tsx cli/levitate.ts install --facts ${JSON.stringify(FACTS)} --yes --backend rules --target /nonexistent-levitate-target; echo "[exit $?]"; sleep 600`;
    tmux("new-session", "-d", "-s", SESSION, "-x", "200", "-y", "60", cmd);
    await waitFor("you> ");
    type(`erase ${DISK} with ext4`);
    await waitFor(/Plan:\n\s+1\. erase \/dev\/vdz/);
    type("yes");
    // the plan has no user with sudo: the chat asks who first (agent/session/login.ts); "nobody"
    // then yes goes on
    await waitFor("Nobody will be able to log in");
    type("nobody");
    await waitFor("OK, nobody gets sudo");
    type("yes");
    let p = await waitFor(`Type ${DISK} to go ahead`);
    expect(p).toContain("--yes does not skip typing the disk path back in a chat on a terminal.");
    expect(p).not.toMatch(/\[1\/\d+\]/); // no step started
    type("no");
    p = await waitFor("Not confirmed; the plan is kept.");
    expect(p).not.toMatch(/\[1\/\d+\]/);
    // The plan is still pending: leaving now is leaving it unconfirmed (130, issue 14).
    type("/quit");
    p = await waitFor("[exit 130]");
    expect(p).toContain("was not confirmed, so nothing was changed.");
  }, 120_000);
});
