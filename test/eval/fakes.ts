import type { Backend, ConversationView } from "../../agent/backend.js";
import type { Decision } from "../../agent/decision.js";
import { type FactsInput, FactsSchema } from "../../agent/facts/schema.js";
import type { Dialogue } from "../../eval/dataset.js";

export const facts = FactsSchema.parse({
  mode: "live",
  disks: [
    { path: "/dev/nvme0n1", sizeBytes: 1000204886016, model: "Samsung SSD 980 PRO 1TB", transport: "nvme" },
    { path: "/dev/sda", sizeBytes: 2000398934016, model: "WDC WD20EZAZ", transport: "sata" },
    {
      path: "/dev/sdb",
      sizeBytes: 30752000000,
      transport: "usb",
      removable: true,
      mounted: true,
      liveMedium: true,
    },
  ],
  recipes: ["ripgrep", "fd", "bat", "jq"],
} satisfies FactsInput);

export function dialogue(id: string, category: Dialogue["category"], turns: Dialogue["turns"]): Dialogue {
  return { id, category, facts, turns, source: `test:${id}` };
}

/** A backend that answers from a script keyed by the user's text and records every view it gets. */
export function scripted(answers: Record<string, Decision | Error | unknown>, name = "scripted") {
  const seen: { user: string; view: ConversationView }[] = [];
  const backend: Backend & { stats(): { tokens: number; seconds: number; invalidOutputs: number } } = {
    name,
    async decide(conv) {
      seen.push({ user: conv.user, view: structuredClone({ ...conv }) });
      const a = answers[conv.user];
      if (a instanceof Error) throw a;
      if (a === undefined) return { reply: `no script for ${conv.user}` };
      return a as Decision;
    },
    stats: () => ({ tokens: 500, seconds: 2, invalidOutputs: 1 }),
  };
  return { backend, seen };
}
