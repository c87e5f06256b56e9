/**
 * Found after attack 6 (fixA7): `recipe remove NAME --root R` ran the `fn remove()` of R's own copy
 * of the recipe (R/etc/recipes/NAME.rhai) on the host, as root. When R is a disk from elsewhere that
 * copy is a stranger's script. Now remove() comes from the recipe directories the user trusts (the
 * ones named with --recipes, else the shipped ones; /etc/recipes only when the root is `/`), given
 * the copy's recorded state; with no such recipe only the recorded files are removed, and it says so.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ProgressEvent } from "../../recipe/actions.js";
import { remove } from "../../recipe/api.js";
import { makeWorld, type World } from "../recipe/fixture.js";

describe("recipe remove --root runs no remove() from the root's own copy (attack 6, fixA7's finding)", () => {
  let w: World;
  let stranger: string;
  let trusted: string;
  beforeEach(() => {
    w = makeWorld();
    stranger = join(w.dir, "STRANGER-RAN");
    trusted = join(w.dir, "TRUSTED-RAN");
    mkdirSync(join(w.root, "usr/local/bin"), { recursive: true });
    writeFileSync(join(w.root, "usr/local/bin/st"), "st binary");
    mkdirSync(join(w.root, "etc/recipes"), { recursive: true });
    writeFileSync(join(w.root, "etc/recipes/st.rhai"), source(`run(["sh", "-c", "touch ${stranger}"]);`));
  });
  afterEach(() => w.cleanup());

  /** Recipe st, installed with /usr/local/bin/st, whose remove() runs `body`. */
  const source = (body: string) => `let pkg = #{ name: "st", version: "1.0", description: "st" };
let installed = true;
let installed_version = "1.0";
let installed_files = ["/usr/local/bin/st"];
let installed_at = "2026-01-01T00:00:00Z";
fn install() { }
fn remove() { ${body} }
`;

  it("no trusted recipe of that name: the copy's remove() is not run, the files go, and it says so", async () => {
    for (const recipeDirs of [undefined, [w.recipes]]) {
      writeFileSync(join(w.root, "usr/local/bin/st"), "st binary");
      writeFileSync(join(w.root, "etc/recipes/st.rhai"), source(`run(["sh", "-c", "touch ${stranger}"]);`));
      const events: ProgressEvent[] = [];
      const plan = await remove(["st"], w.opts({ recipeDirs }), (e) => events.push(e));
      expect(existsSync(stranger)).toBe(false);
      expect(existsSync(join(w.root, "usr/local/bin/st"))).toBe(false);
      expect(readFileSync(join(w.root, "etc/recipes/st.rhai"), "utf8")).toContain("let installed = false;");
      expect(plan.notes?.[0]).toMatch(/^st: the remove\(\) in .*st\.rhai is not run: that copy belongs to/);
      expect(
        events.some((e) => e.type === "note" && e.text.includes("only its recorded files are removed")),
      ).toBe(true);
    }
  });

  it("the trusted recipe's remove() runs instead, seeing the state the root records", async () => {
    writeFileSync(
      join(w.recipes, "st.rhai"),
      source(`run(["sh", "-c", "printf " + installed_files.len() + " > ${trusted}"]);`).replace(
        /let installed = true;[\s\S]*?let installed_at = "[^"]*";/,
        "let installed = false;\nlet installed_version = ();\nlet installed_files = [];\nlet installed_at = ();",
      ),
    );
    const plan = await remove(["st"], w.opts());
    expect(existsSync(stranger)).toBe(false);
    expect(readFileSync(trusted, "utf8")).toBe("1");
    expect(plan.notes).toBeUndefined();
    expect(existsSync(join(w.root, "usr/local/bin/st"))).toBe(false);
  });

  it("a root's recipe directory named with --recipes is trusted: its remove() runs", async () => {
    await remove(["st"], w.opts({ recipeDirs: [join(w.root, "etc/recipes")] }));
    expect(existsSync(stranger)).toBe(true);
  });

  it("the dry run shows the same choice", async () => {
    const plan = await remove(["st"], w.opts({ dryRun: true }));
    expect(existsSync(stranger)).toBe(false);
    expect(plan.notes?.length).toBe(1);
    expect(plan.actions.some((a) => a.kind === "run")).toBe(false);
  });
});
