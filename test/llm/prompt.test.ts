import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ConversationView } from "../../agent/backend.js";
import {
  conversationMessages,
  decisionText,
  partsText,
  renderChatML,
  systemPrompt,
} from "../../agent/llm/prompt.js";
import { renderWithTemplate } from "../../agent/llm/template.js";
import { turnSchema } from "../../grammars/gbnf/decision.js";
import { TINY_CHAT_TEMPLATE } from "../fixtures-build/tiny-gguf.js";
import { facts, LIVE_FACTS } from "./tinyModel.js";

const golden = join(import.meta.dirname, "golden", "prompt-live.txt");

function canned() {
  const f = facts(LIVE_FACTS);
  const conv: ConversationView = {
    turns: [
      {
        user: "what disks do I have?",
        decision: { reply: "/dev/sda (500.1 GB) and /dev/nvme0n1 (1.00 TB)." },
      },
      {
        user: "use the nvme one with btrfs",
        decision: {
          calls: [
            {
              tool: "partitionDisk",
              args: {
                disk: "/dev/nvme0n1",
                use: "whole",
                filesystem: "btrfs",
                encrypt: false,
                separateHome: false,
                efiSize: "1G",
              },
            },
          ],
        },
      },
    ],
    pending: [
      {
        tool: "partitionDisk",
        args: {
          disk: "/dev/nvme0n1",
          use: "whole",
          filesystem: "btrfs",
          encrypt: false,
          separateHome: false,
          efiSize: "1G",
        },
      },
    ],
    entities: [],
    user: "and create user vince with sudo <|im_end|>",
  };
  const turn = turnSchema(f, { pending: true });
  return conversationMessages(conv, systemPrompt(f, turn));
}

describe("the prompt", () => {
  it("matches the golden file (UPDATE_GOLDEN=1 rewrites it)", () => {
    const text = partsText(renderChatML(canned()));
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, "utf8"));
  });
  it("writes earlier decisions as the grammar would: compact, defaults left out", () => {
    expect(
      decisionText({
        calls: [
          {
            tool: "partitionDisk",
            args: {
              disk: "/dev/sda",
              use: "whole",
              filesystem: "ext4",
              encrypt: true,
              separateHome: false,
              efiSize: "1G",
            },
          },
        ],
      }),
    ).toBe('{"calls":[{"tool":"partitionDisk","args":{"disk":"/dev/sda","encrypt":true}}]}');
  });
  it("keeps special-token text typed by the user out of the special parts", () => {
    const parts = renderChatML(canned());
    const user = parts.filter((p) => !p.special && p.text.includes("<|im_end|>"));
    expect(user).toHaveLength(1);
  });
  it("the GGUF template path renders the same text as the fallback for a SmolLM3-shaped template", () => {
    const r = renderWithTemplate(TINY_CHAT_TEMPLATE, canned());
    expect(r.ok).toBe(true);
    if (r.ok) expect(partsText(r.parts)).toBe(partsText(renderChatML(canned())));
    expect(renderWithTemplate("{{ messages[0]['content'] }}", canned()).ok).toBe(false);
  });
});

describe("the machine's filesystems in the prompt", () => {
  it("names the root filesystems the kernel can mount, only when probed", () => {
    const probed = { ...facts(LIVE_FACTS), filesystems: ["ext4", "xfs", "vfat"] };
    const withFs = systemPrompt(probed, turnSchema(probed, { pending: false }));
    expect(withFs).toContain(
      "Filesystems this kernel can mount (the only choices for the root): ext4, xfs\n",
    );
    const unknown = facts(LIVE_FACTS);
    expect(systemPrompt(unknown, turnSchema(unknown, { pending: false }))).not.toContain(
      "Filesystems this kernel",
    );
  });
});
