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
    const control = controlCharacterIn(v);
    if (control)
      throw new PasswordStdinError(
        `--password-stdin: line ${i + 1} ("${a.prompt}") holds a control character (${control}); a password is cut at a NUL and no one can type the others at a prompt: give it as printable text; nothing was run`,
      );
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

/**
 * The name of the first control character in `v` (tab allowed), or undefined. A NUL silently
 * cut the password openssl hashed (`a\0bcdefghij` passed the length check as the password `a`).
 */
export function controlCharacterIn(v: string): string | undefined {
  const m = /[\x00-\x08\x0a-\x1f\x7f]/.exec(v);
  if (!m) return undefined;
  const code = m[0].charCodeAt(0);
  return code === 0 ? "NUL" : code === 0x7f ? "DEL" : `0x${code.toString(16).padStart(2, "0")}`;
}

/** No password or passphrase is this long; a longer line is a wrong input (`< /dev/zero`). */
export const MAX_SECRET_LINE_BYTES = 4096;

/**
 * Reads a stream to its end as UTF-8 (stdin, piped), refusing as soon as a line grows past
 * `maxLineBytes` or the lines outnumber `maxLines`: an endless input must not fill memory, which
 * on the live ISO is the root filesystem.
 */
export async function readAll(
  stream: NodeJS.ReadableStream,
  maxLineBytes: number = MAX_SECRET_LINE_BYTES,
  maxLines: number = Number.POSITIVE_INFINITY,
): Promise<string> {
  const chunks: Buffer[] = [];
  let line = 1;
  let lineBytes = 0;
  for await (const c of stream) {
    const b = typeof c === "string" ? Buffer.from(c) : (c as Buffer);
    for (let i = 0; i < b.length; i++) {
      if (b[i] === 0x0a) {
        line++;
        lineBytes = 0;
        // A line after the last newline is still allowed to be empty (the final newline).
        if (line > maxLines + 1) break;
      } else if (++lineBytes > maxLineBytes) {
        throw new PasswordStdinError(
          `--password-stdin: line ${line} is longer than ${maxLineBytes} bytes, more than any password or passphrase; give one secret per line, each ended by a newline; nothing was run`,
        );
      }
    }
    chunks.push(b);
    if (line > maxLines + 1) {
      throw new PasswordStdinError(
        maxLines === 0
          ? "--password-stdin: stdin has lines, but this plan asks for no password or passphrase; give none; nothing was run"
          : `--password-stdin: stdin has more than ${maxLines} lines, but this plan asks for ${maxLines}; give one line per secret, in the plan's order; nothing was run`,
      );
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads stdin and pairs it with what `plan` asks; throws PasswordStdinError on any mismatch. */
export async function readPlanSecrets(
  plan: Plan,
  stream: NodeJS.ReadableStream = process.stdin,
): Promise<Map<string, string>> {
  const asked = planSecretsToAsk(plan);
  // Slack above the lines asked, so a few extra lines get parseSecretLines' exact count.
  return parseSecretLines(await readAll(stream, MAX_SECRET_LINE_BYTES, asked.length + 64), asked);
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
