import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { createRulesBackend } from "../../agent/rules/index.js";
import { decideTurn, yesNo } from "../../agent/turn.js";
import { FactsSchema } from "../../facts/schema.js";
import { dialogue } from "./helpers/dialogue.js";

const FACTS = FactsSchema.parse({
  mode: "live",
  disks: [
    { path: "/dev/nvme0n1", sizeBytes: 1000204886016, model: "Samsung SSD 980 PRO 1TB", transport: "nvme" },
    { path: "/dev/sda", sizeBytes: 500107862016, model: "CT500MX500SSD1", transport: "sata" },
    {
      path: "/dev/sdb",
      sizeBytes: 30752000000,
      model: "SanDisk Ultra",
      transport: "usb",
      removable: true,
      mounted: true,
      liveMedium: true,
    },
  ],
  users: ["root"],
  recipes: ["ripgrep", "fd", "bat"],
});

/** Drives a real conversation: each line goes through decideTurn (rules) and is recorded. */

describe("conversation", () => {
  it("asks between two SSDs, then 'the bigger one' picks among them", async () => {
    const { conv, decisions } = await dialogue(FACTS, ["use the ssd", "the bigger one"]);
    expect(decisions[0]).toHaveProperty("reply");
    expect(conv.pending).toEqual([
      {
        tool: "partitionDisk",
        args: {
          disk: "/dev/nvme0n1",
          use: "whole",
          filesystem: "ext4",
          encrypt: false,
          separateHome: false,
        },
      },
    ]);
  });

  it("a correction replaces the pending call instead of adding one", async () => {
    const { conv } = await dialogue(FACTS, [
      "install on the nvme",
      "actually make it btrfs",
      "no wait, use the other disk",
    ]);
    expect(conv.pending).toHaveLength(1);
    expect(conv.pending[0]).toMatchObject({
      tool: "partitionDisk",
      args: { disk: "/dev/sda", filesystem: "btrfs" },
    });
  });

  it("pronouns: 'give him sudo', 'same for bob'", async () => {
    const { conv } = await dialogue(FACTS, ["create user vince", "give him sudo too", "same for bob"]);
    expect(conv.pending.map((c) => c.args)).toMatchObject([
      { username: "vince", sudo: true },
      { username: "bob", sudo: true },
    ]);
  });

  it("'it' after a question about a disk", async () => {
    const { conv } = await dialogue(FACTS, ["how big is the crucial drive?", "install on it"]);
    expect(conv.pending[0]).toMatchObject({ tool: "partitionDisk", args: { disk: "/dev/sda" } });
  });

  it("yes and no act on the pending plan deterministically; undo brings a dropped plan back", async () => {
    const { conv, decisions } = await dialogue(FACTS, ["add ripgrep and fd", "nope, cancel that"]);
    expect(decisions[1]).toEqual({ confirm: false });
    expect(conv.pending).toEqual([]);
    expect(conv.undo()).toBe(true);
    expect(conv.pending.map((c) => c.args)).toEqual([{ name: "ripgrep" }, { name: "fd" }]);
    const backend = createRulesBackend();
    expect(await decideTurn(backend, conv.view("yes please"), FACTS)).toEqual({ confirm: true });
    // "yes" with nothing pending is not a confirmation
    expect(await decideTurn(backend, new Conversation(FACTS).view("yes"), FACTS)).toHaveProperty("reply");
  });

  it("undo takes back only the last change", async () => {
    const { conv } = await dialogue(FACTS, ["use the nvme", "create anna", "add bat"]);
    expect(conv.pending).toHaveLength(3);
    conv.undo();
    expect(conv.pending.map((c) => c.tool)).toEqual(["partitionDisk", "createUser"]);
    conv.reset();
    expect(conv.pending).toEqual([]);
    expect(conv.undo()).toBe(false);
  });

  it("setLocale turns merge into one call", async () => {
    const { conv } = await dialogue(FACTS, ["German keyboard", "and Berlin time"]);
    expect(conv.pending).toEqual([{ tool: "setLocale", args: { keymap: "de", timezone: "Europe/Berlin" } }]);
  });

  it("a backend's invalid call becomes a reply, never a plan entry", async () => {
    const bad = {
      name: "fake",
      decide: async () => ({ calls: [{ tool: "partitionDisk" as const, args: { disk: "/dev/sdb" } }] }),
    };
    const d = await decideTurn(bad as never, new Conversation(FACTS).view("anything"), FACTS);
    expect(d).toHaveProperty("reply");
    expect((d as { reply: string }).reply).toMatch(/live system runs from/);
  });

  it("yes/no phrases", () => {
    for (const t of [
      "yes",
      "y",
      "ok, go ahead",
      "sure, do it",
      "yes please",
      "fine, go ahead",
      "LGTM",
      "yes please do",
      "yes, please go ahead",
    ])
      expect(yesNo(t), t).toBe(true);
    for (const t of ["no", "n", "nope, cancel that", "wait, no", "hmm, actually don't", "no, stop"])
      expect(yesNo(t), t).toBe(false);
    for (const t of ["ok use it", "no wait, make it btrfs", "yes and add fd", "install it"])
      expect(yesNo(t), t).toBeUndefined();
  });
});

describe("a password typed into the chat", () => {
  it("never reaches a backend, the recorded turns or the model's prompt, and the request still works", async () => {
    const { conversationMessages } = await import("../../agent/llm/prompt.js");
    const seen: string[] = [];
    const rules = createRulesBackend();
    const recording = {
      ...rules,
      decide: (conv: Parameters<typeof rules.decide>[0], ...rest: [never, never]) => {
        seen.push(JSON.stringify(conv));
        return rules.decide(conv, ...rest);
      },
    } as typeof rules;
    const conv = new Conversation(FACTS);
    const lines = [
      "Create user tom, password tom123",
      "my passphrase is 'Tr0ub4dor&3'",
      "add ripgrep",
      // look-alike letters (attacker 5): the scrub reads the folded words
      "my ｐａｓｓｗｏｒｄ is ｈｕｎｔｅｒ２",
      "pass\u200bword: s3cr3tZ",
    ];
    const decisions = [];
    for (const line of lines) {
      const d = await decideTurn(recording, conv.view(line), FACTS);
      conv.record(line, d);
      decisions.push(d);
    }
    expect(decisions[0]).toMatchObject({ reply: expect.stringContaining("asked when the plan runs") });
    expect(decisions[2]).toMatchObject({ calls: [{ tool: "installRecipe", args: { name: "ripgrep" } }] });
    const everything = [
      ...seen,
      JSON.stringify(conv.turns),
      JSON.stringify(conversationMessages(conv.view("yes"), "system")),
    ].join("\n");
    expect(everything).not.toContain("tom123");
    expect(everything).not.toContain("Tr0ub4dor");
    expect(everything).not.toContain("hunter2");
    expect(everything).not.toContain("ｈｕｎｔｅｒ");
    expect(everything).not.toContain("s3cr3tZ");
  });
});
