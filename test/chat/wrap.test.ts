import { describe, expect, it } from "vitest";
import { cancelLine, isPromptCancel, trackProgress } from "../../agent/chat/interrupt.js";
import { wrapText } from "../../agent/chat/wrap.js";

describe("wrapText", () => {
  it("breaks at spaces within the width and indents the continuation under the first line's text", () => {
    // the first line follows a prefix as wide as the indent ("levitate> ")
    const out = wrapText("one two three four five six seven eight nine ten", 20, 4);
    expect(out).toBe("one two three\n    four five six\n    seven eight nine\n    ten");
    for (const l of `    ${out}`.split("\n")) expect(l.length).toBeLessThanOrEqual(20);
  });

  it("keeps the text's own line breaks and cuts a word longer than the line", () => {
    expect(wrapText("a\nb", 40)).toBe("a\nb");
    expect(wrapText(`x ${"y".repeat(25)}`, 10)).toBe(`x\n${"y".repeat(10)}\n${"y".repeat(10)}\nyyyyy`);
  });

  it("leaves a short text alone", () => {
    expect(wrapText("Leaving; nothing was changed.", 80, 10)).toBe("Leaving; nothing was changed.");
  });
});

describe("the cancel line", () => {
  it("says nothing was changed before any step changed something", () => {
    expect(cancelLine(undefined)).toBe("cancelled, nothing was changed");
    const track = trackProgress();
    track({
      type: "start",
      step: { title: "Ask for bob's password", changes: "nothing (kept in memory)" },
      total: 4,
    });
    expect(cancelLine()).toBe("cancelled, nothing was changed");
  });

  it("names the steps already done and the one that was running", () => {
    const track = trackProgress();
    track({ type: "start", step: { title: "Partition /dev/sda", changes: "/dev/sda" }, total: 3 });
    track({ type: "done", step: { title: "Partition /dev/sda", changes: "/dev/sda" } });
    track({ type: "start", step: { title: "Format root", changes: "/dev/sda2" }, total: 3 });
    expect(cancelLine()).toBe(
      'cancelled while running "Format root"; already done: Partition /dev/sda; nothing else was run',
    );
  });

  it("knows @inquirer's Ctrl-C error by name", () => {
    const e = new Error("User force closed the prompt with SIGINT");
    e.name = "ExitPromptError";
    expect(isPromptCancel(e)).toBe(true);
    expect(isPromptCancel(new Error("x"))).toBe(false);
  });
});
