/**
 * Attacker 25 M5: `recipe remove` with one file it could not delete (immutable) reported
 * "ENOTDIR: not a directory, scandir" (rmSync's retry of the file as a directory), after other
 * files were already gone, and did not say that the same command finishes the job. Now: the file,
 * the real errno, what was already removed, and the rerun; and the rerun does finish.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { info, install, remove } from "../../recipe/api.js";
import { rawTarGz } from "./archives.js";
import { makeWorld, recipe, sha256, type World } from "./fixture.js";

const TOOL = rawTarGz([
  { type: "dir", path: "tool-1.0/" },
  { type: "file", path: "tool-1.0/bin/tool", content: "#!/bin/sh\n", mode: 0o755 },
]);

/** chattr +i works only as root on a filesystem that has the flag; elsewhere these tests skip. */
function chattr(flag: "+i" | "-i", file: string): boolean {
  return spawnSync("chattr", [flag, file], { stdio: "ignore" }).status === 0;
}

let w: World;
let locked: string[] = [];
beforeEach(async () => {
  w = makeWorld();
  const archive = join(w.mirror, "tool-1.0.tar.gz");
  writeFileSync(archive, TOOL);
  w.writeRecipe(
    "two",
    recipe(
      "two",
      `    download("file://${archive}", "${sha256(TOOL)}");\n    extract("tar.gz");\n    install_bin("bin/tool");\n    install_to_dir("bin/tool", "/etc/cron.d");`,
    ),
  );
  await install(["two"], w.opts());
});
afterEach(() => {
  for (const f of locked) chattr("-i", f);
  locked = [];
  w.cleanup();
});

const lock = (f: string) => {
  const ok = chattr("+i", f);
  if (ok) locked.push(f);
  return ok;
};

describe("recipe remove with a file it cannot delete", () => {
  it("names the file and the real errno, says what was removed, and the rerun finishes", async (t) => {
    const bin = join(w.root, "usr/local/bin/tool");
    if (!lock(bin)) t.skip();
    const err = await remove(["two"], w.opts()).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toContain(`cannot delete ${bin}: operation not permitted (EPERM)`);
    expect(msg).not.toContain("ENOTDIR");
    expect(msg).toContain(`1 file was already removed (${join(w.root, "etc/cron.d/tool")})`);
    expect(msg).toContain("run the same command again to finish");
    // The state still lists both, so the rerun knows what is left.
    expect(info("two", w.opts()).state.installed).toBe(true);
    chattr("-i", bin);
    await remove(["two"], w.opts());
    expect(existsSync(bin)).toBe(false);
    expect(info("two", w.opts()).state.installed).toBe(false);
  });

  it("a state copy that cannot be replaced: the real error, the files already gone, the rerun", async (t) => {
    const state = join(w.root, "etc/recipes/two.rhai");
    if (!lock(state)) t.skip();
    const msg = ((await remove(["two"], w.opts()).catch((e: Error) => e)) as Error).message;
    expect(msg).toMatch(/^cannot finish: operation not permitted \(EPERM\) at .*two\.rhai/);
    expect(msg).toContain("2 files were already removed");
    expect(msg).toContain("run the same command again to finish");
    chattr("-i", state);
    await remove(["two"], w.opts());
    expect(info("two", w.opts()).state.installed).toBe(false);
  });
});
