/**
 * `npx tsx bench/llm/grammarCost.ts [--same-shape] [--model PATH] [--threads N] [--rounds R]`
 *
 * Where a grammar's per-token cost goes, A/B alternating in one process (the box is shared: each
 * round runs every variant once, in turn, and the load average is printed per round):
 *
 * - `free`: greedy, no grammar;
 * - `grammar, model agrees`: greedy under the turn's production grammar, the model steered (a
 *   bench-only token bias) to write a valid decision, as a trained model does. node-llama-cpp's
 *   sampler checks the chosen token alone against the grammar and accepts it: what a user pays;
 * - `free, same text`: the same steered text without the grammar (the fair baseline for the above);
 * - `grammar, model disagrees`: greedy under the grammar, unsteered random weights, whose chosen
 *   token the grammar rejects nearly every step: the sampler then runs the grammar over the whole
 *   vocabulary (128,256 candidates at SmolLM3's size) before picking again. The worst case.
 */
import os from "node:os";
import { join } from "node:path";
import type { Token } from "node-llama-cpp";
import { LlmBackend } from "../../agent/llm/backend.js";
import { defaultThreads } from "../../agent/llm/llama.js";
import { userCacheDir } from "../../agent/llm/prefixState.js";
import { turnGrammar, turnSchema } from "../../grammars/gbnf/decision.js";
import { EXAMPLE_LIVE_FACTS, exampleFacts } from "../../grammars/gbnf/files.js";
import { decisionToText } from "../../grammars/toolCalls.js";
import { writeTinyModel } from "../../test/llm/tinyModel.js";
import { steerTowards } from "./steer.js";

const args = process.argv.slice(2);
const flag = (n: string) => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const threads = Number(flag("--threads") ?? defaultThreads());
const rounds = Number(flag("--rounds") ?? 3);
const facts = exampleFacts(EXAMPLE_LIVE_FACTS);
const modelPath = args.includes("--same-shape")
  ? join(userCacheDir(), "bench", "smollm3-3b-shape-q4_0-random.gguf")
  : (flag("--model") ?? writeTinyModel({ seed: 2 }, os.tmpdir()));

const b = await LlmBackend.create({ modelPath, threads, prefixState: false, warn: () => {} });
const { LlamaGrammarEvaluationState } = await import("node-llama-cpp");
const grammar = await b.llama.createGrammar({ grammar: turnGrammar(turnSchema(facts, { pending: false })) });
const target = decisionToText({
  calls: [
    { tool: "installRecipe", args: { name: "ripgrep" } },
    { tool: "installRecipe", args: { name: "fd" } },
    { tool: "installRecipe", args: { name: "bat" } },
    { tool: "setHostname", args: { hostname: "workstation" } },
    { tool: "createUser", args: { username: "vince", sudo: true, shell: "/bin/bash", groups: [] } },
  ],
});
// Every variant writes as many tokens as the steered text has (the steered ones end there).
const n = b.model.tokenize(target).length;
const prompt = b.model.tokenize("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", true);

async function run(withGrammar: boolean, steer: boolean): Promise<{ msPerToken: number; tokens: number }> {
  await b.sequence.clearHistory();
  const out: Token[] = [];
  const s = steer ? await steerTowards(b.model, target) : undefined;
  const g = withGrammar ? new LlamaGrammarEvaluationState({ model: b.model, grammar }) : undefined;
  let t0 = 0;
  for await (const tok of b.sequence.evaluate(prompt, {
    temperature: 0,
    grammarEvaluationState: g,
    ...(s ? { tokenBias: () => s(out) } : {}),
  })) {
    if (out.length === 0) t0 = performance.now();
    if (b.model.isEogToken(tok)) break;
    out.push(tok);
    if (out.length >= n) break;
  }
  if (steer && b.model.detokenize(out) !== target) throw new Error("the steered text was not written");
  return { msPerToken: (performance.now() - t0) / Math.max(1, out.length - 1), tokens: out.length };
}

const variants: [string, boolean, boolean][] = [
  ["free", false, false],
  ["grammar, model agrees", true, true],
  ["free, same text", false, true],
  ["grammar, model disagrees", true, false],
];
const sums = new Map<string, number[]>();
process.stdout.write(
  `${modelPath} (${b.info.architecture}), ${threads} threads, ${n} tokens a run, ${os.cpus()[0]?.model}\n`,
);
for (let r = 0; r < rounds; r++) {
  const line: string[] = [];
  for (const [name, g, s] of variants) {
    const m = await run(g, s);
    sums.set(name, [...(sums.get(name) ?? []), m.msPerToken]);
    line.push(`${name} ${m.msPerToken.toFixed(1)} ms/token (${m.tokens})`);
  }
  process.stdout.write(`round ${r + 1} (load ${os.loadavg()[0]?.toFixed(2)}): ${line.join("; ")}\n`);
}
const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)] ?? 0;
const m = Object.fromEntries([...sums].map(([k, v]) => [k, median(v)]));
process.stdout.write(
  `median ms/token: ${JSON.stringify(m)}\n` +
    `grammar / free when the model agrees: ${((m["free, same text"] ?? 0) / (m["grammar, model agrees"] ?? 1)).toFixed(2)}x speed; ` +
    `when it disagrees: ${((m.free ?? 0) / (m["grammar, model disagrees"] ?? 1)).toFixed(2)}x\n`,
);
await b.dispose();
process.exit(0);
