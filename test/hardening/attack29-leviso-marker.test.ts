/**
 * Attacker 29 L2: `leviso build --clean` accepted a directory holding an empty `.leviso-work`
 * that leviso never wrote (`touch w3/.leviso-work`) and deleted what was inside. The marker
 * counts only when it holds the line leviso writes.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkWorkDir, markWorkDir, WORK_MARKER, WorkDirError } from "../../leviso/workDir.js";

const tmp = mkdtempSync(join(tmpdir(), "leviso-marker-"));
const ctx = { keep: [] };

function dirWith(name: string, marker: (d: string) => void): string {
  const d = join(tmp, name);
  mkdirSync(join(d, "rootfs"), { recursive: true });
  writeFileSync(join(d, "rootfs/keep"), "precious\n");
  marker(d);
  return d;
}

describe("L2: only a marker leviso wrote lets --clean delete", () => {
  it("a hand-made empty marker, other text, a folder or a link of that name is refused", () => {
    const made = [
      dirWith("touched", (d) => writeFileSync(join(d, WORK_MARKER), "")),
      dirWith("other", (d) => writeFileSync(join(d, WORK_MARKER), "mine\n")),
      dirWith("folder", (d) => mkdirSync(join(d, WORK_MARKER))),
      dirWith("link", (d) => {
        markWorkDir(tmp); // a genuine marker elsewhere, linked in
        symlinkSync(join(tmp, WORK_MARKER), join(d, WORK_MARKER));
      }),
    ];
    for (const d of made) {
      expect(() => checkWorkDir(d, true, ctx), d).toThrow(WorkDirError);
      expect(() => checkWorkDir(d, true, ctx), d).toThrow(/that leviso wrote/);
    }
  });

  it("the marker leviso writes is still accepted", () => {
    const d = dirWith("mine", (x) => markWorkDir(x));
    expect(checkWorkDir(d, true, ctx)).toEqual([d]);
  });
});
