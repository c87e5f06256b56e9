import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { executeSteps, redactSecrets, SECRET_OUTPUT_HIDDEN } from "../../steps/execute.js";
import type { Step } from "../../steps/step.js";

const step = (id: string, argv: string[], stdin?: string): Step => ({
  id,
  phase: "users",
  source: "createUser",
  title: id,
  changes: "",
  destructive: false,
  action: { kind: "run", argv, ...(stdin !== undefined ? { stdin } : {}) },
});

async function runSteps(steps: Step[], secrets: [string, string][]) {
  const t = mkdtempSync(join(tmpdir(), "levitate-secret-"));
  const journal = join(t, "journal.log");
  const shown: string[] = [];
  const r = await executeSteps(steps, {
    target: t,
    secrets: new Map(secrets),
    journalScratch: journal,
    onEvent: (e) => {
      if (e.type === "output") shown.push(e.line);
    },
  });
  return { r, shown, journal: readFileSync(journal, "utf8") };
}

/** The failed step's recorded output lines. */
function journalOutput(journal: string): unknown {
  const failed = journal
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { status?: string; output?: unknown })
    .find((e) => e.status === "failed");
  return failed?.output;
}

describe("output of steps never shows a secret, however short", () => {
  it("a step fed a secret on stdin shows none of its output, even a 1-character password, and journals none", async () => {
    const { r, shown, journal } = await runSteps(
      [step("echo", ["sh", "-c", 'read p; echo "got $p"; echo "bad: $p" >&2; exit 4'], "{{secret:pw}}\n")],
      [["pw", "x"]],
    );
    expect(r.ok).toBe(false);
    expect(shown).toEqual([SECRET_OUTPUT_HIDDEN]);
    expect(r.failed?.output).toEqual([SECRET_OUTPUT_HIDDEN]);
    expect(journal).not.toContain("got x");
    expect(journal).not.toContain("bad: x");
    expect(journalOutput(journal)).toEqual([SECRET_OUTPUT_HIDDEN]);
  });

  it("other steps' output has a short secret replaced where it is a whole token, and nowhere else", async () => {
    const { shown, journal, r } = await runSteps(
      [step("say", ["sh", "-c", "echo 'password is a'; echo 'abc a-b a'; echo 'bad a' >&2; exit 1"])],
      [["pw", "a"]],
    );
    expect(shown).toEqual(["password is ********", "abc ********-b ********", "bad ********"]);
    expect(r.failed?.output).toContain("bad ********");
    expect(journalOutput(journal)).toEqual([
      "password is ********",
      "abc ********-b ********",
      "bad ********",
    ]);
  });

  it("redactSecrets: long secrets anywhere, short ones as tokens, 1 character included", () => {
    expect(redactSecrets("pw=hunter22;", ["hunter22"])).toBe("pw=********;");
    expect(redactSecrets("xhunter22x", ["hunter22"])).toBe("x********x");
    expect(redactSecrets("q is 'q' in quit", ["q"])).toBe("******** is '********' in quit");
    expect(redactSecrets("ab+ ab ab1", ["ab"])).toBe("********+ ******** ab1");
    expect(redactSecrets("a.b* (a.b*)", ["a.b*"])).toBe("******** (********)");
    expect(redactSecrets("nothing", [""])).toBe("nothing");
  });
});
