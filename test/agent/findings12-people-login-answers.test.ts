import { PassThrough, Writable } from "node:stream";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { runChat } from "../../agent/chat/index.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { FactsSchema } from "../../facts/schema.js";

/**
 * Tester 10 W11 (docs/findings/2026-12-05-hurried-user-10.md): after the login question ("Should
 * kim get sudo?", "Who should have sudo?") an answer that refuses sudo to every planned person
 * ("yeah kim, but no admin rights", "nobody. ana is not admin") answers it: the next "yes" goes on
 * without an administrator instead of asking "Who should have sudo?" again. An answer that refuses
 * some and names no one for the rest still leaves the question open.
 */
const FACTS = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [{ path: "/dev/sda", sizeBytes: 500107862016, model: "Samsung SSD 870 EVO", transport: "sata" }],
  recipes: ["fd", "bat"],
});

async function chat(lines: string[]): Promise<string> {
  let out = "";
  const output = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const input = new PassThrough();
  input.end(`${lines.join("\n")}\n`);
  await runChat({
    facts: FACTS,
    backend: createRulesBackend(),
    backendReason: "rules",
    dryRun: true,
    input,
    output,
    chalk: new Chalk({ level: 0 }),
  });
  return out;
}

const ASKED = /Who should have sudo\?|Should \w+ get sudo\?/g;
const RAN = "Dry run: nothing was changed.";

describe("W11: a refusal that answers the login question lets the next yes go on", () => {
  const answers: [string, string, string][] = [
    ["install on /dev/sda, user kim", "yeah kim, but no admin rights", "Should kim get sudo?"],
    ["install on /dev/sda, user kim", "kim doesnt need sudo", "Should kim get sudo?"],
    ["install on /dev/sda, user kim", "no sudo for kim", "Should kim get sudo?"],
    ["install on /dev/sda, users ana and bo", "nobody. ana is not admin", "Who should have sudo?"],
    ["install on /dev/sda, users ana and bo", "neither of them gets admin", "Who should have sudo?"],
    [
      "install on /dev/sda, user ana without sudo",
      "nobody, ana stays a normal user",
      "Who should have sudo?",
    ],
  ];
  for (const [plan, answer, question] of answers)
    it(`${plan} → yes → ${answer} → yes`, async () => {
      const out = await chat([plan, "yes", answer, "yes"]);
      expect(out).toContain(question);
      expect(out.match(ASKED)).toHaveLength(1);
      expect(out).toContain(RAN);
    });
});

describe("controls: the question stays open where the answer leaves someone unsaid", () => {
  it("users ana and bo, 'ana is not admin' → yes asks again", async () => {
    const out = await chat(["install on /dev/sda, users ana and bo", "yes", "ana is not admin", "yes"]);
    expect(out.match(ASKED)!.length).toBeGreaterThan(1);
    expect(out).not.toContain(RAN);
  });
  it("'ana is not admin' to 'Who should have sudo?' never gives ana sudo (it did: rules/sudoAnswers)", async () => {
    const out = await chat(["install on /dev/sda, users ana and bo", "yes", "ana is not admin"]);
    expect(out).not.toContain("create user ana with sudo");
  });
  it("a bare yes to 'Who should have sudo?' still asks again", async () => {
    const out = await chat(["install on /dev/sda, users ana and bo", "yes", "yes"]);
    expect(out.match(ASKED)!.length).toBeGreaterThan(1);
    expect(out).not.toContain(RAN);
  });
});
