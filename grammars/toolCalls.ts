/**
 * The Decision contract (CONTRACTS §2) in SmolLM3's trained form, both ways.
 *
 * The model answers either with plain text (a reply) or with `<tool_call>` blocks, each holding
 * `{"name": …, "arguments": …}` as Python's json.dumps writes it. Besides the installer's tools it
 * has three tools that are about the conversation itself:
 * - `confirmPlan {"yes": true|false}` → `{confirm}` (offered only while a plan is pending);
 * - `dropStep {"tool": …, "args": …}`, once per step → `{drop: [...]}` (only pending steps);
 * - `offer {"question": …, "calls": [{"name": …, "arguments": …}]}` → `{reply, offer: {calls}}`.
 * Calls of installer tools in one answer → `{calls}`. Anything else maps to nothing (the caller
 * answers "I did not understand"); under the grammar that cannot happen.
 */
import { z } from "zod";
import type { Decision, DropEntry, ModelToolCall } from "../tools/decision.js";
import { isToolName, TOOLS, toolDefaults, toolsForMode } from "../tools/registry.js";
import type { Mode, ToolName } from "../tools/types.js";
import { TOOL_NAMES } from "../tools/types.js";
import { pyJson } from "./python.js";

export const CONFIRM_TOOL = "confirmPlan";
export const DROP_TOOL = "dropStep";
export const OFFER_TOOL = "offer";
export const META_TOOLS = [CONFIRM_TOOL, DROP_TOOL, OFFER_TOOL] as const;

export const TOOL_CALL_OPEN = "<tool_call>\n";
export const TOOL_CALL_CLOSE = "\n</tool_call>";
/** Between two tool-call blocks. */
export const TOOL_CALL_SEPARATOR = "\n";

interface Def {
  type: string;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
}
const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A call's args in schema order, without those equal to their default (the model leaves them out). */
export function compactArgs(tool: ToolName, args: Record<string, unknown>): Record<string, unknown> {
  const shape = TOOLS[tool].args.shape as Record<string, z.ZodType>;
  const defaults = toolDefaults(tool);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const v = args[key];
    if (v === undefined) continue;
    // Only a zod default may go: a documented one (efiSize) given explicitly means something.
    if (key in defaults && sameValue(v, defaults[key]) && shape[key] instanceof z.ZodDefault) continue;
    out[key] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tool descriptions for the prompt (JSON schemas, like transformers' get_json_schema)

type JsonSchema = Record<string, unknown>;

function propertySchema(schema: z.ZodType): { json: JsonSchema; optional: boolean } {
  let s = schema;
  let dflt: unknown;
  let optional = false;
  for (;;) {
    const d = defOf(s);
    if (d.type === "default") {
      dflt = typeof d.defaultValue === "function" ? (d.defaultValue as () => unknown)() : d.defaultValue;
      optional = true;
    } else if (d.type === "optional") optional = true;
    else break;
    s = d.innerType as z.ZodType;
  }
  const d = defOf(s);
  const json: JsonSchema = {};
  if (d.type === "enum") {
    json.type = "string";
  } else if (d.type === "array") {
    json.type = "array";
    json.items = { type: defOf(d.element as z.ZodType).type };
  } else json.type = d.type === "number" ? "integer" : d.type;
  const description = (schema.description ?? s.description ?? "").replace(/\.$/, "");
  if (description) json.description = description;
  if (d.type === "enum") json.enum = Object.values(d.entries ?? {});
  // A documented default parsing does not fill in (partitionDisk's efiSize) reads the same.
  const documented = schema.meta()?.default;
  if (dflt !== undefined || documented !== undefined) json.default = dflt ?? documented;
  return { json, optional };
}

function functionSchema(name: string, description: string, params: Record<string, z.ZodType>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, s] of Object.entries(params)) {
    const p = propertySchema(s);
    properties[key] = p.json;
    if (!p.optional) required.push(key);
  }
  return {
    type: "function",
    function: { name, description, parameters: { type: "object", properties, required } },
  };
}

/**
 * The tools of a mode as the prompt lists them: the installer's tools, then the conversation's
 * own three. The same list on every turn of every machine in that mode (which values are allowed
 * now is the grammar's job), so the system block is a fixed prefix.
 */
export function promptTools(mode: Mode): JsonSchema[] {
  const out = toolsForMode(mode).map((t) => {
    const spec = TOOLS[t];
    const extra = t === "setLocale" ? " Give at least one of locale, keymap, timezone." : "";
    return functionSchema(t, `${spec.description}${extra}`, spec.args.shape as Record<string, z.ZodType>);
  });
  const toolName = z.enum(TOOL_NAMES).describe("The tool of the pending step");
  out.push(
    functionSchema(
      CONFIRM_TOOL,
      "Answer the pending plan: yes runs it, no cancels it. Only while a plan is pending.",
      {
        yes: z.boolean().describe("true: the user accepts the plan; false: the user declines it"),
      },
    ),
    functionSchema(
      DROP_TOOL,
      "Remove one step from the pending plan, when the user no longer wants it. Call once per step.",
      {
        tool: toolName,
        args: z.object({}).describe("The step's arguments, as the pending plan lists them"),
      },
    ),
    functionSchema(
      OFFER_TOOL,
      'Ask the user a yes/no question that proposes calls ("Do you mean helix?"); yes adds the calls to the plan.',
      {
        question: z.string().describe("The question for the user"),
        calls: z.array(z.object({})).describe('The proposed calls, each {"name": ..., "arguments": {...}}'),
      },
    ),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Decision → the assistant's text (history)

function block(name: string, args: unknown): string {
  return `${TOOL_CALL_OPEN}${pyJson({ name, arguments: args })}${TOOL_CALL_CLOSE}`;
}

function nativeCall(c: ModelToolCall): { name: string; arguments: Record<string, unknown> } {
  return { name: c.tool, arguments: compactArgs(c.tool, c.args as Record<string, unknown>) };
}

/** The exact text the grammar lets the model write for this decision. */
export function decisionToText(decision: Decision): string {
  if ("calls" in decision)
    return decision.calls.map((c) => block(c.tool, nativeCall(c).arguments)).join(TOOL_CALL_SEPARATOR);
  if ("confirm" in decision) return block(CONFIRM_TOOL, { yes: decision.confirm });
  if ("drop" in decision)
    return decision.drop
      .map((d) =>
        block(DROP_TOOL, { tool: d.tool, args: compactArgs(d.tool, d.args as Record<string, unknown>) }),
      )
      .join(TOOL_CALL_SEPARATOR);
  if (decision.offer)
    return block(OFFER_TOOL, { question: decision.reply, calls: decision.offer.calls.map(nativeCall) });
  return decision.reply;
}

/** The dropStep arguments for a pending step: its tool and its args as the plan lists them. */
export function dropArguments(step: ModelToolCall): { tool: ToolName; args: Record<string, unknown> } {
  return { tool: step.tool, args: compactArgs(step.tool, step.args as Record<string, unknown>) };
}

// ---------------------------------------------------------------------------------------------
// The model's text → a Decision (before zod validation)

export type MappedOutput = { ok: true; value: unknown } | { ok: false; error: string };

const NativeCallSchema = z.strictObject({ name: z.string(), arguments: z.record(z.string(), z.unknown()) });

/** Parses `<tool_call>` blocks, or takes the text as a reply. The value still needs validating. */
export function mapOutput(text: string): MappedOutput {
  if (!text.startsWith(TOOL_CALL_OPEN.trimEnd())) {
    const reply = text.trim();
    return reply ? { ok: true, value: { reply } } : { ok: false, error: "an empty answer" };
  }
  const calls: z.infer<typeof NativeCallSchema>[] = [];
  let rest = text;
  while (rest.length) {
    const open = rest.indexOf(TOOL_CALL_OPEN);
    const close = rest.indexOf(TOOL_CALL_CLOSE);
    if (open !== 0 || close < 0) return { ok: false, error: "a tool call block is not closed" };
    let json: unknown;
    try {
      json = JSON.parse(rest.slice(TOOL_CALL_OPEN.length, close));
    } catch (e) {
      return { ok: false, error: `a tool call is not JSON: ${(e as Error).message}` };
    }
    const call = NativeCallSchema.safeParse(json);
    if (!call.success) return { ok: false, error: 'a tool call is not {"name", "arguments"}' };
    calls.push(call.data);
    rest = rest.slice(close + TOOL_CALL_CLOSE.length);
    if (rest.startsWith(TOOL_CALL_SEPARATOR)) rest = rest.slice(TOOL_CALL_SEPARATOR.length);
    else if (rest.trim() === "") rest = "";
  }
  const names = new Set(calls.map((c) => c.name));
  const only = (n: string) => names.size === 1 && names.has(n);
  if (only(CONFIRM_TOOL) && calls.length === 1)
    return { ok: true, value: { confirm: calls[0]?.arguments.yes } };
  if (only(DROP_TOOL)) return { ok: true, value: { drop: calls.map((c) => c.arguments) } };
  if (only(OFFER_TOOL) && calls.length === 1) {
    const a = calls[0]?.arguments as { question?: unknown; calls?: unknown };
    const offered = Array.isArray(a.calls) ? a.calls : [];
    return {
      ok: true,
      value: {
        reply: a.question,
        offer: {
          calls: offered.map((c) => ({
            tool: (c as { name?: unknown }).name,
            args: (c as { arguments?: unknown }).arguments,
          })),
        },
      },
    };
  }
  if ([...names].every((n) => isToolName(n)))
    return { ok: true, value: { calls: calls.map((c) => ({ tool: c.name, args: c.arguments })) } };
  return { ok: false, error: `tool calls that do not form one decision: ${[...names].join(", ")}` };
}

export type { DropEntry };
