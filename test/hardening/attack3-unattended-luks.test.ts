/**
 * attack3 M7: an encrypted plan cannot run unattended (a LUKS passphrase has no plan field): the
 * unattended refusal says so instead of pointing at passwordHash, and `levitate install --plan
 * --dry-run` warns about it up front.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AskSecretAction } from "../../steps/step.js";
import { unattendedSecretsFix, unattendedWarning } from "../../tools/unattendedSecrets.js";

const luks: AskSecretAction = {
  kind: "askSecret",
  secret: "luks",
  prompt: "Disk encryption passphrase",
  confirm: true,
  minLength: 8,
};
const bob: AskSecretAction = {
  kind: "askSecret",
  secret: "password:bob",
  prompt: "Password for bob",
  confirm: true,
  minLength: 1,
};

describe("attack3 M7: what an unattended install cannot be given", () => {
  it("the passphrase alone: the console or no encryption, never passwordHash", () => {
    const fix = unattendedSecretsFix([luks]);
    expect(fix).toMatch(/LUKS passphrase cannot be given in a plan/);
    expect(fix).toMatch(/console/);
    expect(fix).not.toMatch(/passwordHash/);
  });
  it("a password alone: passwordHash; both: both fixes", () => {
    expect(unattendedSecretsFix([bob])).toMatch(/passwordHash/);
    const both = unattendedSecretsFix([luks, bob]);
    expect(both).toMatch(/LUKS passphrase/);
    expect(both).toMatch(/passwordHash/);
    expect(unattendedWarning([])).toBeUndefined();
  });

  it("levitate install --plan --dry-run warns that an encrypted plan cannot run unattended", () => {
    const d = mkdtempSync(join(os.tmpdir(), "attack3-m7-"));
    const facts = join(d, "facts.json");
    const plan = join(d, "plan.json");
    writeFileSync(
      facts,
      JSON.stringify({
        version: 2,
        mode: "live",
        firmware: "bios",
        disks: [
          { path: "/dev/vdz", sizeBytes: 8 * 2 ** 30, model: "img", transport: "unknown", partitions: [] },
        ],
        users: ["root"],
        recipes: [],
        installed: [],
      }),
    );
    const hash =
      "$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/";
    writeFileSync(
      plan,
      JSON.stringify({
        version: 1,
        mode: "live",
        target: join(d, "mnt"),
        steps: [
          { tool: "partitionDisk", args: { disk: "/dev/vdz", encrypt: true, filesystem: "ext4" } },
          { tool: "createUser", args: { username: "bob", sudo: true, passwordHash: hash } },
        ],
      }),
    );
    const out = execFileSync(
      "npx",
      ["tsx", "cli/levitate.ts", "install", "--plan", plan, "--facts", facts, "--dry-run"],
      {
        encoding: "utf8",
        env: { ...process.env, HOME: d },
      },
    );
    expect(out).toMatch(/cannot run unattended/);
    expect(out).toMatch(/LUKS passphrase cannot be given in a plan/);
    expect(out).not.toContain(hash);
    expect(out).toMatch(/Dry run: nothing was changed/);
  }, 120_000);
});
