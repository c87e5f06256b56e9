import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspectIso } from "../../leviso/inspect.js";
import { loadProfile, ProfileError } from "../../leviso/profile.js";
import { runCli } from "../helpers/cli.js";

describe("a broken profile shows every problem, not the first and a count", () => {
  it("profile.json fields and packages.txt lines together", () => {
    const dir = mkdtempSync(join(tmpdir(), "leviso-problems-"));
    writeFileSync(
      join(dir, "profile.json"),
      JSON.stringify({
        iso: { name: "levitate", label: "LEVITATE_10", version: "10.0" },
        boot: { modes: ["bios", "uefi", "coreboot"] },
        live: { hostname: "levitate", locale: "en_US.UTF-8", user: { name: "live", groups: ["Bad Group"] } },
        installer: { missingBase: "ignore", gpu: ["metal"] },
        colour: "blue",
      }),
    );
    writeFileSync(join(dir, "packages.txt"), "kernel\ntwo words\nkernel\n");
    let err: unknown;
    try {
      loadProfile(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProfileError);
    const e = err as ProfileError;
    expect(e.message).not.toMatch(/more problem/);
    for (const want of [
      "boot.modes[2]",
      "live.user.groups[0]",
      "installer.missingBase",
      "installer.gpu[0]",
      '"colour"',
      'packages.txt:2: "two words" is not a package name',
      'packages.txt:3: "kernel" is listed twice',
    ])
      expect(e.message).toContain(want);
    expect(e.problems.length).toBe(7);
  });
});

describe("leviso inspect of something that is not an ISO", () => {
  it("says so and exits 1", async () => {
    const f = join(mkdtempSync(join(tmpdir(), "leviso-notiso-")), "notes.txt");
    writeFileSync(f, "hello\n");
    await expect(inspectIso(f)).rejects.toThrow("is not an ISO image");
    const r = runCli("leviso", ["inspect", f]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot inspect ${f}: ${f} is not an ISO image`);
    expect(r.stdout).toBe("");
  }, 90_000);
});
