/**
 * The chat template embedded in the GGUF (`tokenizer.chat_template`, Jinja), rendered by
 * node-llama-cpp's Jinja engine. It is used only when it renders our messages faithfully: every
 * message's text appears verbatim, in order, as plain (non-special) text, and the prompt ends in
 * an assistant turn. Otherwise the caller falls back to our own ChatML renderer.
 */
import {
  type ChatHistoryItem,
  JinjaTemplateChatWrapper,
  type LlamaText,
  SpecialTokensText,
} from "node-llama-cpp";
import type { ChatMessage, PromptPart } from "./prompt.js";

export type TemplateResult = { ok: true; parts: PromptPart[] } | { ok: false; reason: string };

function toParts(text: LlamaText): PromptPart[] {
  const parts: PromptPart[] = [];
  for (const v of text.values) {
    if (typeof v === "string") parts.push({ text: v, special: false });
    else if (v instanceof SpecialTokensText) parts.push({ text: v.value, special: true });
    else return []; // a builtin special token (BOS/EOS) we cannot show as text: not faithful to our format
  }
  return parts;
}

export function renderWithTemplate(template: string, messages: readonly ChatMessage[]): TemplateResult {
  const history: ChatHistoryItem[] = messages.map((m) =>
    m.role === "system"
      ? { type: "system", text: m.content }
      : m.role === "user"
        ? { type: "user", text: m.content }
        : { type: "model", response: [m.content] },
  );
  history.push({ type: "model", response: [] });
  let parts: PromptPart[];
  try {
    const wrapper = new JinjaTemplateChatWrapper({
      template,
      trimLeadingWhitespaceInResponses: false,
      convertUnsupportedSystemMessagesToUserMessages: false,
      additionalRenderParameters: { enable_thinking: false },
    });
    parts = toParts(wrapper.generateContextState({ chatHistory: history }).contextText);
  } catch (e) {
    return { ok: false, reason: `it does not render: ${(e as Error).message.split("\n")[0]}` };
  }
  if (parts.length === 0) return { ok: false, reason: "it renders builtin special tokens" };
  const plain = parts.filter((p) => !p.special).map((p) => p.text);
  let at = 0;
  for (const m of messages) {
    const found = plain.indexOf(m.content, at);
    if (found < 0) return { ok: false, reason: `it does not reproduce the ${m.role} message verbatim` };
    at = found + 1;
  }
  const tail = parts
    .slice(-3)
    .map((p) => p.text)
    .join("");
  if (!/assistant\s*(<think>\s*<\/think>\s*)?$/.test(tail))
    return { ok: false, reason: "it does not end with an assistant turn" };
  return { ok: true, parts };
}
