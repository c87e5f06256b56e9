import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { Chalk } from "chalk";
import { afterAll, describe, expect, it } from "vitest";
import { runChat } from "../../agent/chat/index.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { MAX_REQUEST_CHARS } from "../../agent/session/requestLimit.js";
import { FactsSchema } from "../../facts/schema.js";
import { runCli } from "../helpers/cli.js";

/**
 * Text the disks supply (a model string, another system's os-release name) reaches the chat's
 * replies; an escape sequence in it could clear or rewrite the lines the user is about to confirm.
 * And a pasted log at `you>` must be answered at once, not parsed for minutes.
 */

const dir = mkdtempSync(join(tmpdir(), "levitate-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ESC = "\u001b";
const hostileFacts = {
  mode: "live",
  firmware: "uefi",
  disks: [
    {
      path: "/dev/sda",
      sizeBytes: 500107862016,
      model: `Evil${ESC}]2;PWNED\u0007${ESC}[2JModel`,
      transport: "sata",
      table: "gpt",
      freeBytes: 200 * 1024 ** 3,
      partitions: [
        {
          path: "/dev/sda1",
          sizeBytes: 100 * 1024 ** 3,
          startBytes: 1024 ** 2,
          fstype: "ext4",
          label: `root\r${ESC}[2K`,
          os: `Fedora${ESC}]2;X\u0007 Linux"\n menuentry "pwn" {`,
        },
      ],
    },
  ],
  recipes: ["fd", "ripgrep"],
};
const factsFile = join(dir, "hostile.json");
writeFileSync(factsFile, JSON.stringify(hostileFacts));

async function chat(lines: string[]): Promise<string> {
  let out = "";
  const output = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const input = new PassThrough();
  input.end(`${lines.join("\n")}\n`);
  await runChat({
    facts: FactsSchema.parse(hostileFacts),
    backend: createRulesBackend(),
    backendReason: "rules",
    dryRun: true,
    input,
    output,
    chalk: new Chalk({ level: 0 }),
  });
  return out;
}

describe("hostile text in the chat", () => {
  it("never writes a control character the disks supplied (colours are off, so no ESC at all)", async () => {
    const out = await chat(["/disks", "install next to fedora in the free space", "/plan", "/quit"]);
    // The disk's own words are shown up to where they stop being a name (facts/shownName.ts,
    // attacker 24 F10): cut at the first control character, the cut marked.
    expect(out).toContain("Evil…");
    expect(out).not.toContain("PWNED");
    expect(out).not.toContain(ESC);
    expect(out).not.toContain("\u0007");
    expect(out).not.toContain("\r");
    // The os name that carried a menuentry is cut before it: nothing of it reaches a line.
    expect(out).toContain("Fedora…");
    expect(out).not.toContain("menuentry");
  });

  it("answers a request over the limit at once and reads the next one", async () => {
    const pasted = `add ripgrep ${"and fd ".repeat(3000)}`;
    expect(pasted.length).toBeGreaterThan(MAX_REQUEST_CHARS);
    const out = await chat([pasted, "add ripgrep", "/plan", "/quit"]);
    expect(out).toContain("characters long; one request can be at most 2,000");
    expect(out).toMatch(/1\. .*ripgrep/);
    expect(out).not.toMatch(/2\. .*fd/);
  });

  it("ask refuses a request over the limit with exit 1 and prints replies made visible", () => {
    const run = (...args: string[]) => runCli("levitate", ["ask", ...args]);
    const long = run(
      "x".repeat(MAX_REQUEST_CHARS + 1),
      "--facts",
      factsFile,
      "--backend",
      "rules",
      "--dry-run",
    );
    expect(long.status).toBe(1);
    expect(long.stderr).toContain("one request can be at most 2,000");
    const which = run(
      "which disk has fedora on it?",
      "--facts",
      factsFile,
      "--backend",
      "rules",
      "--dry-run",
    );
    expect(which.stdout + which.stderr).not.toContain(ESC);
  });
});
