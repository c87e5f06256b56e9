import { readdirSync, rmSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { atomicWriteFileSync } from "../steps/atomicWrite.js";

/** The variables the engine owns in every recipe file, in the order it adds missing ones. */
export const STATE_VARS = ["installed", "installed_version", "installed_files", "installed_at"] as const;
export type StateVar = (typeof STATE_VARS)[number];

export interface RecipeState {
  installed: boolean;
  installed_version: string | null;
  installed_files: string[];
  installed_at: string | null;
}

export const EMPTY_STATE: RecipeState = {
  installed: false,
  installed_version: null,
  installed_files: [],
  installed_at: null,
};

export interface SourceSpan {
  start: number;
  end: number;
}

/** What the parser reports for one top-level `let`/`const`. */
export interface TopLevelLet {
  name: string;
  stmt: SourceSpan;
  value: SourceSpan | null;
}

/** A Rhai string literal that reads back as exactly `s`. */
export function rhaiString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The literal text a state variable is written as. Long file lists get one entry a line. */
export function renderStateValue(name: StateVar, state: RecipeState): string {
  switch (name) {
    case "installed":
      return state.installed ? "true" : "false";
    case "installed_version":
      return state.installed_version === null ? "()" : rhaiString(state.installed_version);
    case "installed_at":
      return state.installed_at === null ? "()" : rhaiString(state.installed_at);
    case "installed_files": {
      const items = state.installed_files.map(rhaiString);
      const oneLine = `[${items.join(", ")}]`;
      if (items.length <= 1 || oneLine.length <= 80) return oneLine;
      return `[\n${items.map((i) => `    ${i},`).join("\n")}\n]`;
    }
  }
}

/**
 * Rewrites the state variables in `source`, touching only their value spans: every other byte
 * (comments, spacing, the rest of the recipe) stays as it was. A state variable the file lacks
 * gets a `let` line after the last one it has, or after the `pkg` statement, or at the top.
 */
export function rewriteState(source: string, lets: TopLevelLet[], state: RecipeState): string {
  const byName = new Map(lets.map((l) => [l.name, l]));
  const edits: { start: number; end: number; text: string }[] = [];
  const missing: StateVar[] = [];
  for (const name of STATE_VARS) {
    const l = byName.get(name);
    const text = renderStateValue(name, state);
    if (!l) missing.push(name);
    else if (l.value) edits.push({ start: l.value.start, end: l.value.end, text });
    else {
      // `let installed;` has no value to replace: rewrite the whole statement.
      const stmt = source.slice(l.stmt.start, l.stmt.end);
      const semi = stmt.trimEnd().endsWith(";") ? ";" : "";
      const kw = stmt.trimStart().startsWith("const") ? "const" : "let";
      edits.push({ start: l.stmt.start, end: l.stmt.end, text: `${kw} ${name} = ${text}${semi}` });
    }
  }
  if (missing.length > 0) {
    const anchor =
      [...STATE_VARS]
        .reverse()
        .map((n) => byName.get(n))
        .find((l) => l !== undefined) ?? byName.get("pkg");
    const block = missing.map((n) => `let ${n} = ${renderStateValue(n, state)};`).join("\n");
    if (anchor) {
      // After the end of the anchor statement's line, so a trailing `//` comment stays with it;
      // when anything else follows on that line (a block comment, a backtick string that spans
      // lines, another statement), right after the statement instead: the next newline may lie
      // inside that comment or string, and a `let` there would be text, not state.
      const nl = source.indexOf("\n", anchor.stmt.end);
      const rest = source.slice(anchor.stmt.end, nl === -1 ? source.length : nl);
      if (!/^[ \t\r]*(\/\/.*)?$/.test(rest))
        edits.push({ start: anchor.stmt.end, end: anchor.stmt.end, text: `\n${block}\n` });
      else if (nl === -1) edits.push({ start: source.length, end: source.length, text: `\n${block}\n` });
      else edits.push({ start: nl + 1, end: nl + 1, text: `${block}\n` });
    } else {
      edits.push({ start: 0, end: 0, text: `${block}\n` });
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let out = source;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * Replaces `file` with `content` so that a reader, or a crash at any instant, sees either the
 * whole old file or the whole new one (steps/atomicWrite.ts). The file keeps its permissions.
 */
export function writeFileAtomic(file: string, content: string): void {
  let mode = 0o644;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    // New file: default mode.
  }
  removeStaleTemps(dirname(file), basename(file));
  atomicWriteFileSync(file, content, { mode });
}

/** Temp files left by writers that were killed (their pid is gone) are removed. */
function removeStaleTemps(dir: string, name: string): void {
  const prefix = `.${name}.`;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.startsWith(prefix) || !e.endsWith(".tmp")) continue;
    const pid = Number(e.slice(prefix.length).split(".")[0]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ESRCH") rmSync(`${dir}/${e}`, { force: true });
    }
  }
}
