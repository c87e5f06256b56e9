/**
 * Attack 6 L12: Ctrl-D at the chat's prompt exited 0 with nothing planned but 130 (Ctrl-C's code)
 * with a plan pending, and /quit exited 0 either way. Leaving with a plan that was not confirmed
 * exits 130 (issue 14 gives Ctrl-D that code; 3 is a "no" at the confirmation), by /quit or by the
 * end of input alike, with the same line; with nothing planned, 0.
 */
import { PassThrough, Writable } from "node:stream";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { runChat } from "../../agent/chat/index.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { FactsSchema } from "../../facts/schema.js";

const facts = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  disks: [{ path: "/dev/sda", sizeBytes: 500107862016, model: "Samsung SSD 870 EVO", transport: "sata" }],
  recipes: ["fd", "bat"],
});

/** The chat fed `lines`, then the end of input (Ctrl-D). */
async function chat(lines: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const output = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const input = new PassThrough();
  input.end(lines.length ? `${lines.join("\n")}\n` : "");
  const code = await runChat({
    facts,
    backend: createRulesBackend(),
    backendReason: "rules",
    dryRun: true,
    input,
    output,
    chalk: new Chalk({ level: 0 }),
  });
  return { code, out };
}

describe("leaving the chat: 130 with a plan not confirmed, 0 with nothing planned (attack 6 L12)", () => {
  it("end of input (Ctrl-D)", async () => {
    expect((await chat([])).code).toBe(0);
    const pending = await chat(["install on /dev/sda"]);
    expect(pending.code).toBe(130);
    expect(pending.out).toContain("Leaving: the plan (1 step) was not confirmed, so nothing was changed.");
  });
  it("/quit says the same and exits the same", async () => {
    expect((await chat(["/quit"])).code).toBe(0);
    const pending = await chat(["install on /dev/sda", "/quit"]);
    expect(pending.code).toBe(130);
    expect(pending.out).toContain("Leaving: the plan (1 step) was not confirmed, so nothing was changed.");
  });
});
