/**
 * SmolLM3's chat format, as its own template writes it (test/llm/fixtures/smollm3-chat-template.jinja):
 * a system block `## Metadata` / `## Custom Instructions` / `### Tools` (the tools as Python
 * reprs of their JSON schemas inside `<tools>`), user turns, assistant turns after an empty
 * `<think>` block (no-think mode), tool results in the user role.
 *
 * Two renderers give the same bytes:
 * - `renderWithTemplate`: the GGUF's own `tokenizer.chat_template` through @huggingface/jinja (the
 *   Jinja engine node-llama-cpp uses). Message texts go in as placeholders and come back as plain
 *   text, so a user typing `<|im_end|>` never becomes a special token.
 * - `renderSmolLM3`: ours, for a file without a template (or with one that does not render).
 * Tests pin both against the fixture template and golden files.
 *
 * Nothing here loads node-llama-cpp; parts are strings marked special or not.
 */

export type Role = "system" | "user" | "assistant" | "tool";

export interface ChatMessage {
  role: Role;
  content: string;
}

/** A piece of the rendered prompt: `special` pieces are tokenized as special tokens. */
export interface PromptPart {
  text: string;
  special: boolean;
}

/** SmolLM3's control and tool tokens: special wherever the template (or the model) writes them. */
export const SPECIAL_STRINGS = [
  "<|im_start|>",
  "<|im_end|>",
  "<think>",
  "</think>",
  "<tool_call>",
  "</tool_call>",
];

/**
 * The date in the Metadata block. SmolLM3's template prints today's date; we print a fixed one,
 * the date of this prompt version, so the prompt's fixed prefix (and its saved KV state) stays
 * valid on every later day. Nothing the installer does depends on the date.
 */
export const PROMPT_DATE = "04 December 2026";

export interface RenderOptions {
  /** Each tool's JSON schema as a plain object; rendered as Python's `str(dict)` like the template. */
  tools: readonly unknown[];
  today?: string;
  /** Append the assistant generation prompt (default true). */
  generationPrompt?: boolean;
}

import { pyRepr } from "../../grammars/python.js";

export { pyJson, pyRepr } from "../../grammars/python.js";

// ---------------------------------------------------------------------------------------------
// Parts

/** Splits text into parts, the strings in SPECIAL_STRINGS marked special. */
export function splitSpecial(text: string, special = true): PromptPart[] {
  if (!special) return text ? [{ text, special: false }] : [];
  const parts: PromptPart[] = [];
  let rest = text;
  while (rest) {
    let at = -1;
    let hit = "";
    for (const s of SPECIAL_STRINGS) {
      const i = rest.indexOf(s);
      if (i >= 0 && (at < 0 || i < at)) [at, hit] = [i, s];
    }
    if (at < 0) {
      parts.push({ text: rest, special: false });
      break;
    }
    if (at > 0) parts.push({ text: rest.slice(0, at), special: false });
    parts.push({ text: hit, special: true });
    rest = rest.slice(at + hit.length);
  }
  return parts;
}

/** Adjacent parts of the same kind joined, empty ones dropped: two renderings compare as equal. */
export function normalizeParts(parts: readonly PromptPart[]): PromptPart[] {
  const out: PromptPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out[out.length - 1];
    if (last && last.special === p.special && !p.special) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

export function partsText(parts: readonly PromptPart[]): string {
  return parts.map((p) => p.text).join("");
}

/** What the template keeps of a system message: the reasoning switches removed, trailing space trimmed. */
export function customInstructions(system: string): string {
  return system.replaceAll("/no_think", "").replaceAll("/think", "").trimEnd();
}

const TOOLS_INTRO =
  "You may call one or more functions to assist with the user query.\nYou are provided with function signatures within <tools></tools> XML tags:\n\n<tools>\n";
const TOOLS_OUTRO =
  '</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>';
const DEFAULT_INSTRUCTIONS = "You are a helpful AI assistant named SmolLM, trained by Hugging Face.";

// ---------------------------------------------------------------------------------------------
// Our renderer (no-think mode)

export function renderSmolLM3(messages: readonly ChatMessage[], opts: RenderOptions): PromptPart[] {
  const parts: PromptPart[] = [];
  const tpl = (text: string) => parts.push(...splitSpecial(text));
  const first = messages[0];
  const custom = first?.role === "system" ? customInstructions(first.content) : "";
  tpl("<|im_start|>system\n");
  tpl(`## Metadata\n\nKnowledge Cutoff Date: June 2025\nToday Date: ${opts.today ?? PROMPT_DATE}\n`);
  tpl("Reasoning Mode: /no_think\n\n## Custom Instructions\n\n");
  if (custom) {
    parts.push({ text: custom, special: false });
    tpl("\n\n");
  } else tpl(`${DEFAULT_INSTRUCTIONS}\n\n`);
  if (opts.tools.length) {
    // The tool schemas are our text, plain; the template's own words around them may hold specials.
    tpl(`### Tools\n\n${TOOLS_INTRO}`);
    parts.push({ text: opts.tools.map((t) => `${pyRepr(t)}\n`).join(""), special: false });
    tpl(`${TOOLS_OUTRO}\n\n<|im_end|>\n`);
  }
  for (const m of messages) {
    if (m.role === "user" || m.role === "tool") {
      tpl("<|im_start|>user\n");
      parts.push({ text: m.content, special: false });
      tpl("<|im_end|>\n");
    } else if (m.role === "assistant") {
      tpl("<|im_start|>assistant\n<think>\n\n</think>\n");
      parts.push(...splitSpecial(m.content.replace(/^\n+/, "")));
      tpl("<|im_end|>\n");
    }
  }
  if (opts.generationPrompt !== false) tpl("<|im_start|>assistant\n<think>\n\n</think>\n");
  return normalizeParts(parts);
}

// ---------------------------------------------------------------------------------------------
// The GGUF's template

export type TemplateResult = { ok: true; parts: PromptPart[] } | { ok: false; reason: string };

const PLACEHOLDER = (i: number) => `\u0001LEVITATE-MESSAGE-${i}\u0001`;

type JinjaTemplate = new (text: string) => { render(items: Record<string, unknown>): string };
let jinja: JinjaTemplate | undefined;

/** @huggingface/jinja, loaded once (only when a model with a template is used). */
export async function loadJinja(): Promise<void> {
  jinja ??= (await import("@huggingface/jinja")).Template as unknown as JinjaTemplate;
}

/**
 * Renders through the model's own template. Message texts are placeholders while the template
 * runs (so nothing a user types is parsed for special tokens), then put back: user, system and
 * tool texts as plain text, assistant texts (our own tool-call text) with their special tokens.
 * `loadJinja()` must have run.
 */
export function renderWithTemplate(
  template: string,
  messages: readonly ChatMessage[],
  opts: RenderOptions,
): TemplateResult {
  if (!jinja) return { ok: false, reason: "the Jinja engine is not loaded" };
  const today = opts.today ?? PROMPT_DATE;
  let text: string;
  try {
    // The template asks the clock (`strftime_now`); the engine will not let a render parameter
    // shadow a builtin, so the call is pointed at ours, which answers PROMPT_DATE.
    text = new jinja(template.replaceAll("strftime_now(", "levitate_strftime_now(")).render({
      messages: messages.map((m, i) => ({ role: m.role, content: PLACEHOLDER(i) })),
      xml_tools: opts.tools.length ? opts.tools.map((t) => pyRepr(t)) : null,
      python_tools: null,
      tools: null,
      enable_thinking: false,
      add_generation_prompt: opts.generationPrompt !== false,
      bos_token: "",
      eos_token: "<|im_end|>",
      levitate_strftime_now: () => today,
    });
  } catch (e) {
    return { ok: false, reason: `it does not render: ${(e as Error).message.split("\n")[0]}` };
  }
  const parts: PromptPart[] = [];
  let at = 0;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as ChatMessage;
    const mark = PLACEHOLDER(i);
    const found = text.indexOf(mark, at);
    if (found < 0) return { ok: false, reason: `it does not reproduce the ${m.role} message` };
    parts.push(...splitSpecial(text.slice(at, found)));
    const content =
      m.role === "system"
        ? customInstructions(m.content)
        : m.role === "assistant"
          ? m.content.replace(/^\n+/, "")
          : m.content;
    parts.push(...splitSpecial(content, m.role === "assistant"));
    at = found + mark.length;
  }
  parts.push(...splitSpecial(text.slice(at)));
  if (text.split("\u0001").length - 1 !== 2 * messages.length)
    return { ok: false, reason: "it renders a message twice" };
  return { ok: true, parts: normalizeParts(parts) };
}
