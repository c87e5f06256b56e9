/**
 * `npx tsx bench/llm/index.ts [--model PATH] [--threads N]`: generation speed with and without
 * the turn grammar, and prompt-evaluation time of turn 1 (whole prompt) against turn 2 (only the
 * new tokens, the rest reused from the context sequence). Always on the tiny model; also on
 * `--model` when given. Prints ratios measured in this run, never absolute pass/fail times.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import type { ConversationView } from "../../agent/backend.js";
import { LlmBackend } from "../../agent/llm/backend.js";
import { turnGrammar, turnSchema } from "../../grammars/gbnf/decision.js";
import { EXAMPLE_LIVE_FACTS, exampleFacts } from "../../grammars/gbnf/files.js";
import { writeTinyModel } from "../../test/llm/tinyModel.js";
import { toolsForMode } from "../../tools/registry.js";

const args = process.argv.slice(2);
const flag = (n: string) => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const threads = Number(flag("--threads") ?? 1);
const facts = exampleFacts(EXAMPLE_LIVE_FACTS);
const view = (user: string, turns: ConversationView["turns"] = []): ConversationView => ({
  user,
  turns,
  pending: [],
  entities: [],
});

async function tokensPerSecond(b: LlmBackend, grammar: boolean, n: number): Promise<number> {
  const { LlamaGrammarEvaluationState } = await import("node-llama-cpp");
  await b.sequence.clearHistory();
  const prompt = b.model.tokenize("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", true);
  const g = grammar
    ? new LlamaGrammarEvaluationState({
        model: b.model,
        grammar: await b.llama.createGrammar({
          grammar: turnGrammar(turnSchema(facts, { pending: false, limits: { replyMaxChars: 600 } })),
        }),
      })
    : undefined;
  let count = 0;
  let t0 = 0;
  for await (const tok of b.sequence.evaluate(prompt, {
    temperature: 0.8,
    seed: 1,
    grammarEvaluationState: g,
  })) {
    if (count === 0) t0 = performance.now();
    if (b.model.isEogToken(tok)) break;
    if (++count >= n) break;
  }
  return (count - 1) / ((performance.now() - t0) / 1000);
}

async function bench(label: string, modelPath: string): Promise<void> {
  const b = await LlmBackend.create({
    modelPath,
    threads,
    maxTokens: 96,
    limits: { replyMaxChars: 80 },
    warn: () => {},
  });
  const free = await tokensPerSecond(b, false, 64);
  const constrained = await tokensPerSecond(b, true, 64);
  await b.sequence.clearHistory();
  const d1 = await b.decide(view("install on the nvme with btrfs"), facts, toolsForMode("live"));
  const s1 = b.lastStats;
  await b.decide(
    view("and add ripgrep", [{ user: "install on the nvme with btrfs", decision: d1 }]),
    facts,
    toolsForMode("live"),
  );
  const s2 = b.lastStats;
  await b.dispose();
  if (!s1 || !s2) throw new Error("no stats");
  const fmt = (x: number) => x.toFixed(2);
  process.stdout.write(
    `${label} (${b.info.architecture}, ${b.info.quantization}, ${threads} thread${threads === 1 ? "" : "s"})\n` +
      `  generation: ${fmt(constrained)} tok/s with the grammar, ${fmt(free)} without: ratio ${fmt(constrained / free)}\n` +
      `  prompt eval: turn 1 ${s1.evaluatedTokens} tokens in ${s1.promptEvalMs.toFixed(0)} ms; turn 2 ${s2.evaluatedTokens} new of ${s2.promptTokens} in ${s2.promptEvalMs.toFixed(0)} ms: ` +
      `turn 2 / turn 1 time ratio ${fmt(s2.promptEvalMs / s1.promptEvalMs)}, tokens ratio ${fmt(s2.evaluatedTokens / s1.evaluatedTokens)}\n`,
  );
}

await bench("tiny model", writeTinyModel({ seed: 2 }, mkdtempSync(join(os.tmpdir(), "levitate-bench-"))));
const user = flag("--model");
if (user) await bench(user, user);
process.exit(0);
