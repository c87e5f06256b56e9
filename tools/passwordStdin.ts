import type { AskSecretAction, Step } from "../steps/step.js";
import type { Plan } from "./compile.js";
import { presetSecretsOf } from "./compile.js";

/**
 * `--password-stdin`: scripts hand the plan's passwords and passphrases on stdin, one per line,
 * in the order the plan asks for them, instead of through a terminal. Everything is read and
 * checked before the first step runs, so a short or malformed input changes nothing. The values
 * never leave memory: errors name the secret by its prompt and line number, never by its value.
 */

export class PasswordStdinError extends Error {}

/** The askSecret steps the executor would ask, in plan order, one per secret (a plan-file hash needs none). */
export function secretsToAsk(
  steps: readonly Step[],
  preset: ReadonlyMap<string, string> = new Map(),
): AskSecretAction[] {
  const seen = new Set(preset.keys());
  const out: AskSecretAction[] = [];
  for (const s of steps) {
    if (s.action.kind !== "askSecret" || seen.has(s.action.secret)) continue;
    seen.add(s.action.secret);
    out.push(s.action);
  }
  return out;
}

/** The secrets `plan` would ask for when run (its plan-file hashes left out). */
export function planSecretsToAsk(plan: Plan): AskSecretAction[] {
  return secretsToAsk(plan.steps, presetSecretsOf(plan));
}

/**
 * Pairs stdin's lines with the secrets asked. A final newline is optional; a trailing `\r` is
 * dropped (files written on Windows); an empty line, a line shorter than the secret's minimum,
 * too few or too many lines are each an error that names the secret or the line.
 */
export function parseSecretLines(text: string, asked: readonly AskSecretAction[]): Map<string, string> {
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const want = asked.map((a, i) => `${i + 1}. ${a.prompt}`).join(", ");
  if (lines.length > asked.length) {
    throw new PasswordStdinError(
      asked.length === 0
        ? `--password-stdin: stdin has ${lines.length} line(s), but this plan asks for no password or passphrase; give none`
        : `--password-stdin: stdin has ${lines.length} lines, but this plan asks for ${asked.length} (${want}); give one line per secret, in that order`,
    );
  }
  const out = new Map<string, string>();
  for (const [i, a] of asked.entries()) {
    const raw = lines[i];
    if (raw === undefined) {
      throw new PasswordStdinError(
        `--password-stdin: missing line ${i + 1}, for "${a.prompt}": stdin has ${lines.length} line(s), this plan asks for ${asked.length} (${want}); nothing was run`,
      );
    }
    const v = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (v === "")
      throw new PasswordStdinError(
        `--password-stdin: line ${i + 1} ("${a.prompt}") is empty; nothing was run`,
      );
    if (v.length < a.minLength)
      throw new PasswordStdinError(
        `--password-stdin: line ${i + 1} ("${a.prompt}") is shorter than ${a.minLength} characters; nothing was run`,
      );
    out.set(a.secret, v);
  }
  return out;
}

/** Reads a stream to its end as UTF-8 (stdin, piped). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads stdin and pairs it with what `plan` asks; throws PasswordStdinError on any mismatch. */
export async function readPlanSecrets(
  plan: Plan,
  stream: NodeJS.ReadableStream = process.stdin,
): Promise<Map<string, string>> {
  return parseSecretLines(await readAll(stream), planSecretsToAsk(plan));
}

/** The executor's askSecret, answered from secrets read up front. */
export function stdinSecretAsker(
  values: ReadonlyMap<string, string>,
): (a: AskSecretAction) => Promise<string> {
  return async (a) => {
    const v = values.get(a.secret);
    if (v === undefined) throw new Error(`${a.prompt}: not given on stdin (--password-stdin)`);
    return v;
  };
}
