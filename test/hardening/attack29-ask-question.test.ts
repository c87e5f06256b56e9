import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * Attacker 28 M3: `levitate ask` exits 4 whenever it ends on a question nothing answered, offer or
 * not ("Which disk ...?" exited 1, as if nothing could be planned); and the destructive gate's reply
 * never invents "you said you keep using it" for a removal only conditioned or asked.
 */
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");
const FIX = join(ROOT, "test/agent/fixtures");

async function ask(text: string, facts: string) {
  const args = [join(ROOT, "cli/levitate.ts"), "ask", text, "--facts", join(FIX, facts)];
  try {
    const r = await run(
      process.execPath,
      ["--import", "tsx", ...args, "--backend", "rules", "--dry-run", "--json"],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, timeout: 90_000 },
    );
    return { code: 0, out: JSON.parse(r.stdout) };
  } catch (e) {
    const x = e as { code: number; stdout: string };
    return { code: x.code, out: JSON.parse(x.stdout) };
  }
}

describe("ask ends on a question: exit 4", () => {
  it("'install on the ssd' with three SSDs asks which, exit 4, needs-answer", async () => {
    const r = await ask("install on the ssd", "findings30-fixT29-live2.json");
    expect(r.out.decision.reply).toMatch(/\?$/);
    expect(r.code).toBe(4);
    expect(r.out.status).toBe("needs-answer");
  });
  it("near miss: a request that cannot be planned still exits 1", async () => {
    const r = await ask("install firefox", "findings30-fixT29-inst.json");
    expect(r.code).toBe(1);
    expect(r.out.status).toBe("not-planned");
  });
});

describe("the gate's reply says only what was said", () => {
  for (const t of ["remove vim if you want", "remove vim if you think so", "remove vim?"]) {
    it(t, async () => {
      const r = await ask(t, "findings30-fixT29-inst.json");
      const reply: string = r.out.decision.reply;
      expect(reply).not.toMatch(/keep using/);
      expect(reply).toMatch(/remove vim/);
      expect(r.out.decision.offer).toBeUndefined();
      expect(r.out.decision.calls).toBeUndefined();
    });
  }
});
