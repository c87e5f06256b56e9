import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadFactsFile } from "../../facts/load.js";
import { formatPlanErrors } from "../../tools/planFile.js";
import { loadPlanFile } from "../../tools/run.js";

const dir = mkdtempSync(join(tmpdir(), "attack6-plantext-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FACTS = loadFactsFile(join(import.meta.dirname, "../agent/fixtures/installed.json"));

/** Attack 6 L4: a plan saved with a UTF-8 byte-order mark (Notepad) was refused as bad JSON. */
describe("a plan file with a byte-order mark is read past it (attack 6 L4)", () => {
  it("compiles as the same file without the mark", () => {
    const file = join(dir, "bom.json");
    const plan = {
      version: 1,
      mode: "installed",
      target: join(dir, "root"),
      steps: [{ tool: "setHostname", args: { hostname: "box" } }],
    };
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(plan))]));
    const r = loadPlanFile(file, FACTS, { target: join(dir, "root") });
    expect(r.ok ? "ok" : JSON.stringify(r.errors)).toBe("ok");
  });
});

/** Attack 6 L8: the file name in an error's first line reached the terminal raw (ESC, BEL, a forged line). */
describe("the plan file's name is shown escaped in the error header (attack 6 L8)", () => {
  it("control characters are made visible", () => {
    const head = formatPlanErrors("p/e\x1b]2;PWN\x07\n[FAKE] all good.json", [
      { path: "(file)", message: "x" },
    ]).split("\n")[0];
    expect(head).not.toMatch(/[\x00-\x1f]/);
    expect(head).toContain("[FAKE] all good.json: 1 error, nothing was run:");
  });
});
