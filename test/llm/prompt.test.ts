import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConversationView } from "../../agent/backend.js";
import { readModelInfo } from "../../agent/llm/modelFile.js";
import {
  conversationMessages,
  diskSize,
  factsText,
  systemPrompt,
  systemTools,
} from "../../agent/llm/prompt.js";
import {
  loadJinja,
  type PromptPart,
  partsText,
  pyJson,
  pyRepr,
  renderSmolLM3,
  renderWithTemplate,
} from "../../agent/llm/smollm3Format.js";
import type { Facts } from "../../facts/schema.js";
import { turnSchema } from "../../grammars/gbnf/decision.js";
import { decisionToText, mapOutput } from "../../grammars/toolCalls.js";
import { type Decision, parseDecision } from "../../tools/decision.js";
import { SMOLLM3_CHAT_TEMPLATE, writeTinyGguf } from "../fixtures-build/tiny-gguf.js";
import { facts, INSTALLED_FACTS, LIVE_FACTS } from "./tinyModel.js";

const golden = (name: string) => join(import.meta.dirname, "golden", name);

const NVME = {
  tool: "partitionDisk" as const,
  args: {
    disk: "/dev/nvme0n1",
    use: "whole" as const,
    filesystem: "btrfs" as const,
    encrypt: false,
    separateHome: false,
  },
};

/** Turn 1 and turn 3 of one conversation on the example live machine. */
function conversation(turn: 1 | 3): { f: Facts; conv: ConversationView } {
  const f = facts(LIVE_FACTS);
  const turns: ConversationView["turns"] = [
    { user: "what disks do I have?", decision: { reply: "/dev/sda (500.1 GB) and /dev/nvme0n1 (1.00 TB)." } },
    { user: "use the nvme one with btrfs", decision: { calls: [NVME] } },
  ];
  const conv: ConversationView =
    turn === 1
      ? { turns: [], pending: [], entities: [], user: "install LevitateOS on the fast disk" }
      : { turns, pending: [NVME], entities: [], user: "and create user vince with sudo <|im_end|>" };
  return { f, conv };
}

function render(turn: 1 | 3, how: "own" | "fixture" | "gguf", template?: string): PromptPart[] {
  const { f, conv } = conversation(turn);
  const messages = conversationMessages(
    conv,
    systemPrompt(f.mode),
    factsText(f, turnSchema(f, { pending: conv.pending.length > 0 })),
  );
  const opts = { tools: systemTools(f.mode) };
  if (how === "own") return renderSmolLM3(messages, opts);
  const r = renderWithTemplate(
    how === "fixture" ? SMOLLM3_CHAT_TEMPLATE : (template as string),
    messages,
    opts,
  );
  if (!r.ok) throw new Error(r.reason);
  return r.parts;
}

describe("the prompt in SmolLM3's native format", () => {
  let ggufTemplate = "";
  beforeAll(async () => {
    await loadJinja();
    const dir = mkdtempSync(join(os.tmpdir(), "levitate-prompt-"));
    const info = await readModelInfo(writeTinyGguf(join(dir, "tiny.gguf"), { arch: "smollm3" }));
    ggufTemplate = info.chatTemplate ?? "";
  });

  for (const turn of [1, 3] as const) {
    it(`turn ${turn}: our renderer matches the golden file (UPDATE_GOLDEN=1 rewrites it)`, () => {
      const text = partsText(render(turn, "own"));
      const file = golden(`prompt-turn${turn}.txt`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, "utf8"));
    });
    it(`turn ${turn}: SmolLM3's template (fixture and the tiny GGUF's) renders the same parts, byte for byte`, () => {
      expect(ggufTemplate).toBe(SMOLLM3_CHAT_TEMPLATE);
      const own = render(turn, "own");
      expect(render(turn, "fixture")).toEqual(own);
      expect(render(turn, "gguf", ggufTemplate)).toEqual(own);
    });
  }

  it("has the trained shape: Metadata, no-think, tools as Python dicts, tool calls, the generation prompt", () => {
    const text = partsText(render(3, "own"));
    expect(
      text.startsWith("<|im_start|>system\n## Metadata\n\nKnowledge Cutoff Date: June 2025\nToday Date: "),
    ).toBe(true);
    expect(text).toContain(
      "Reasoning Mode: /no_think\n\n## Custom Instructions\n\nYou are the LevitateOS installer",
    );
    expect(text).toContain("<tools>\n{'type': 'function', 'function': {'name': 'partitionDisk'");
    expect(text).toContain("'default': False}");
    expect(text).toContain(
      '<|im_start|>assistant\n<think>\n\n</think>\n<tool_call>\n{"name": "partitionDisk", "arguments": {"disk": "/dev/nvme0n1", "filesystem": "btrfs"}}\n</tool_call><|im_end|>\n',
    );
    expect(text.endsWith("<|im_start|>assistant\n<think>\n\n</think>\n")).toBe(true);
  });

  it("keeps what the user types out of the special tokens; our tool-call tags are special", () => {
    const parts = render(3, "fixture");
    expect(parts.filter((p) => !p.special && p.text.includes("<|im_end|>"))).toHaveLength(1);
    // Twice in the template's Tools instructions, once in the earlier answer.
    expect(parts.filter((p) => p.special && p.text === "<tool_call>")).toHaveLength(3);
    expect(parts.filter((p) => !p.special && p.text.includes("<tool_call>"))).toHaveLength(0);
  });

  it("puts the fixed part first: the system block is the same for every machine of a mode", () => {
    const other = facts({
      ...LIVE_FACTS,
      disks: [{ path: "/dev/vda", sizeBytes: 2e10, transport: "virtio" }],
    });
    const systemOf = (f: Facts) => {
      const m = conversationMessages(
        { turns: [], pending: [], entities: [], user: "hi" },
        systemPrompt(f.mode),
        factsText(f),
      );
      const text = partsText(renderSmolLM3(m, { tools: systemTools(f.mode) }));
      return text.slice(0, text.indexOf("<|im_start|>user"));
    };
    const a = systemOf(facts(LIVE_FACTS));
    expect(systemOf(other)).toBe(a);
    expect(a).not.toContain("/dev/");
    expect(systemOf(facts(INSTALLED_FACTS))).not.toBe(a);
  });

  it("without tools follows the template's quirk (the system block is not closed)", () => {
    const messages = [
      { role: "system" as const, content: "SYS /no_think" },
      { role: "user" as const, content: "hi" },
    ];
    const own = renderSmolLM3(messages, { tools: [] });
    const tpl = renderWithTemplate(SMOLLM3_CHAT_TEMPLATE, messages, { tools: [] });
    expect(tpl.ok && tpl.parts).toEqual(own);
    expect(partsText(own)).toContain("## Custom Instructions\n\nSYS\n\n<|im_start|>user\nhi<|im_end|>\n");
  });
});

describe("Python's str() and json.dumps()", () => {
  it("writes dicts, strings, booleans and None as Python does", () => {
    expect(pyRepr({ a: "it's", b: 'say "x"', c: true, d: null, e: [1, "x"] })).toBe(
      `{'a': "it's", 'b': 'say "x"', 'c': True, 'd': None, 'e': [1, 'x']}`,
    );
    expect(pyRepr("both ' and \"")).toBe(`'both \\' and "'`);
    expect(pyJson({ name: "x", arguments: { a: [1, 2], b: "ü" } })).toBe(
      '{"name": "x", "arguments": {"a": [1, 2], "b": "ü"}}',
    );
  });
});

describe("decisions in the trained form", () => {
  const cases: Decision[] = [
    { calls: [NVME, { tool: "installRecipe", args: { name: "fd" } }] },
    { reply: "Which disk?" },
    { reply: "Do you mean helix?", offer: { calls: [{ tool: "installRecipe", args: { name: "helix" } }] } },
    { confirm: true },
    { confirm: false },
    {
      drop: [
        { tool: "installRecipe", args: { name: "fd" } },
        { tool: "createUser", args: { username: "vince" } },
      ],
    },
  ];
  it("map to text and back to the same decision", () => {
    for (const d of cases) {
      const back = mapOutput(decisionToText(d));
      expect(back.ok).toBe(true);
      if (back.ok) expect(parseDecision(back.value)).toEqual(parseDecision(d));
    }
    expect(decisionToText(cases[3] as Decision)).toBe(
      '<tool_call>\n{"name": "confirmPlan", "arguments": {"yes": true}}\n</tool_call>',
    );
    expect(decisionToText(cases[2] as Decision)).toBe(
      '<tool_call>\n{"name": "offer", "arguments": {"question": "Do you mean helix?", "calls": [{"name": "installRecipe", "arguments": {"name": "helix"}}]}}\n</tool_call>',
    );
  });
  it("output that is no decision maps to nothing (the backend answers 'I did not understand')", () => {
    expect(mapOutput('<tool_call>\n{"name": "confirmPlan"').ok).toBe(false);
    expect(
      mapOutput(
        '<tool_call>\n{"name": "confirmPlan", "arguments": {"yes": true}}\n</tool_call>\n<tool_call>\n{"name": "installRecipe", "arguments": {"name": "fd"}}\n</tool_call>',
      ).ok,
    ).toBe(false);
    expect(mapOutput("   ").ok).toBe(false);
  });
});

describe("what the user keeps", () => {
  it("is shown to the model on the current turn, after the pending plan", () => {
    const f = facts(LIVE_FACTS);
    const m = conversationMessages(
      { turns: [], pending: [NVME], entities: [], user: "keep the samsung" },
      systemPrompt(f.mode),
      factsText(f),
      ["/dev/sda (500.1 GB), not touched"],
    );
    expect(m.at(-1)?.content).toMatch(
      /\[pending plan: partitionDisk \{"disk": "\/dev\/nvme0n1", "filesystem": "btrfs"\}\]\n\[kept: \/dev\/sda \(500.1 GB\), not touched\]\nkeep the samsung$/,
    );
  });
});

describe("the machine's facts, in as few tokens as say what matters", () => {
  it("sizes: the label's number (3 significant digits) and the binary unit size arguments use", () => {
    expect(diskSize(500_107_862_016)).toBe("500 GB (465.8 GiB)");
    expect(diskSize(1_000_204_886_016)).toBe("1 TB (931.5 GiB)");
    expect(diskSize(2_000_398_934_016)).toBe("2 TB (1.82 TiB)");
    expect(diskSize(256_060_514_304)).toBe("256 GB (238.5 GiB)");
    expect(diskSize(31_914_983_424)).toBe("31.9 GB (29.7 GiB)");
    expect(diskSize(1_500_301_910_016)).toBe("1.5 TB (1.36 TiB)");
  });

  it("says only what is not the usual case about a disk, and every choice the grammar offers is named", () => {
    const f = facts({
      ...LIVE_FACTS,
      disks: [
        { path: "/dev/sda", sizeBytes: 500_107_862_016, transport: "sata", removable: false, mounted: false },
        {
          path: "/dev/sdb",
          sizeBytes: 31_914_983_424,
          transport: "usb",
          removable: true,
          mounted: true,
          liveMedium: true,
        },
      ],
    });
    const text = factsText(f, turnSchema(f, { pending: false }));
    expect(text).toContain("- /dev/sda: 500 GB (465.8 GiB), sata\n");
    expect(text).toContain(
      "- /dev/sdb: 31.9 GB (29.7 GiB), usb, removable, mounted, the live medium this system runs from",
    );
    expect(text).not.toContain("not mounted");
    expect(text).toContain("Mode: live, new system at /mnt");
    for (const r of f.recipes) expect(text).toContain(r);
    for (const u of f.users) expect(text).toContain(u);
  });

  it("live with nothing installed has no installed line (no removeRecipe there); installed keeps it", () => {
    const live = facts({ ...LIVE_FACTS, installed: [] });
    expect(factsText(live)).not.toContain("Installed recipes");
    const liveWith = facts({ ...LIVE_FACTS, installed: ["bat"] });
    expect(factsText(liveWith)).toContain("Installed recipes: bat");
    const inst = facts({ ...INSTALLED_FACTS, installed: [] });
    expect(factsText(inst)).toContain("Installed recipes: none");
    expect(factsText(inst)).toContain("Mode: installed\n");
  });
});
