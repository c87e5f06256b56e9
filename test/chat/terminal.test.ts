import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeWithTools } from "../helpers/env.js";
import { killServer, Pty } from "./pty.js";

/**
 * The chat and `levitate ask` in a real terminal (tmux): Ctrl-C at `you>`, at a confirmation and
 * at a password prompt exits 130 with one line and no stack trace; Ctrl-D leaves like /quit (130
 * with a plan pending); replies wrap at the terminal's width.
 */

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "levitate-pty-"));
const socket = `levitate-test-${process.pid}`;
afterAll(() => {
  killServer(socket);
  rmSync(dir, { recursive: true, force: true });
});

const live = join(dir, "live.json");
writeFileSync(
  live,
  JSON.stringify({
    mode: "live",
    firmware: "uefi",
    disks: [
      { path: "/dev/sda", sizeBytes: 500107862016, model: "Samsung SSD 870 EVO", transport: "sata" },
      { path: "/dev/nvme0n1", sizeBytes: 1000204886016, model: "WD_BLACK SN850X", transport: "nvme" },
    ],
    recipes: ["fd", "bat", "helix", "ripgrep"],
  }),
);
// An installed system that the tests never change: every run below stops before a step runs.
const installed = join(dir, "installed.json");
writeFileSync(
  installed,
  JSON.stringify({ mode: "installed", users: ["root"], recipes: ["fd", "bat"], installed: ["fd"] }),
);

const CLI = `node --import tsx ${join(ROOT, "cli/levitate.ts")}`;
const chat = (more = "") => `${CLI} install --facts ${live} --backend rules --dry-run ${more}`;
const ask = (text: string) => `${CLI} ask ${JSON.stringify(text)} --facts ${installed} --backend rules`;

function open(command: string, width = 80): Pty {
  return new Pty(socket, dir, command, { width, cwd: ROOT });
}

/** No stack trace, no error class name on the screen. */
function expectNoTrace(screen: string): void {
  expect(screen).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(screen).not.toMatch(/ExitPromptError|AbortPromptError|Error:/);
}

describeWithTools("the terminal: Ctrl-C, Ctrl-D and wrapping in a real pty", ["tmux"], () => {
  it("Ctrl-C at you> exits 130 with one line", async () => {
    const t = open(chat());
    try {
      await t.waitFor(/you> $/m);
      t.send("C-c");
      expect(await t.exitCode()).toBe(130);
      const s = t.screen(true);
      expect(s).toContain("cancelled, nothing was changed");
      expectNoTrace(s);
    } finally {
      t.kill();
    }
  }, 60_000);

  it("Ctrl-C at you> with a plan pending says the plan was not confirmed", async () => {
    const t = open(chat());
    try {
      await t.waitFor(/you> $/m);
      t.line("install fd");
      await t.waitFor(/Plan:[\s\S]*you>\s*$/);
      t.send("C-c");
      expect(await t.exitCode()).toBe(130);
      const s = t.screen(true);
      expect(s).toMatch(/cancelled: the plan \(1 step\) was not\s+confirmed, so nothing was changed\./);
      expectNoTrace(s);
    } finally {
      t.kill();
    }
  }, 60_000);

  it("Ctrl-D at you> leaves like /quit: 0 with nothing planned, 130 with a plan pending", async () => {
    const empty = open(chat());
    const pending = open(chat());
    try {
      await empty.waitFor(/you> $/m);
      empty.send("C-d");
      expect(await empty.exitCode()).toBe(0);
      expect(empty.screen(true)).toContain("Leaving; nothing was changed.");

      await pending.waitFor(/you> $/m);
      pending.line("install fd");
      await pending.waitFor(/Plan:[\s\S]*you>\s*$/);
      pending.send("C-d");
      expect(await pending.exitCode()).toBe(130);
      const s = pending.screen(true);
      expect(s).toMatch(/Leaving: the plan \(1 step\) was not\s+confirmed, so nothing was changed\./);
      expectNoTrace(s);
    } finally {
      empty.kill();
      pending.kill();
    }
  }, 60_000);

  it("Ctrl-C at the confirmation exits 130: nothing was changed", async () => {
    const t = open(ask("add bat"));
    try {
      await t.waitFor(/Go ahead\?/);
      t.send("C-c");
      expect(await t.exitCode()).toBe(130);
      const s = t.screen(true);
      expect(s).toContain("cancelled, nothing was changed");
      expectNoTrace(s);
    } finally {
      t.kill();
    }
  }, 60_000);

  it("Ctrl-C at ask's own question ([y/N]) exits 130, not a no that plans the rest (attacker 27 M3)", async () => {
    const t = open(ask("install bat instead of fd"));
    try {
      await t.waitFor(/\[y\/N\] > $/m);
      t.send("C-c");
      expect(await t.exitCode()).toBe(130);
      const s = t.screen(true);
      expect(s).toContain("cancelled, nothing was changed");
      expect(s).not.toMatch(/Go ahead\?/);
      expectNoTrace(s);
    } finally {
      t.kill();
    }
  }, 60_000);

  it("Ctrl-C at a password prompt exits 130: nothing was changed", async () => {
    const t = open(ask("create user zzlevitatepty"));
    try {
      await t.waitFor(/Go ahead\?/);
      t.line("y");
      await t.waitFor(/Password for zzlevitatepty/);
      t.send("C-c");
      expect(await t.exitCode()).toBe(130);
      const s = t.screen(true);
      expect(s).toContain("cancelled, nothing was changed");
      expectNoTrace(s);
    } finally {
      t.kill();
    }
  }, 60_000);

  it("an offer taken with yes, a drop, a replace, the login question, then the dry run", async () => {
    const t = open(chat(), 120);
    // each answer ends with a new prompt: wait for one more `you>` than before
    const say = async (line: string) => {
      const prompts = (t.screen(true).match(/^you>/gm) ?? []).length;
      t.line(line);
      const end = Date.now() + 30_000;
      for (;;) {
        const s = t.screen(true);
        if ((s.match(/^you>/gm) ?? []).length > prompts || /Dry run: nothing was changed/.test(s))
          return s.slice(s.lastIndexOf(`you> ${line}`));
        if (Date.now() > end) throw new Error(`no answer to "${line}":\n${s}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      await t.waitFor(/you>\s*$/);
      expect(await say("install hx")).toMatch(/levitate> Do you mean helix/);
      let s = await say("yes");
      expect(s).toMatch(/Added: install helix/);
      expect(s).toMatch(/Plan:\n\s+1\. install helix/);
      s = await say("add fd");
      expect(s).toMatch(/2\. install fd/);
      s = await say("forget about fd");
      expect(s).toMatch(/Removed from the plan: install fd/);
      expect(s).not.toMatch(/\d\. install fd/);
      s = await say("use /dev/sda");
      expect(s).toMatch(/2\. erase \/dev\/sda/);
      s = await say("no wait, the nvme");
      expect(s).toMatch(/Changed: erase \/dev\/nvme0n1/);
      expect(s).toMatch(/2\. erase \/dev\/nvme0n1/);
      expect(s).not.toMatch(/\d\. erase \/dev\/sda/);
      s = await say("yes");
      expect(s).toMatch(/Nobody will be able to log in/);
      expect(s).not.toContain("Dry run");
      await say("create user anna with sudo");
      t.line("yes");
      s = await t.waitFor(/Dry run: nothing was changed\./);
      expect(s).toMatch(/mkfs\.ext4 .*\/dev\/nvme0n1p2/);
      expect(s).not.toMatch(/\/dev\/sda\d/);
      expect(await t.exitCode()).toBe(0);
      expectNoTrace(t.screen(true));
    } finally {
      t.kill();
    }
  }, 120_000);

  it("wraps replies at 60 columns, under the reply's first word", async () => {
    const t = open(chat(), 60);
    try {
      await t.waitFor(/you> $/m);
      t.line("what can you do");
      const s = await t.waitFor(/atlas[\s\S]*you>\s*$/);
      // -J joins what the terminal wrapped by itself: a line over 60 would mean the chat did not wrap
      const reply = s.slice(s.indexOf("levitate> I can"));
      const lines = reply.split("\n").slice(
        0,
        reply.split("\n").findIndex((l) => l.startsWith("you>")),
      );
      expect(lines.length).toBeGreaterThan(3);
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(60);
      for (const l of lines.slice(1)) expect(l).toMatch(/^ {10}\S/);
      // words are whole: none is cut at the edge
      expect(lines.map((l) => l.trim()).join(" ")).toContain('create users ("add user anna with sudo")');
    } finally {
      t.kill();
    }
  }, 60_000);

  it("wraps the plan's steps and kept lines at 60 columns too (tester 14 A6)", async () => {
    const t = open(chat(), 60);
    try {
      await t.waitFor(/you> $/m);
      t.line("use the nvme with btrfs, encrypted, separate home and 8G swap, keep the samsung");
      await t.waitFor(/levitate>[\s\S]*you>\s*$/);
      t.line("/plan");
      const s = await t.waitFor(/Plan:[\s\S]*kept:[\s\S]*you>\s*$/);
      const plan = s.slice(s.lastIndexOf("Plan:"));
      const lines = plan.split("\n").slice(
        0,
        plan.split("\n").findIndex((l) => l.startsWith("you>")),
      );
      expect(lines.some((l) => /^ {2}1\. /.test(l))).toBe(true);
      expect(lines.some((l) => /^ {2}kept: /.test(l))).toBe(true);
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(60);
      // the erase step is long: it wrapped, and its next row sits under its text
      expect(lines.some((l) => /^ {5}\S/.test(l))).toBe(true);
    } finally {
      t.kill();
    }
  }, 60_000);
});
