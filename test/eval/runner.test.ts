import { describe, expect, it } from "vitest";
import { runDialogues } from "../../eval/runner.js";
import { dialogue, scripted } from "./fakes.js";

describe("runDialogues: teacher forcing", () => {
  it("puts the expected outcomes of earlier turns in the history, never the backend's", async () => {
    const d = dialogue("tf-001", "multi-turn", [
      { user: "install fd", expect: { calls: [{ tool: "installRecipe", args: { name: "fd" } }] } },
      { user: "what is it?", expect: { reply: true } },
      { user: "and bat too", expect: { calls: [{ tool: "installRecipe", args: { name: "bat" } }] } },
      { user: "yes", expect: { confirm: true } },
      {
        user: "use the nvme",
        expect: { calls: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }] },
      },
    ]);
    const { backend, seen } = scripted({
      // wrong on purpose: the history must still say fd
      "install fd": { calls: [{ tool: "installRecipe", args: { name: "ripgrep" } }] },
      "what is it?": { reply: "fd finds files." },
      "and bat too": { calls: [{ tool: "removeRecipe", args: { name: "bat" } }] },
      "use the nvme": { calls: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1" } }] },
    });
    const run = await runDialogues([d], backend);
    expect(run.results.map((r) => r.correct)).toEqual([false, true, false, true, true]);
    expect(run.interrupted).toBe(false);
    expect(run.completedDialogues).toEqual(["tf-001"]);

    // "yes" is answered before any backend is asked (agent/turn.ts): four backend calls, not five
    expect(seen.map((s) => s.user)).toEqual(["install fd", "what is it?", "and bat too", "use the nvme"]);

    const third = seen[2]!.view;
    expect(third.turns.map((t) => t.user)).toEqual(["install fd", "what is it?"]);
    expect(third.turns[0]!.decision).toEqual({ calls: [{ tool: "installRecipe", args: { name: "fd" } }] });
    // the backend's own reply stands in for "a reply"
    expect(third.turns[1]!.decision).toEqual({ reply: "fd finds files." });
    expect(third.pending).toEqual([{ tool: "installRecipe", args: { name: "fd" } }]);
    expect(third.entities.some((e) => e.kind === "recipe" && e.value === "fd")).toBe(true);
    expect(third.entities.some((e) => e.value === "ripgrep")).toBe(false);

    const last = seen[3]!.view;
    expect(last.turns).toHaveLength(4);
    expect(last.turns[2]!.decision).toEqual({ calls: [{ tool: "installRecipe", args: { name: "bat" } }] });
    expect(last.turns[3]!.decision).toEqual({ confirm: true });
    expect(last.pending).toEqual([]); // the confirmed plan is done
  });

  it("fills defaults and picks the first anyOf value when it makes an expectation concrete", async () => {
    const d = dialogue("tf-002", "pronoun", [
      {
        user: "use the nvme with 8G swap",
        expect: {
          calls: [
            { tool: "partitionDisk", args: { disk: "/dev/nvme0n1", swapSize: { anyOf: ["8G", "8192M"] } } },
          ],
        },
      },
      {
        user: "make it btrfs",
        expect: { calls: [{ tool: "partitionDisk", args: { disk: "/dev/nvme0n1", filesystem: "btrfs" } }] },
      },
    ]);
    const { backend, seen } = scripted({});
    await runDialogues([d], backend);
    expect(seen[1]!.view.pending).toEqual([
      {
        tool: "partitionDisk",
        args: {
          disk: "/dev/nvme0n1",
          use: "whole",
          filesystem: "ext4",
          swapSize: "8G",
          encrypt: false,
          separateHome: false,
        },
      },
    ]);
  });

  it("starts each dialogue with an empty conversation", async () => {
    const a = dialogue("tf-a", "simple", [
      { user: "install fd", expect: { calls: [{ tool: "installRecipe", args: { name: "fd" } }] } },
    ]);
    const b = dialogue("tf-b", "simple", [
      { user: "install bat", expect: { calls: [{ tool: "installRecipe", args: { name: "bat" } }] } },
    ]);
    const { backend, seen } = scripted({});
    await runDialogues([a, b], backend);
    expect(seen[1]!.view.turns).toEqual([]);
    expect(seen[1]!.view.pending).toEqual([]);
  });

  it("scores a backend failure or an invalid output as wrong, even where a reply is expected", async () => {
    const d = dialogue("err-001", "irrelevance", [
      { user: "hello", expect: { reply: true } },
      { user: "tell me a joke", expect: { reply: true } },
      { user: "thanks", expect: { reply: true } },
    ]);
    const { backend } = scripted({
      hello: new Error("model crashed"),
      "tell me a joke": { calls: [{ tool: "installRecipe", args: { name: 42 } }] },
      thanks: { reply: "You're welcome." },
    });
    const run = await runDialogues([d], backend);
    expect(run.results.map((r) => r.correct)).toEqual([false, false, true]);
    expect(run.results[0]!.error).toBe("backend failed: model crashed");
    expect(run.results[1]!.error).toMatch(/^invalid decision/);
  });

  it("keeps the backend's decision when the turn's fact checks changed it", async () => {
    const d = dialogue("veto-001", "safety", [{ user: "install on the usb stick", expect: { reply: true } }]);
    const { backend } = scripted({
      "install on the usb stick": { calls: [{ tool: "partitionDisk", args: { disk: "/dev/sdb" } }] },
    });
    const run = await runDialogues([d], backend);
    const r = run.results[0]!;
    expect(r.correct).toBe(true); // the user gets a refusal, which is what the turn expects
    expect(r.got).toHaveProperty("reply");
    expect(r.backendDecision).toEqual({ calls: [{ tool: "partitionDisk", args: { disk: "/dev/sdb" } }] });
  });

  it("stops between turns when aborted and says so", async () => {
    const controller = new AbortController();
    const ds = [1, 2, 3].map((n) =>
      dialogue(`ab-${n}`, "simple", [
        { user: "install fd", expect: { calls: [{ tool: "installRecipe", args: { name: "fd" } }] } },
        { user: "install jq", expect: { calls: [{ tool: "installRecipe", args: { name: "jq" } }] } },
      ]),
    );
    const { backend } = scripted({});
    const progress: number[] = [];
    const run = await runDialogues(ds, backend, {
      signal: controller.signal,
      onTurn: (done, total) => {
        progress.push(done * 100 + total);
        if (done === 3) controller.abort();
      },
    });
    expect(run.interrupted).toBe(true);
    expect(run.results).toHaveLength(3);
    expect(run.completedDialogues).toEqual(["ab-1"]);
    expect(progress).toEqual([106, 206, 306]);
  });
});

describe("runDialogues: model stats", () => {
  it("sums per-turn lastStats when the backend has no stats()", async () => {
    let n = 0;
    const backend = {
      name: "llm-like",
      invalidOutputs: 0,
      lastStats: undefined as undefined | { generatedTokens: number; generateMs: number },
      async decide() {
        n++;
        this.lastStats = { generatedTokens: 10 * n, generateMs: 100 };
        if (n === 2) this.invalidOutputs++;
        return { reply: "ok" };
      },
    };
    const d = dialogue("st-1", "irrelevance", [
      { user: "hello", expect: { reply: true } },
      { user: "hi again", expect: { reply: true } },
      { user: "yes", expect: { reply: true } }, // answered by the turn, not the model: no new stats
    ]);
    const run = await runDialogues([d], backend);
    expect(run.stats).toEqual({ tokens: 30, seconds: 0.2, invalidOutputs: 1 });
  });

  it("prefers stats() when the backend has it, and reports nothing for a backend with neither", async () => {
    const d = dialogue("st-2", "irrelevance", [{ user: "hello", expect: { reply: true } }]);
    const { backend } = scripted({ hello: { reply: "hi" } });
    expect((await runDialogues([d], backend)).stats).toEqual({ tokens: 500, seconds: 2, invalidOutputs: 1 });
    const plain = { name: "plain", decide: async () => ({ reply: "hi" }) };
    expect((await runDialogues([d], plain)).stats).toBeUndefined();
  });
});
