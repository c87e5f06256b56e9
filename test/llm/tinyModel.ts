/**
 * The tiny model the llm tests load: written fresh into a temp directory (never committed),
 * with BPE merges learnt from the prompts it will see so prompts are short in tokens.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { factsText, systemPrompt, systemTools } from "../../agent/llm/prompt.js";
import { pyRepr } from "../../agent/llm/smollm3Format.js";
import { type Facts, type FactsInput, FactsSchema } from "../../facts/schema.js";
import { turnSchema } from "../../grammars/gbnf/decision.js";
import { EXAMPLE_INSTALLED_FACTS, EXAMPLE_LIVE_FACTS } from "../../grammars/gbnf/files.js";
import { decisionToText } from "../../grammars/toolCalls.js";
import { type TinyGgufOptions, writeTinyGguf } from "../fixtures-build/tiny-gguf.js";

export const LIVE_FACTS = EXAMPLE_LIVE_FACTS;
export const INSTALLED_FACTS = EXAMPLE_INSTALLED_FACTS;

export function facts(input: FactsInput): Facts {
  return FactsSchema.parse(input);
}

/** The system prompts of both modes plus a few decisions: what the merges are learnt from. */
export function tinyCorpus(): string {
  const parts: string[] = [];
  for (const f of [LIVE_FACTS, INSTALLED_FACTS]) {
    const fx = facts(f);
    parts.push(systemPrompt(fx.mode), ...systemTools(fx.mode).map((t) => pyRepr(t)));
    parts.push(factsText(fx, turnSchema(fx, { pending: true })));
  }
  parts.push(
    decisionToText({
      calls: [
        {
          tool: "partitionDisk",
          args: {
            disk: "/dev/sda",
            use: "whole",
            filesystem: "btrfs",
            encrypt: true,
            separateHome: false,
            efiSize: "1G",
          },
        },
      ],
    }),
    decisionToText({ reply: "Which disk: /dev/sda or /dev/nvme0n1?" }),
    decisionToText({ confirm: true }),
    decisionToText({ drop: [{ tool: "installRecipe", args: { name: "fd" } }] }),
  );
  return parts.join("\n");
}

export function writeTinyModel(options: TinyGgufOptions = {}, dir?: string): string {
  const d = dir ?? mkdtempSync(join(os.tmpdir(), "levitate-tiny-"));
  return writeTinyGguf(join(d, `tiny-${options.arch ?? "llama"}-${options.seed ?? 1}.gguf`), {
    corpus: tinyCorpus(),
    ...options,
  });
}
