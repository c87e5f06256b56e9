/**
 * `npx tsx bench/llm/factsTokens.ts [--same-shape | --model PATH] [--installed]`
 *
 * What a machine's facts cost in tokens, line by line, with a model's own tokenizer (its vocabulary
 * only: no weights are read): every token of the facts is evaluated on a new machine's turn 1.
 * The bench's example machine (grammars/gbnf/files.ts), live or installed.
 */
import { join } from "node:path";
import { sharedLlama } from "../../agent/llm/llama.js";
import { userCacheDir } from "../../agent/llm/prefixState.js";
import { factsText } from "../../agent/llm/prompt.js";
import { turnSchema } from "../../grammars/gbnf/decision.js";
import { EXAMPLE_LIVE_FACTS, exampleFacts } from "../../grammars/gbnf/files.js";

const args = process.argv.slice(2);
const i = args.indexOf("--model");
const modelPath =
  i >= 0 ? (args[i + 1] as string) : join(userCacheDir(), "bench", "smollm3-3b-shape-q4_0-random.gguf");
const llama = await sharedLlama();
const model = await llama.loadModel({ modelPath, vocabOnly: true });
const facts = exampleFacts(
  args.includes("--installed") ? { ...EXAMPLE_LIVE_FACTS, mode: "installed" } : EXAMPLE_LIVE_FACTS,
);
const text = factsText(facts, turnSchema(facts, { pending: false }));
for (const line of text.split("\n")) {
  const tokens = model.tokenize(line);
  process.stdout.write(
    `${String(tokens.length).padStart(3)}  ${line}\n     ${tokens.map((t) => JSON.stringify(model.detokenize([t]))).join(" ")}\n`,
  );
}
process.stdout.write(`${model.tokenize(text).length} tokens, ${text.length} characters\n`);
await model.dispose();
process.exit(0);
