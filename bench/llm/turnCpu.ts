/**
 * `npx tsx bench/llm/turnCpu.ts [--same-shape | --model PATH] [--threads N] [--rounds R]`
 *
 * The turns a user waits for, on the real `decide` path with the answers steered (./steer.ts),
 * with flash attention off (the CPU default) and "auto" (node-llama-cpp's default: on for the
 * CPU), alternated per round in one process: turn 1 after the facts were prepared, and turn 2.
 * Reported as CPU time of the process (user + system) besides wall time, because on a shared box
 * the CPU time is what the variants cost and the wall time is what the other work left over.
 * Each variant keeps its own saved system-block state (the KV layout differs).
 */
import os from "node:os";
import { join } from "node:path";
import type { ConversationView } from "../../agent/backend.js";
import { LlmBackend, type TurnStats } from "../../agent/llm/backend.js";
import { userCacheDir } from "../../agent/llm/prefixState.js";
import { EXAMPLE_LIVE_FACTS, exampleFacts } from "../../grammars/gbnf/files.js";
import { decisionToText } from "../../grammars/toolCalls.js";
import { writeTinyModel } from "../../test/llm/tinyModel.js";
import type { Decision } from "../../tools/decision.js";
import { toolsForMode } from "../../tools/registry.js";
import { steerTowards } from "./steer.js";

const args = process.argv.slice(2);
const flag = (n: string) => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const threads = Number(flag("--threads") ?? 1);
const rounds = Number(flag("--rounds") ?? 2);
const modelPath = args.includes("--same-shape")
  ? join(userCacheDir(), "bench", "smollm3-3b-shape-q4_0-random.gguf")
  : (flag("--model") ?? writeTinyModel({ seed: 2 }, os.tmpdir()));
const stateDir = join(userCacheDir(), "bench", "batchCost-kv");
const facts = exampleFacts(EXAMPLE_LIVE_FACTS);
const tools = toolsForMode(facts.mode);
const call = (name: string): Decision => ({ calls: [{ tool: "installRecipe", args: { name } }] });
const view = (user: string, turns: ConversationView["turns"] = []): ConversationView => ({
  user,
  turns,
  pending: [],
  entities: [],
});
const cpuMs = () => {
  const r = process.resourceUsage();
  return (r.userCPUTime + r.systemCPUTime) / 1000;
};

async function turn(b: LlmBackend, v: ConversationView, to: Decision) {
  b.benchSteer = await steerTowards(b.model, decisionToText(to));
  const c = cpuMs();
  const t = performance.now();
  const d = await b.decide(v, facts, tools);
  const out = { wall: performance.now() - t, cpu: cpuMs() - c, stats: b.lastStats as TurnStats };
  if (JSON.stringify(d) !== JSON.stringify(to)) throw new Error(`answered ${JSON.stringify(d)}`);
  return out;
}

const variants = [
  { name: "flash attention off", fa: false },
  { name: "flash attention auto", fa: "auto" },
] as const;
const backends = new Map<string, LlmBackend>();
for (const v of variants)
  backends.set(
    v.name,
    await LlmBackend.create({
      modelPath,
      threads,
      flashAttention: v.fa,
      prefixState: { readDirs: [stateDir], writeDir: stateDir },
      warn: () => {},
    }),
  );
process.stdout.write(
  `${modelPath}, ${os.cpus()[0]?.model}, ${threads} thread(s), load ${os.loadavg()[0]?.toFixed(2)}\n`,
);
for (let r = 0; r < rounds; r++) {
  for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
    const b = backends.get(v.name) as LlmBackend;
    await b.sequence.clearHistory();
    b.prepare(facts, tools);
    await b.whenPrepared();
    const t1 = await turn(b, view("install ripgrep"), call("ripgrep"));
    const t2 = await turn(
      b,
      view("and fd", [{ user: "install ripgrep", decision: call("ripgrep") }]),
      call("fd"),
    );
    const line = (t: typeof t1) =>
      `${Math.round(t.wall)} ms wall, ${Math.round(t.cpu)} ms CPU (decodes ${t.stats.profile?.evaluations.map((e) => `${e.tokens}:${Math.round(e.ms)}`).join(" ")})`;
    process.stdout.write(
      `round ${r + 1}, ${v.name}: turn 1 (prepared) ${line(t1)}; turn 2 ${line(t2)} (load ${os.loadavg()[0]?.toFixed(2)})\n`,
    );
  }
}
for (const b of backends.values()) await b.dispose();
process.exit(0);
