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

/** Attack 6 L11: a login shell that does not exist (`/tmp/evil`, `/`) was accepted; the user could not log in. */
describe("a login shell the installed system does not have is refused (attack 6 L11)", () => {
  it("refused with the shells the system lists; a listed one is accepted", async () => {
    const { mkdirSync } = await import("node:fs");
    const { validatePlan } = await import("../../tools/planFile.js");
    const root = join(dir, "sys");
    mkdirSync(join(root, "etc"), { recursive: true });
    writeFileSync(join(root, "etc/shells"), "/bin/sh\n/bin/bash\n");
    const plan = (shell: string) => ({
      version: 1,
      mode: "installed",
      target: root,
      steps: [{ tool: "createUser", args: { username: "erin", shell } }],
    });
    for (const shell of ["/tmp/attack6-no-such-shell", "/"]) {
      const r = validatePlan(plan(shell), FACTS);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.errors[0]?.message).toContain(`${shell} is not a login shell of this system`);
        expect(r.errors[0]?.hint).toBe("use one of /bin/sh, /bin/bash");
      }
    }
    expect(validatePlan(plan("/bin/bash"), FACTS).ok).toBe(true);
  });
});
