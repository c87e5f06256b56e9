import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { deadTerminalFds } from "../../cli/levitate/hangup.js";

const REPO = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "attack6-hangup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const facts = join(dir, "facts.json");
writeFileSync(
  facts,
  JSON.stringify({
    mode: "live",
    firmware: "uefi",
    filesystems: ["ext4", "vfat"],
    disks: [
      {
        path: "/dev/attack6-no-such-disk",
        sizeBytes: 8589934592,
        model: "Test Disk",
        transport: "unknown",
        freeBytes: 0,
        partitions: [],
      },
    ],
    users: ["root"],
    recipes: [],
    installed: [],
  }),
);
const plan = join(dir, "plan.json");
writeFileSync(
  plan,
  JSON.stringify({
    version: 1,
    mode: "live",
    target: join(dir, "target"),
    steps: [
      { tool: "partitionDisk", args: { disk: "/dev/attack6-no-such-disk", encrypt: true } },
      { tool: "createUser", args: { username: "bob", sudo: true } },
    ],
  }),
);

const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * Runs levitate on a fresh pty (script(1)), waits for `prompt`, then closes the pty's master by
 * killing script: the terminal is gone, as when an SSH connection drops. The shell around
 * levitate ignores the hangup only to write levitate's exit status down (Node resets its own
 * signal dispositions at start, so levitate gets the hangup as usual).
 */
function hangUpAt(args: string[], prompt: string): Promise<string> {
  const status = join(dir, `status-${Math.random().toString(36).slice(2)}`);
  const cmd = `trap '' HUP; ${q(process.execPath)} --import tsx cli/levitate.ts ${args.map(q).join(" ")}; echo $? > ${q(status)}`;
  return new Promise((resolve, reject) => {
    const s = spawn("script", ["-qfec", cmd, "/dev/null"], { cwd: REPO, stdio: ["pipe", "pipe", "ignore"] });
    let out = "";
    s.stdout.on("data", (d) => {
      out += d;
      if (out.includes(prompt)) s.kill("SIGKILL");
    });
    s.on("close", () => {
      const deadline = Date.now() + 20_000;
      const poll = () => {
        if (existsSync(status) && readFileSync(status, "utf8").endsWith("\n"))
          resolve(readFileSync(status, "utf8").trim());
        else if (Date.now() > deadline) reject(new Error(`no exit status; output: ${out.slice(-400)}`));
        else setTimeout(poll, 100);
      };
      poll();
    });
  });
}

/**
 * Attack 6 M4: closing the terminal at an install prompt killed levitate with SIGSEGV/SIGABRT
 * (Node's exit aborts restoring a hung-up terminal) and skipped the exit handlers. It now ends
 * as a SIGHUP does: exit 129.
 */
describe("a terminal closed at an install prompt ends levitate with 129, not a crash (attack 6 M4)", () => {
  it.each([
    [
      "the chat's you>",
      ["install", "--facts", facts, "--backend", "rules", "--target", join(dir, "t")],
      "you>",
    ],
    ["the plan's confirmation", ["install", "--plan", plan, "--facts", facts], "go ahead"],
  ])(
    "at %s",
    async (_what, args, prompt) => {
      expect(await hangUpAt(args, prompt)).toBe("129");
    },
    60_000,
  );

  it("only descriptors that were a terminal and answer no more are replaced", () => {
    expect(deadTerminalFds([true, true, false], (fd) => fd === 1)).toEqual([0]);
    expect(deadTerminalFds([false, false, false], () => false)).toEqual([]);
  });
});
