/**
 * Bench only: loaded with `node --import` into the `levitate ask` the bench starts, it steers that
 * process's LlmBackend towards `$LEVITATE_BENCH_STEER` (./steer.ts), so `ask` on a random-weight
 * model writes the decision a trained model writes instead of a 600-character reply. The CLI
 * itself has no such option: the product cannot be steered.
 */
import type { LlmBackend as Backend } from "../../agent/llm/backend.js";
import { steerTowards } from "./steer.js";

// The bench runs the built CLI (dist/) when it is up to date: patch that module instance, not the
// sources'. The built CLI is bundled (scripts/bundle.ts): its backend is the llm-backend entry.
const { LlmBackend } = (await import(
  process.env.LEVITATE_BENCH_DIST === "1" ? "../../dist/cli/llm-backend.js" : "../../agent/llm/backend.js"
)) as { LlmBackend: typeof Backend };

const text = process.env.LEVITATE_BENCH_STEER;
// The bench's `--no-jump` A/B reaches this process too.
const jumpOff = process.env.LEVITATE_BENCH_JUMP === "off";
if (text) {
  const create = LlmBackend.create.bind(LlmBackend);
  LlmBackend.create = async (opts) => {
    const b = await create(jumpOff ? { ...opts, jumpForward: false } : opts);
    b.benchSteer = await steerTowards(b.model, text);
    return b;
  };
}
