import { PassThrough, Writable } from "node:stream";
import { Chalk } from "chalk";
import { runChat } from "../../../agent/chat/index.js";
import { createRulesBackend } from "../../../agent/rules/index.js";
import type { Facts } from "../../../facts/schema.js";

/**
 * The chat as a user types it (rules backend, dry run, no colour), each line then /quit: what it
 * printed and its exit code. For what only the chat says (slash commands, the login question).
 */
export async function chatTranscript(f: Facts, lines: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const output = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const input = new PassThrough();
  input.end(`${lines.join("\n")}\n/quit\n`);
  const code = await runChat({
    facts: f,
    backend: createRulesBackend(),
    backendReason: "rules",
    dryRun: true,
    input,
    output,
    chalk: new Chalk({ level: 0 }),
  });
  return { code, out };
}
