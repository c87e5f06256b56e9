import { readFileSync } from "node:fs";
import { z } from "zod";
import { type Facts, FactsSchema } from "../agent/facts/schema.js";
import { isToolName, toolsForMode } from "../tools/registry.js";
import { TOOL_NAMES, type ToolName } from "../tools/types.js";
import { argInfos } from "./args.js";

/** CONTRACTS §5. The categories, in the order reports list them. */
export const CATEGORIES = [
  "simple",
  "multiple",
  "parallel",
  "irrelevance",
  "clarify",
  "pronoun",
  "confirm",
  "typo",
  "multi-turn",
  "safety",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** An expected arg value: the value, or `{"anyOf": [...]}` when several answers are right. */
export type ExpectedValue = unknown;
export interface AnyOf {
  anyOf: unknown[];
}
export function isAnyOf(v: unknown): v is AnyOf {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    Array.isArray((v as { anyOf?: unknown }).anyOf)
  );
}

export interface ExpectedCall {
  tool: ToolName;
  args: Record<string, ExpectedValue>;
}
export type Expect = { calls: ExpectedCall[] } | { reply: true } | { confirm: boolean };

export interface EvalTurn {
  user: string;
  expect: Expect;
  note?: string;
}

export interface Dialogue {
  id: string;
  category: Category;
  facts: Facts;
  turns: EvalTurn[];
  note?: string;
  /** Where it came from, for messages: `file:line`. */
  source: string;
}

const ExpectSchema = z.union([
  z.strictObject({
    calls: z
      .array(
        z.strictObject({
          tool: z.string(),
          args: z.record(z.string(), z.unknown()).default({}),
        }),
      )
      .min(1)
      .max(8),
  }),
  z.strictObject({ reply: z.literal(true) }),
  z.strictObject({ confirm: z.boolean() }),
]);

const RecordSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
    message: "an id is lowercase letters, digits and . _ -, e.g. pronoun-003",
  }),
  category: z.enum(CATEGORIES),
  facts: FactsSchema,
  turns: z
    .array(
      z.strictObject({
        user: z.string().min(1).max(2000),
        expect: ExpectSchema,
        note: z.string().optional(),
      }),
    )
    .min(1)
    .max(40),
  note: z.string().optional(),
});

export class DatasetError extends Error {
  constructor(
    readonly file: string,
    readonly errors: string[],
  ) {
    super(
      `${file}: ${errors.length} error${errors.length === 1 ? "" : "s"} in the data set (CONTRACTS §5):\n` +
        errors.map((e) => `  ${e}`).join("\n"),
    );
  }
}

function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(record)";
}

/** Checks that need the record's facts and the tool schemas; returns messages without the line prefix. */
export function checkExpectations(facts: Facts, turns: EvalTurn[]): string[] {
  const errors: string[] = [];
  const allowed = new Set<ToolName>(toolsForMode(facts.mode));
  let pending = false;
  turns.forEach((turn, ti) => {
    const where = `turns[${ti}]`;
    const e = turn.expect;
    if ("confirm" in e) {
      if (!pending)
        errors.push(`${where}: expects a confirm but no plan is pending (no call since the last confirm)`);
      pending = false;
      return;
    }
    if ("reply" in e) return;
    pending = true;
    e.calls.forEach((call, ci) => {
      const at = `${where}.calls[${ci}]`;
      if (!isToolName(call.tool)) {
        errors.push(`${at}: unknown tool "${call.tool}" (tools: ${TOOL_NAMES.join(", ")})`);
        return;
      }
      if (!allowed.has(call.tool)) errors.push(`${at}: ${call.tool} is not available in ${facts.mode} mode`);
      const infos = argInfos(call.tool);
      for (const [name, info] of infos) {
        if (info.required && !(name in call.args))
          errors.push(`${at}: ${call.tool} needs "${name}" (a required arg must be in the expectation)`);
      }
      if (call.tool === "setLocale" && Object.keys(call.args).length === 0)
        errors.push(`${at}: setLocale needs at least one of locale, keymap, timezone`);
      for (const [name, raw] of Object.entries(call.args)) {
        const info = infos.get(name);
        if (!info) {
          errors.push(
            `${at}.args.${name}: "${name}" is not an arg of ${call.tool} (args: ${[...infos.keys()].join(", ")})`,
          );
          continue;
        }
        const values = isAnyOf(raw) ? raw.anyOf : [raw];
        if (values.length === 0) errors.push(`${at}.args.${name}: anyOf needs at least one value`);
        for (const v of values) {
          // A size may also be written as bytes, since sizes are compared as bytes.
          if (info.kind === "size" && typeof v === "number" && Number.isInteger(v) && v >= 0) continue;
          const r = info.value.safeParse(v);
          if (!r.success) {
            errors.push(
              `${at}.args.${name}: ${JSON.stringify(v)} is not valid: ${r.error.issues[0]?.message ?? "invalid"}`,
            );
            continue;
          }
          if (call.tool === "partitionDisk" && name === "disk" && !facts.disks.some((d) => d.path === v))
            errors.push(
              `${at}.args.disk: no disk ${String(v)} in this record's facts (disks: ${facts.disks.map((d) => d.path).join(", ") || "none"})`,
            );
          if (call.tool === "installRecipe" && name === "name" && !facts.recipes.includes(String(v)))
            errors.push(`${at}.args.name: no recipe ${String(v)} in this record's facts.recipes`);
          if (call.tool === "removeRecipe" && name === "name" && !facts.installed.includes(String(v)))
            errors.push(`${at}.args.name: ${String(v)} is not in this record's facts.installed`);
        }
      }
    });
  });
  return errors;
}

/** Parses and validates JSONL text; every error names its line. Throws DatasetError with all of them. */
export function parseDataset(text: string, file: string): Dialogue[] {
  const errors: string[] = [];
  const out: Dialogue[] = [];
  const ids = new Map<string, number>();
  text.split("\n").forEach((line, i) => {
    const n = i + 1;
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("//")) return;
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch (e) {
      errors.push(`line ${n}: not valid JSON: ${(e as Error).message}`);
      return;
    }
    const r = RecordSchema.safeParse(raw);
    if (!r.success) {
      for (const issue of r.error.issues)
        errors.push(`line ${n}: ${issuePath(issue.path)}: ${issue.message}`);
      return;
    }
    const rec = r.data;
    const prev = ids.get(rec.id);
    if (prev !== undefined) errors.push(`line ${n}: id "${rec.id}" is also used on line ${prev}`);
    else ids.set(rec.id, n);
    const turns = rec.turns as EvalTurn[];
    for (const msg of checkExpectations(rec.facts, turns)) errors.push(`line ${n} (${rec.id}): ${msg}`);
    out.push({
      id: rec.id,
      category: rec.category,
      facts: rec.facts,
      turns,
      ...(rec.note ? { note: rec.note } : {}),
      source: `${file}:${n}`,
    });
  });
  if (errors.length) throw new DatasetError(file, errors);
  if (out.length === 0) throw new DatasetError(file, ["no dialogues in the file"]);
  return out;
}

export function loadDataset(file: string): Dialogue[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new DatasetError(file, [`cannot read the file: ${(e as Error).message}`]);
  }
  return parseDataset(text, file);
}
