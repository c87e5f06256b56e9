/**
 * Attack 6 L10: the chat's reply quoted a disk model holding a newline as it was: its ESC and BEL
 * were escaped, but "…Model\nFAKE LINE" ended the reply's line and "FAKE LINE) and install there"
 * started one of its own. Text the facts supply is now shown with its newlines escaped too, and
 * since attacker 24 F10 a facts name is cut at its first control character when it is read.
 */
import { PassThrough, Writable } from "node:stream";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { runChat } from "../../agent/chat/index.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { type Facts, FactsSchema } from "../../facts/schema.js";
import { quotingSafeLines } from "../../steps/terminalText.js";

const MODEL = "Evil\x1b]2;PWNED\x07\x1b[2JModel\nFAKE LINE";
const facts = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  filesystems: ["ext4", "xfs", "vfat"],
  // 32 GiB: room for an install (fixL25 W17 refuses a disk too small for one)
  disks: [{ path: "/dev/sdz", sizeBytes: 34359738368, model: MODEL, transport: "unknown" }],
  users: ["root"],
  recipes: ["ripgrep"],
  installed: [],
});

describe("a newline in a disk model does not start a line of the reply (attack 6 L10)", () => {
  it("the chat's 'Added: erase …' stays one line, the model shown up to its first control character", async () => {
    let out = "";
    const output = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const input = new PassThrough();
    input.end("install on the evil disk\n");
    await runChat({
      facts,
      backend: createRulesBackend(),
      backendReason: "rules",
      dryRun: true,
      input,
      output,
      chalk: new Chalk({ level: 0 }),
    });
    const added = out.split("\n").find((l) => l.startsWith("levitate> Added: erase /dev/sdz"));
    expect(added).toContain("(34.4 GB (32.0 GiB), Evil…) and install there");
    expect(out).not.toMatch(/^FAKE LINE/m);
    expect(out).not.toMatch(/[\x07\x1b]/);
  });

  it("the reply's own newlines are kept; only the quoted text's are escaped", () => {
    // facts not read through the schema (another producer of facts text): the escaping still holds
    const raw = { ...facts, disks: [{ ...facts.disks[0]!, model: MODEL }] } as Facts;
    const shown = quotingSafeLines(raw)(`first ${MODEL} end\nsecond line`);
    expect(shown.split("\n")).toEqual([
      "first Evil\\x1b]2;PWNED\\x07\\x1b[2JModel\\nFAKE LINE end",
      "second line",
    ]);
  });
});
