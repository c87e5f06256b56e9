import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, type World } from "../recipe/fixture.js";

const REPO = join(import.meta.dirname, "../..");
const CLI = join(REPO, "cli/recipe.ts");

function list(w: World) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", CLI, "list", "--root", w.root, "--recipes", w.recipes, "--no-progress"],
    { cwd: REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", TMPDIR: w.dir }, timeout: 90_000 },
  );
}

/** A journal of a dead process (pid 999999 on this host), as a crafted root would carry it. */
function plantJournal(w: World, header: object, entries: object[]): string {
  const sd = join(w.root, "etc/recipes");
  mkdirSync(sd, { recursive: true });
  const f = join(sd, ".recipe-txn-999999.journal");
  const lines = [{ pid: 999999, host: hostname(), locks: [], ...header }, ...entries];
  writeFileSync(f, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  return f;
}

describe("a journal found in a root is input: recovery never reaches outside the root (C1)", () => {
  let w: World;
  afterEach(() => w.cleanup());

  it("the attacker's journal (build dir, install and backup paths on the host) is refused and kept", () => {
    w = makeWorld();
    const host = join(w.dir, "host");
    mkdirSync(join(host, "precious/sub"), { recursive: true });
    writeFileSync(join(host, "precious/sub/data"), "KEEP");
    writeFileSync(join(host, "precious2.txt"), "KEEP2");
    writeFileSync(join(host, "bk.txt"), "BK");
    writeFileSync(join(host, "victim"), "VICTIM");
    const j = plantJournal(w, { buildRoot: join(host, "precious") }, [
      { op: "install", path: join(host, "precious2.txt") },
      { op: "backup", original: join(host, "victim"), backup: join(host, "bk.txt") },
    ]);
    const r = list(w);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(host, "precious/sub/data"), "utf8")).toBe("KEEP");
    expect(readFileSync(join(host, "precious2.txt"), "utf8")).toBe("KEEP2");
    expect(readFileSync(join(host, "victim"), "utf8")).toBe("VICTIM");
    expect(readFileSync(join(host, "bk.txt"), "utf8")).toBe("BK");
    expect(existsSync(j)).toBe(true);
    expect(r.stderr).toContain(`kept ${j}`);
    expect(r.stderr).toContain(`rm ${j}`);
    expect(r.stderr).not.toMatch(/rolled back/);
  });

  it("a path inside the root by its letters but through a link in the root to the host is refused", () => {
    w = makeWorld();
    const host = join(w.dir, "host");
    mkdirSync(host, { recursive: true });
    writeFileSync(join(host, "file"), "KEEP");
    mkdirSync(w.root, { recursive: true });
    symlinkSync(host, join(w.root, "evil"));
    const j = plantJournal(w, { buildRoot: join(w.dir, "recipe-build-abcdef") }, [
      { op: "install", path: join(w.root, "evil/file") },
    ]);
    const r = list(w);
    expect(readFileSync(join(host, "file"), "utf8")).toBe("KEEP");
    expect(existsSync(j)).toBe(true);
    expect(r.stderr).toMatch(/is outside/);
  });

  it("an undo command other than rpm -e on this root is never run; a lock outside the state dir is never made", () => {
    w = makeWorld();
    const mark = join(w.dir, "RAN");
    const lock = join(w.dir, "elsewhere.rhai");
    const j = plantJournal(w, { buildRoot: join(w.dir, "recipe-build-abcdef"), locks: [lock] }, [
      { op: "undo-argv", argv: ["touch", mark] },
    ]);
    const r = list(w);
    expect(existsSync(mark)).toBe(false);
    expect(existsSync(`${lock}.lock`)).toBe(false);
    expect(existsSync(j)).toBe(true);
    expect(r.stderr).toMatch(/kept/);

    // Without the bad lock, the command alone is still refused.
    plantJournal(w, { buildRoot: join(w.dir, "recipe-build-abcdef") }, [
      { op: "undo-argv", argv: ["touch", mark] },
    ]);
    const r2 = list(w);
    expect(existsSync(mark)).toBe(false);
    expect(r2.stderr).toMatch(/is not rpm -e on/);
  });

  it("a journal recipe would write (paths in the root, its own build dir) is still rolled back", () => {
    w = makeWorld();
    mkdirSync(join(w.root, "usr/bin"), { recursive: true });
    writeFileSync(join(w.root, "usr/bin/tool"), "half");
    const build = join(w.dir, "recipe-build-Ab12Cd");
    mkdirSync(join(build, "x"), { recursive: true });
    const j = plantJournal(w, { buildRoot: build }, [{ op: "install", path: join(w.root, "usr/bin/tool") }]);
    // The mark Journal.begin leaves: only a build directory naming its journal is removed (attack 7 L2).
    writeFileSync(join(build, ".recipe-journal"), `999999 ${j}\n`);
    const r = list(w);
    expect(r.stderr).toMatch(/rolled back an install that was interrupted \(process 999999\)/);
    expect(existsSync(join(w.root, "usr/bin/tool"))).toBe(false);
    expect(existsSync(build)).toBe(false);
    expect(existsSync(j)).toBe(false);
  });
});
