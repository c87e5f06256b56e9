/**
 * What the model reads, in SmolLM3's own format (./smollm3Format.ts), ordered so that everything
 * that does not depend on the machine comes first:
 *
 * 1. the system block: rules (Custom Instructions) and the mode's tools as JSON schemas (Tools).
 *    It depends only on the mode and PROMPT_VERSION, so its KV state is computed once and saved
 *    (./prefixState.ts);
 * 2. the first user turn: this machine's facts, then what the user said;
 * 3. each earlier turn: the user's words (with the pending plan of that moment) and the decision
 *    exactly as the model writes it (./toolCalls.ts), so turn N's prompt extends turn N-1's and
 *    the context sequence is reused.
 *
 * Nothing here loads node-llama-cpp.
 */

import { type Facts, targetOf } from "../../facts/schema.js";
import type { TurnSchema } from "../../grammars/gbnf/decision.js";
import { compactArgs, decisionToText, promptTools } from "../../grammars/toolCalls.js";
import { dropMatches } from "../../tools/decision.js";
import type { Mode } from "../../tools/types.js";
import type { ConversationView, PlanCall } from "../backend.js";
import { mergeCall } from "../conversation.js";
import type { ChatMessage } from "./smollm3Format.js";
import { pyJson } from "./smollm3Format.js";

export type { ChatMessage, PromptPart, Role } from "./smollm3Format.js";
export { partsText } from "./smollm3Format.js";
export { compactArgs };

/**
 * Bump when the rules, the tool descriptions or the rendering change: it is part of the saved
 * prefix state's key (so an old state is never loaded for a new prompt) and of the docs.
 */
export const PROMPT_VERSION = 2;

// ---------------------------------------------------------------------------------------------
// The system block (fixed per mode)

const RULES_COMMON = `You are the LevitateOS installer assistant. You turn what the user asks into calls of the tools below, for the machine described in the first user message only.
- To act, call the tools. Calls are added to a plan that the user reviews and confirms before anything runs; one answer may hold several calls.
- To answer a question, to ask which one when the request is ambiguous, or to refuse what is unsafe or impossible, answer in plain text without a tool call.
- To propose calls in a yes/no question ("Do you mean helix?"), call offer.
- When the user accepts or declines the pending plan, call confirmPlan. When the user no longer wants a pending step, call dropStep with that step exactly as the plan lists it.
- Use only the disks, users and recipes of this machine. Leave out an argument to get its default. Never ask for a password: it is asked when the plan runs.
- Never erase a disk, remove a program or give sudo when the user said not to.`;

const MODE_RULES: Record<Mode, string> = {
  live: "You are running from the live ISO: the tools install LevitateOS onto a disk of this machine.",
  installed:
    "You are running on an installed LevitateOS system: the tools change this system; disks cannot be repartitioned.",
};

/** The system message of a mode: the same bytes for every machine and every turn. */
export function systemPrompt(mode: Mode): string {
  return `${RULES_COMMON}\n${MODE_RULES[mode]}`;
}

/** The tools the system block lists for a mode (their JSON schemas). */
export function systemTools(mode: Mode): Record<string, unknown>[] {
  return promptTools(mode);
}

// ---------------------------------------------------------------------------------------------
// The machine (first user turn)

const GiB = 1024 ** 3;
const TiB = 1024 ** 4;

/**
 * A disk's size as its label says it ("500 GB", "1 TB": three significant digits, what users call
 * it) and in the binary unit every size argument is given in ("465.8 GiB").
 */
export function diskSize(bytes: number): string {
  const label =
    bytes >= 1e12
      ? `${Number((bytes / 1e12).toPrecision(3))} TB`
      : `${Number((bytes / 1e9).toPrecision(3))} GB`;
  const binary = bytes >= TiB ? `${(bytes / TiB).toFixed(2)} TiB` : `${(bytes / GiB).toFixed(1)} GiB`;
  return `${label} (${binary})`;
}

/**
 * One disk a line. Only what is not the usual case is said (removable, mounted, the live medium):
 * a disk that is mounted or the live medium is never in the grammar's choice of disks anyway.
 */
function describeDisk(d: Facts["disks"][number]): string {
  const bits = [diskSize(d.sizeBytes)];
  if (d.model) bits.push(d.model);
  bits.push(d.transport);
  if (d.removable) bits.push("removable");
  if (d.mounted) bits.push("mounted");
  if (d.liveMedium) bits.push("the live medium this system runs from");
  return `- ${d.path}: ${bits.join(", ")}`;
}

/** The facts, and which tools cannot be called on this machine and why. */
export function factsText(facts: Facts, turn?: Pick<TurnSchema, "withheld">): string {
  const list = (xs: readonly string[]) => (xs.length ? xs.join(", ") : "none");
  // What each mode means is in the system block (MODE_RULES); here only which one, and where the
  // new system is mounted. Every token here is evaluated on a machine's first turn.
  const mode = facts.mode === "live" ? `live, new system at ${targetOf(facts)}` : "installed";
  const lines = [
    "## This machine",
    `Mode: ${mode}`,
    `Firmware: ${facts.firmware === "uefi" ? "UEFI" : "BIOS"}`,
    "Disks:",
    ...(facts.disks.length ? facts.disks.map(describeDisk) : ["- none found"]),
    ...(facts.mode === "live" && facts.filesystems
      ? [
          `Filesystems this kernel can mount (the only choices for the root): ${list(facts.filesystems.filter((f) => f !== "vfat"))}`,
        ]
      : []),
    `Users: ${list(facts.users)}`,
    `Hostname: ${facts.hostname}`,
    `Locale: ${facts.locale}`,
    `Available recipes: ${list(facts.recipes)}`,
    // Live, nothing is installed on the new system yet and there is no removeRecipe: no line.
    ...(facts.mode === "live" && facts.installed.length === 0
      ? []
      : [`Installed recipes: ${list(facts.installed)}`]),
    ...(turn?.withheld ?? []).map((w) => `${w.tool} cannot be called here: ${w.why}.`),
  ];
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// The conversation

function planLine(calls: readonly PlanCall[]): string {
  return calls
    .map((c) => `${c.tool} ${pyJson(compactArgs(c.tool, c.args as Record<string, unknown>))}`)
    .join("; ");
}

/**
 * A user turn as the model sees it: the pending plan at that moment, what the user keeps (the
 * safety screen's protections, current turn only), then the words.
 */
export function userMessage(
  text: string,
  pending: readonly PlanCall[],
  kept: readonly string[] = [],
): string {
  const lines = [
    ...(pending.length ? [`[pending plan: ${planLine(pending)}]`] : []),
    ...(kept.length ? [`[kept: ${kept.join("; ")}]`] : []),
    text,
  ];
  return lines.join("\n");
}

/**
 * System, then each earlier turn (user, then the decision as the model writes it), then the
 * current user turn. The first user turn starts with the machine's facts (`machine`). The pending
 * plan of an earlier turn is replayed from the decisions the way the conversation applies them
 * (calls merge or replace, drop removes, confirm ends the plan), so an earlier turn renders the
 * same on every later turn; the current turn uses the conversation's own pending plan.
 */
export function conversationMessages(
  conv: ConversationView,
  system: string,
  machine?: string,
  kept: readonly string[] = [],
): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: "system", content: system }];
  const withFacts = (text: string, i: number) => (machine && i === 0 ? `${machine}\n\n${text}` : text);
  let pending: PlanCall[] = [];
  conv.turns.forEach((t, i) => {
    messages.push({ role: "user", content: withFacts(userMessage(t.user, pending), i) });
    messages.push({ role: "assistant", content: decisionToText(t.decision) });
    const d = t.decision;
    if ("calls" in d) for (const c of d.calls) mergeCall(pending, c);
    else if ("confirm" in d) pending = [];
    else if ("drop" in d) pending = pending.filter((p) => !d.drop.some((e) => dropMatches(e, p)));
  });
  messages.push({
    role: "user",
    content: withFacts(userMessage(conv.user, conv.pending, kept), conv.turns.length),
  });
  return messages;
}
