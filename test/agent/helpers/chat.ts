import { PassThrough, Writable } from "node:stream";
import { Chalk } from "chalk";
import { runChat } from "../../../agent/chat/index.js";
import { createRulesBackend } from "../../../agent/rules/index.js";
import type { Facts } from "../../../facts/schema.js";

/**
 * The chat fed `text` all at once, as `printf ... | levitate install` does (rules backend, dry run,
 * no colour): what it printed and its exit code.
 */
export async function chatPiped(f: Facts, text: string): Promise<{ code: number; out: string }> {
  let out = "";
  const output = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const input = new PassThrough();
  input.end(text);
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

/**
 * The chat as a user types it, each line then /quit. For what only the chat says (slash commands,
 * the login question).
 */
export function chatTranscript(f: Facts, lines: string[]): Promise<{ code: number; out: string }> {
  return chatPiped(f, `${lines.join("\n")}\n/quit\n`);
}
