/**
 * The prompt, in SmolLM3's own format: ChatML (`<|im_start|>role\n…<|im_end|>`), reasoning off
 * (`/no_think`, answered after an empty think block). The system message holds the rules, the tool
 * descriptions (generated from the same narrowed zod schemas as the grammar) and the facts; the
 * history holds each earlier decision exactly as the model writes it (compact JSON, defaults
 * left out), so turn N's prompt extends turn N-1's and the context sequence is reused.
 *
 * Nothing here loads node-llama-cpp: the parts are plain strings marked special or not, and the
 * backend turns them into tokens (special-token text in user input is never parsed as special).
 */
import type { z } from "zod";
import type { TurnSchema } from "../../grammars/gbnf/decision.js";
import { TOOLS, toolDefaults } from "../../tools/registry.js";
import { describeBytes } from "../../tools/size.js";
import type { ToolName } from "../../tools/types.js";
import type { ConversationView, PlanCall } from "../backend.js";
import type { Decision, ModelToolCall } from "../decision.js";
import { type Facts, targetOf } from "../facts/schema.js";

export type Role = "system" | "user" | "assistant";

export interface ChatMessage {
  role: Role;
  content: string;
}

/** A piece of the rendered prompt: `special` pieces are tokenized as special tokens. */
export interface PromptPart {
  text: string;
  special: boolean;
}

export const IM_START = "<|im_start|>";
export const IM_END = "<|im_end|>";
/** SmolLM3's no-think answer prefix: an empty reasoning block, then the answer. */
export const NO_THINK_PREFIX = "<think>\n\n</think>\n";

// ---------------------------------------------------------------------------------------------
// Decisions written as the model writes them

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
    if (key in defaults && sameValue(v, defaults[key])) continue;
    out[key] = v;
  }
  return out;
}

/** The exact text the grammar lets the model produce for this decision. */
export function decisionText(decision: Decision): string {
  if ("calls" in decision) {
    return JSON.stringify({
      calls: decision.calls.map((c: ModelToolCall) => ({
        tool: c.tool,
        args: compactArgs(c.tool, c.args as Record<string, unknown>),
      })),
    });
  }
  if ("reply" in decision) return JSON.stringify({ reply: decision.reply });
  if ("drop" in decision) return JSON.stringify({ drop: decision.drop });
  return JSON.stringify({ confirm: decision.confirm });
}

// ---------------------------------------------------------------------------------------------
// The system message

const RULES = `You are the LevitateOS installer assistant. You turn what the user asks into calls of the tools below, for this machine only.
Answer every turn with exactly one JSON object and nothing else:
- {"calls":[{"tool":"NAME","args":{...}}]} to act. Calls are added to a plan that the user reviews and confirms before anything runs.
- {"reply":"..."} to answer a question, to ask which one when the request is ambiguous, or to refuse what is unsafe or impossible.
- {"confirm":true} or {"confirm":false} when the user accepts or declines the pending plan.
Use only the disks, users and recipes listed below. Leave out an argument to get its default. Never ask for a password: it is asked when the plan runs.`;

function unwrap(schema: z.ZodType): { inner: z.ZodType; def?: unknown; optional: boolean } {
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
  return { inner: s, def: dflt, optional };
}

function describeArg(key: string, schema: z.ZodType): string {
  const { inner, def, optional } = unwrap(schema);
  const d = defOf(inner);
  const parts: string[] = [];
  const desc = (schema.description ?? inner.description ?? "").replace(/\.$/, "");
  if (desc) parts.push(desc);
  if (d.type === "enum") parts.push(`one of ${Object.values(d.entries ?? {}).join(", ")}`);
  else if (d.type === "boolean") parts.push("true or false");
  else if (d.type === "array") parts.push("a list");
  if (def !== undefined) parts.push(`default ${JSON.stringify(def)}`);
  return `- ${key}${optional ? "" : " (required)"}: ${parts.join("; ")}`;
}

function describeTool(tool: ToolName, args: z.ZodType): string {
  const spec = TOOLS[tool];
  const shape = (defOf(args).shape ?? {}) as Record<string, z.ZodType>;
  const lines = [`### ${tool}`, spec.description];
  lines.push(`Examples: ${spec.examples.map((e) => `"${e}"`).join(", ")}`);
  lines.push("Arguments:");
  for (const [key, s] of Object.entries(shape)) lines.push(describeArg(key, s));
  if (tool === "setLocale") lines.push("Give at least one of them.");
  return lines.join("\n");
}

function describeDisk(d: Facts["disks"][number]): string {
  const bits = [describeBytes(d.sizeBytes)];
  if (d.model) bits.push(d.model);
  bits.push(d.transport);
  if (d.removable) bits.push("removable");
  bits.push(d.mounted ? "mounted" : "not mounted");
  if (d.liveMedium) bits.push("the live medium this system runs from");
  return `- ${d.path}: ${bits.join(", ")}`;
}

function describeFacts(facts: Facts): string {
  const list = (xs: readonly string[]) => (xs.length ? xs.join(", ") : "none");
  const mode =
    facts.mode === "live"
      ? `live (installing LevitateOS from the live ISO onto a disk; the new system is mounted at ${targetOf(facts)})`
      : "installed (changing this installed system; disks cannot be repartitioned)";
  const lines = [
    "## This machine",
    `Mode: ${mode}`,
    `Firmware: ${facts.firmware === "uefi" ? "UEFI" : "BIOS"}`,
    "Disks:",
    ...(facts.disks.length ? facts.disks.map(describeDisk) : ["- none found"]),
    // Only when probed: the grammar already withholds the others, the model should know why.
    ...(facts.mode === "live" && facts.filesystems
      ? [
          `Filesystems this kernel can mount (the only choices for the root): ${list(facts.filesystems.filter((f) => f !== "vfat"))}`,
        ]
      : []),
    `Users: ${list(facts.users)}`,
    `Hostname: ${facts.hostname}`,
    `Locale: ${facts.locale}`,
    `Available recipes: ${list(facts.recipes)}`,
    `Installed recipes: ${list(facts.installed)}`,
  ];
  return lines.join("\n");
}

/**
 * Rules, then tools, then the facts: the part before the facts depends only on the mode, so it
 * stays the same (and cached in the context) across machines. Tool descriptions come from the
 * tools' own schemas; which disks and recipes are allowed is the grammar's job, and the facts
 * list them.
 */
export function systemPrompt(facts: Facts, turn: TurnSchema): string {
  const sections = [RULES, "## Tools"];
  for (const tool of turn.tools) sections.push(describeTool(tool, TOOLS[tool].args));
  if (turn.tools.length === 0) sections.push("No tool can be called now: answer with a reply.");
  sections.push(describeFacts(facts));
  for (const w of turn.withheld) sections.push(`${w.tool} cannot be called now: ${w.why}.`);
  // SmolLM3 reads its reasoning switch from the system prompt.
  sections.push("/no_think");
  return sections.join("\n\n");
}

// ---------------------------------------------------------------------------------------------
// The conversation

function planLine(calls: readonly PlanCall[]): string {
  return calls
    .map((c) => `${c.tool} ${JSON.stringify(compactArgs(c.tool, c.args as Record<string, unknown>))}`)
    .join("; ");
}

/** A user turn as the model sees it: the pending plan at that moment, then the words. */
export function userMessage(text: string, pending: readonly PlanCall[]): string {
  return pending.length ? `[pending plan: ${planLine(pending)}]\n${text}` : text;
}

/**
 * System, then each earlier turn (user, then the decision as JSON), then the current user turn.
 * The pending plan of an earlier turn is replayed from the decisions (calls add to it, a confirm
 * ends it), so an earlier turn renders the same on every later turn; the current turn uses the
 * conversation's own pending plan.
 */
export function conversationMessages(conv: ConversationView, system: string): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: "system", content: system }];
  let pending: PlanCall[] = [];
  for (const t of conv.turns) {
    messages.push({ role: "user", content: userMessage(t.user, pending) });
    messages.push({ role: "assistant", content: decisionText(t.decision) });
    if ("calls" in t.decision) pending = [...pending, ...t.decision.calls];
    else if ("confirm" in t.decision) pending = [];
  }
  messages.push({ role: "user", content: userMessage(conv.user, conv.pending) });
  return messages;
}

/**
 * Our own rendering of SmolLM3's template in no-think mode, used when the model file carries no
 * template or its template does not render our messages faithfully.
 */
export function renderChatML(messages: readonly ChatMessage[]): PromptPart[] {
  const parts: PromptPart[] = [];
  const special = (text: string) => parts.push({ text, special: true });
  const plain = (text: string) => parts.push({ text, special: false });
  for (const m of messages) {
    special(IM_START);
    plain(`${m.role}\n`);
    if (m.role === "assistant") special(NO_THINK_PREFIX);
    plain(m.content);
    special(IM_END);
    plain("\n");
  }
  special(IM_START);
  plain("assistant\n");
  special(NO_THINK_PREFIX);
  return parts;
}

export function partsText(parts: readonly PromptPart[]): string {
  return parts.map((p) => p.text).join("");
}
