import { z } from "zod";
import type { PlanCall } from "../agent/backend.js";
import { mergeCall } from "../agent/conversation.js";
import { inferLiveMedium } from "../facts/liveMedium.js";
import { InputFileError, readInputFile } from "../facts/load.js";
import { type Facts, FactsSchema } from "../facts/schema.js";
import { safeText } from "../steps/terminalText.js";
import { MAX_CALLS } from "../tools/decision.js";
import { isToolName, toolsForMode } from "../tools/registry.js";
import { TOOL_NAMES, type ToolName } from "../tools/types.js";
import { type ArgInfo, argInfos } from "./args.js";
import { CATEGORIES, type Category, type Expect, type ExpectedCall, isAnyOf } from "./expect.js";
import { concreteCall } from "./history.js";
import { isKeymapName } from "./keymaps.js";
import { entryNamesStep } from "./match.js";

/** The largest data set read: 20,000 dialogues take a few MB. */
export const MAX_DATASET_BYTES = 64 * 1024 * 1024;

export {
  type AnyOf,
  CATEGORIES,
  CATEGORIES_V1,
  type Category,
  type Expect,
  type ExpectedCall,
  type ExpectedValue,
  isAnyOf,
} from "./expect.js";

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

const CallListSchema = z
  .array(
    z.strictObject({
      tool: z.string(),
      args: z.record(z.string(), z.unknown()).default({}),
    }),
  )
  .min(1)
  .max(MAX_CALLS);

const ExpectSchema = z.union(
  [
    z.strictObject({ calls: CallListSchema }),
    z.strictObject({ reply: z.literal(true), offer: z.strictObject({ calls: CallListSchema }).optional() }),
    z.strictObject({ confirm: z.boolean() }),
    z.strictObject({ drop: CallListSchema }),
  ],
  {
    // A list over the cap matches no branch; say that rather than zod's "Invalid input".
    error: (issue) => {
      const v = (issue.input ?? {}) as { calls?: unknown; drop?: unknown; offer?: { calls?: unknown } };
      const list = [v.calls, v.drop, v.offer?.calls].find((l) => Array.isArray(l) && l.length > MAX_CALLS);
      return Array.isArray(list)
        ? `${list.length} calls in one turn; a decision holds at most ${MAX_CALLS}: split them over two turns`
        : undefined;
    },
  },
);

const RecordSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
    message: "an id is lowercase letters, digits and . _ -, e.g. pronoun-003",
  }),
  category: z.enum(CATEGORIES),
  facts: FactsSchema.transform(inferLiveMedium),
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
    // The file's name and the errors (quoting its keys, Node's messages quoting the path) reach a
    // terminal: each shown on one line with its control characters made visible.
    super(
      `${safeText(file)}: ${errors.length} error${errors.length === 1 ? "" : "s"} in the data set (CONTRACTS §5):\n` +
        errors.map((e) => `  ${safeText(e)}`).join("\n"),
    );
  }
}

function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(record)";
}

/** Why one expected value is not valid for its arg, or undefined when it is. */
function valueProblem(tool: ToolName, info: ArgInfo, v: unknown): string | undefined {
  // A size may also be written as bytes, since sizes are compared as bytes.
  if (info.kind === "size" && typeof v === "number" && Number.isInteger(v) && v >= 0) return undefined;
  // kbd's names are wider than the tool's pattern (de_CH-latin1, ANSI-dvorak): eval/keymaps.ts.
  if (tool === "setLocale" && info.name === "keymap" && typeof v === "string")
    return isKeymapName(v)
      ? undefined
      : "not a console keymap name (kbd's names, e.g. de, de_CH-latin1, mac-us, fr-latin9)";
  const r = info.value.safeParse(v);
  return r.success ? undefined : (r.error.issues[0]?.message ?? "invalid");
}

/**
 * Checks one list of expected calls (or drop entries) against the tool schemas and the facts.
 * A drop entry names a step by some of its args, so it needs none in particular.
 */
function checkCalls(facts: Facts, calls: ExpectedCall[], at: string, kind: "calls" | "drop"): string[] {
  const errors: string[] = [];
  const allowed = new Set<ToolName>(toolsForMode(facts.mode));
  calls.forEach((call, ci) => {
    const where = `${at}[${ci}]`;
    if (!isToolName(call.tool)) {
      errors.push(`${where}: unknown tool "${call.tool}" (tools: ${TOOL_NAMES.join(", ")})`);
      return;
    }
    if (!allowed.has(call.tool)) errors.push(`${where}: ${call.tool} is not available in ${facts.mode} mode`);
    const infos = argInfos(call.tool);
    if (kind === "calls") {
      for (const [name, info] of infos) {
        if (info.required && !(name in call.args))
          errors.push(`${where}: ${call.tool} needs "${name}" (a required arg must be in the expectation)`);
      }
      if (call.tool === "setLocale" && Object.keys(call.args).length === 0)
        errors.push(`${where}: setLocale needs at least one of locale, keymap, timezone`);
    }
    for (const [name, raw] of Object.entries(call.args)) {
      const info = infos.get(name);
      if (!info) {
        errors.push(
          `${where}.args.${name}: "${name}" is not an arg of ${call.tool} (args: ${[...infos.keys()].join(", ")})`,
        );
        continue;
      }
      const values = isAnyOf(raw) ? raw.anyOf : [raw];
      if (values.length === 0) errors.push(`${where}.args.${name}: anyOf needs at least one value`);
      for (const v of values) {
        const problem = valueProblem(call.tool, info, v);
        if (problem) {
          errors.push(`${where}.args.${name}: ${JSON.stringify(v)} is not valid: ${problem}`);
          continue;
        }
        // A drop names a pending step; whether one matches is checked against the plan.
        if (kind === "drop") continue;
        if (call.tool === "partitionDisk" && name === "disk" && !facts.disks.some((d) => d.path === v))
          errors.push(
            `${where}.args.disk: no disk ${String(v)} in this record's facts (disks: ${facts.disks.map((d) => d.path).join(", ") || "none"})`,
          );
        if (call.tool === "installRecipe" && name === "name" && !facts.recipes.includes(String(v)))
          errors.push(`${where}.args.name: no recipe ${String(v)} in this record's facts.recipes`);
        if (call.tool === "removeRecipe" && name === "name" && !facts.installed.includes(String(v)))
          errors.push(`${where}.args.name: ${String(v)} is not in this record's facts.installed`);
      }
    }
  });
  return errors;
}

function describeEntry(e: ExpectedCall): string {
  return `${e.tool} ${JSON.stringify(e.args)}`;
}

/**
 * Checks that need the record's facts and the tool schemas; returns messages without the line
 * prefix. The expected plan is followed turn by turn (as teacher forcing builds it), so a confirm
 * or a drop with nothing pending, and a drop entry that names no pending step, are caught here.
 */
export function checkExpectations(facts: Facts, turns: EvalTurn[]): string[] {
  const errors: string[] = [];
  let pending: PlanCall[] = [];
  turns.forEach((turn, ti) => {
    const where = `turns[${ti}]`;
    const e = turn.expect;
    if ("confirm" in e) {
      if (pending.length === 0)
        errors.push(`${where}: expects a confirm but no plan is pending (no call since the last confirm)`);
      pending = [];
      return;
    }
    if ("reply" in e) {
      if (e.offer) errors.push(...checkCalls(facts, e.offer.calls, `${where}.offer.calls`, "calls"));
      return;
    }
    if ("drop" in e) {
      const problems = checkCalls(facts, e.drop, `${where}.drop`, "drop");
      errors.push(...problems);
      if (pending.length === 0) {
        errors.push(`${where}: expects a drop but no plan is pending (no call since the last confirm)`);
        return;
      }
      if (problems.length) return;
      e.drop.forEach((entry, di) => {
        if (!pending.some((step) => entryNamesStep(entry, step)))
          errors.push(
            `${where}.drop[${di}]: ${describeEntry(entry)} names no pending step (pending: ${pending.map((p) => p.tool).join(", ")})`,
          );
      });
      pending = pending.filter((step) => !e.drop.some((entry) => entryNamesStep(entry, step)));
      return;
    }
    const problems = checkCalls(facts, e.calls, `${where}.calls`, "calls");
    errors.push(...problems);
    if (problems.length === 0) for (const call of e.calls) mergeCall(pending, concreteCall(call));
    else pending.push(...e.calls.map((c) => ({ tool: c.tool, args: {} }) as unknown as PlanCall));
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
    // A regular file of at most 64 MiB (attack3 M4: /dev/zero grew memory until killed, a FIFO hung).
    text = readInputFile(file, "data set", MAX_DATASET_BYTES);
  } catch (e) {
    if (e instanceof InputFileError) throw new DatasetError(file, [e.message]);
    throw new DatasetError(file, [`cannot read the file: ${(e as Error).message}`]);
  }
  return parseDataset(text, file);
}
