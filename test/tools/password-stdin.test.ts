import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadFactsFile } from "../../facts/load.js";
import { executeSteps } from "../../steps/execute.js";
import type { AskSecretAction, Step } from "../../steps/step.js";
import { compilePlan } from "../../tools/compile.js";
import {
  PasswordStdinError,
  parseSecretLines,
  planSecretsToAsk,
  readAll,
  readPlanSecrets,
  secretsToAsk,
  stdinSecretAsker,
} from "../../tools/passwordStdin.js";
import { TOOLS } from "../../tools/registry.js";

const ask = (secret: string, prompt: string, minLength = 1): AskSecretAction => ({
  kind: "askSecret",
  secret,
  prompt,
  confirm: true,
  minLength,
});

const askStep = (a: AskSecretAction): Step => ({
  id: `${a.secret}.ask`,
  phase: "prepare",
  source: "createUser",
  title: a.prompt,
  changes: "nothing",
  destructive: false,
  action: a,
});

/** A createUser call with the tool's defaults filled in, as a backend produces it. */
const user = (args: Record<string, unknown>) => ({
  tool: "createUser",
  args: TOOLS.createUser.planArgs.parse(args),
});

const FACTS = loadFactsFile(join(import.meta.dirname, "../agent/fixtures/installed.json"));

function errorOf(fn: () => unknown): PasswordStdinError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PasswordStdinError);
    return e as PasswordStdinError;
  }
  throw new Error("expected an error");
}

describe("parseSecretLines", () => {
  const two = [ask("password:bob", "Password for bob"), ask("luks", "LUKS passphrase", 8)];

  it("pairs lines with secrets in order; the final newline is optional and a trailing \\r is dropped", () => {
    expect([...parseSecretLines("b0b\nlong enough pass\n", two)]).toEqual([
      ["password:bob", "b0b"],
      ["luks", "long enough pass"],
    ]);
    expect([...parseSecretLines("b0b\r\nlong enough pass\r", two)]).toEqual([
      ["password:bob", "b0b"],
      ["luks", "long enough pass"],
    ]);
    // Inner spaces and a leading space are part of a password.
    expect(parseSecretLines(" a b \n", [ask("p", "P")]).get("p")).toBe(" a b ");
  });

  it("too few lines name the missing secret and never quote a value", () => {
    const e = errorOf(() => parseSecretLines("hunter2\n", two));
    expect(e.message).toContain('missing line 2, for "LUKS passphrase"');
    expect(e.message).not.toContain("hunter2");
    expect(errorOf(() => parseSecretLines("", two)).message).toContain(
      'missing line 1, for "Password for bob"',
    );
  });

  it("extra lines, an empty line and a line below minLength are errors without the value", () => {
    const extra = errorOf(() => parseSecretLines("a1\nlongpassphrase\nsurplus9\n", two));
    expect(extra.message).toContain("stdin has 3 lines, but this plan asks for 2");
    expect(extra.message).not.toMatch(/surplus9|longpassphrase/);
    expect(errorOf(() => parseSecretLines("x\n", [])).message).toContain("asks for no password");
    expect(errorOf(() => parseSecretLines("\nlongpassphrase\n", two)).message).toContain(
      'line 1 ("Password for bob") is empty',
    );
    expect(errorOf(() => parseSecretLines("\r\nlongpassphrase\n", two)).message).toContain("is empty");
    const short = errorOf(() => parseSecretLines("a\nshort7!\n", two));
    expect(short.message).toContain('line 2 ("LUKS passphrase") is shorter than 8 characters');
    expect(short.message).not.toContain("short7!");
  });

  it("no secrets asked and no input is fine", () => {
    expect(parseSecretLines("", []).size).toBe(0);
  });
});

describe("which secrets a plan asks", () => {
  it("askSecret steps in plan order, once per secret, leaving out preset ones", () => {
    const steps = [
      askStep(ask("password:ann", "Password for ann")),
      askStep(ask("password:bob", "Password for bob")),
      askStep(ask("password:ann", "Password for ann")),
      askStep(ask("luks", "LUKS passphrase", 8)),
    ];
    expect(secretsToAsk(steps).map((a) => a.secret)).toEqual(["password:ann", "password:bob", "luks"]);
    expect(secretsToAsk(steps, new Map([["password:bob", "x"]])).map((a) => a.secret)).toEqual([
      "password:ann",
      "luks",
    ]);
  });

  it("a compiled plan asks each new user's password in call order; a user with a passwordHash needs none", () => {
    const r = compilePlan(
      [
        user({ username: "zed", sudo: true }),
        user({
          username: "amy",
          sudo: false,
          passwordHash:
            "$6$saltsalt$JcVDtuB6d1BHhCd5RPBh8g8xX/1CbY8EU2PN0MTaj2/Mypw4P./C6dN4j0HALhzBDTocyW1Jm.gYaTPjFGCV40",
        }),
        user({ username: "bob", sudo: false }),
      ] as Parameters<typeof compilePlan>[0],
      FACTS,
      { target: mkdtempSync(join(tmpdir(), "levitate-pwstdin-")) },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(planSecretsToAsk(r.plan).map((a) => a.prompt)).toEqual(["Password for zed", "Password for bob"]);
  });

  it("readPlanSecrets reads a stream to its end", async () => {
    const r = compilePlan(
      [user({ username: "bob", sudo: true })] as Parameters<typeof compilePlan>[0],
      FACTS,
      { target: mkdtempSync(join(tmpdir(), "levitate-pwstdin-")) },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(await readAll(Readable.from([Buffer.from("ab"), Buffer.from("c\n")]))).toBe("abc\n");
    const m = await readPlanSecrets(r.plan, Readable.from([Buffer.from("pw-of-bob\n")]));
    expect([...m]).toEqual([["password:bob", "pw-of-bob"]]);
    await expect(readPlanSecrets(r.plan, Readable.from([]))).rejects.toThrow(/"Password for bob"/);
  });
});

describe("executor wiring", () => {
  const SECRET = "Zq9-stdin-secret";
  async function run(steps: Step[], askSecret: (a: AskSecretAction) => Promise<string>) {
    const dir = mkdtempSync(join(tmpdir(), "levitate-pwstdin-exec-"));
    const journal = join(dir, "journal.log");
    const shown: string[] = [];
    const r = await executeSteps(steps, {
      target: dir,
      askSecret,
      journalScratch: journal,
      onEvent: (e) => {
        if (e.type === "output") shown.push(e.line);
        if (e.type === "failed") shown.push(e.message);
      },
    });
    return { r, shown, journal: readFileSync(journal, "utf8") };
  }

  it("the stdin values answer the askSecret steps and reach the command through stdin only", async () => {
    const a = ask("password:bob", "Password for bob");
    const values = parseSecretLines(`${SECRET}\n`, [a]);
    // The command exits 0 only when what it read on stdin is the secret (compared by digest, so
    // the argv, which the journal records, does not hold it), and echoes it to prove the output
    // is hidden.
    const digest = createHash("sha256").update(SECRET).digest("hex");
    const step: Step = {
      id: "check",
      phase: "users",
      source: "createUser",
      title: "check",
      changes: "",
      destructive: false,
      action: {
        kind: "run",
        argv: [
          "sh",
          "-c",
          `read p; echo "got $p"; [ "$(printf %s "$p" | sha256sum | cut -c1-64)" = ${digest} ]`,
        ],
        stdin: "{{secret:password:bob}}\n",
      },
    };
    const { r, shown, journal } = await run([askStep(a), step], stdinSecretAsker(values));
    expect(r.ok).toBe(true);
    expect(shown.join("\n")).not.toContain(SECRET);
    expect(journal).not.toContain(SECRET);
  });

  it("the executor still enforces minLength, and a secret not read is a failure naming it", async () => {
    const a = ask("luks", "LUKS passphrase", 8);
    const short = await run([askStep(a)], stdinSecretAsker(new Map([["luks", "short"]])));
    expect(short.r.ok).toBe(false);
    expect(short.r.failed?.message).toContain("at least 8 characters");
    expect(short.journal).not.toContain('short"');
    const none = await run([askStep(a)], stdinSecretAsker(new Map()));
    expect(none.r.failed?.message).toContain("LUKS passphrase: not given on stdin");
  });
});
