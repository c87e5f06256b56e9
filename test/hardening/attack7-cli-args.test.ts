import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PinSchema } from "../../recipe/versions.js";
import { type CliName, runCli } from "../helpers/cli.js";

/**
 * Attacker 7 L4: recipe names and versions typed on the command line were echoed raw in "bad
 * recipe name" (an OSC title, a screen clear, a right-to-left override reached the terminal);
 * commander's "unknown option/command" quoted its argument raw in every CLI too.
 */

const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const OSC = "\x1b]0;PWN\x07\x1b[2J";
const RLO = "\u202e";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "attack7-args-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(cli: string, ...args: string[]) {
  const r = runCli(cli.replace(/\.ts$/, "") as CliName, args);
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("arguments are shown with their control characters escaped", () => {
  it("a bad version names itself escaped", () => {
    const r = PinSchema.safeParse(`tool@${OSC}`);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('"\\x1b]0;PWN\\x07\\x1b[2J" is not a version');
  });

  it.each([
    ["install", [`tool@${OSC}`, "--dry-run"]],
    ["install", [`tool@1${RLO}2`]],
    ["install", [`x${RLO}y`]],
    ["remove", [`x\x1b[2Jy`]],
    ["info", [`x\x1b[2Jy`]],
    ["bootstrap", [`--firmware`, `u${OSC}`]],
    ["install", [`--x${OSC}`]],
  ])("recipe %s, case %#", (cmd, args) => {
    const r = run("recipe.ts", cmd, ...(cmd === "bootstrap" ? [root] : []), ...args, "--root", root);
    expect(r.status).toBe(2);
    expect(r.out).not.toMatch(RAW);
    expect(r.out).toMatch(/\\x1b|\\u202e/);
  });

  it("an unknown command of levitate and leviso", () => {
    for (const cli of ["levitate.ts", "leviso.ts"]) {
      const r = run(cli, `x${OSC}`);
      expect(r.status).toBe(2);
      expect(r.out).not.toMatch(RAW);
      expect(r.out).toContain("x\\x1b]0;PWN");
    }
  });
});
