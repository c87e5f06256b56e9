import { describe, expect, it } from "vitest";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 17 D1: "never touch the WD or the samsung" kept only the Samsung; the WD holding photos
 * was then offered, and "the first one" + "yes" erased it. Under a keep, "or" and "nor" join a
 * list as "and" does (agent/safety/read.ts, splitWithSeparators).
 */
const DESK = fixtureFacts("findings16-desk");
const erased = (pending: readonly { tool: string; args: Record<string, unknown> }[]) =>
  pending.flatMap((p) => (p.tool === "partitionDisk" && p.args.use === "whole" ? [p.args.disk] : []));

describe('"or" and "nor" in a keep keep every disk they list', () => {
  // /dev/sdb (WDC, two partitions) and /dev/nvme0n1 (Samsung 990 PRO) named as people name them
  const [a, b] = ["/dev/sdb", "/dev/nvme0n1"];
  const [wa, wb] = ["the WD", "the 990"];
  for (const line of [
    `never touch ${wa} or ${wb}`,
    `don't wipe ${wa} nor ${wb}`,
    `do not erase ${wb} or ${wa}, thanks`,
  ])
    it(`"${line}" keeps ${a} and ${b}`, async () => {
      const { conv } = await dialogue(DESK, [line]);
      const kept = (conv.protections ?? []).flatMap((p) =>
        "disk" in p && p.kind === "disk" ? [p.disk] : [],
      );
      expect(kept).toEqual(expect.arrayContaining([a, b]));
    });

  it(`a pick and a yes after "never touch ${wa} or ${wb}" never erases either`, async () => {
    for (const pick of [a, b]) {
      const { conv } = await dialogue(DESK, [`never touch ${wa} or ${wb}`, `use ${pick}`, "yes"]);
      expect(erased(conv.pending)).not.toContain(a);
      expect(erased(conv.pending)).not.toContain(b);
    }
  });

  it('"either sda or sdb" stays a choice, not a keep of both', async () => {
    const { conv } = await dialogue(DESK, [`install on either ${wa} or ${wb}`]);
    const kept = (conv.protections ?? []).flatMap((p) => ("disk" in p && p.kind === "disk" ? [p.disk] : []));
    expect(kept).not.toContain(a);
    expect(kept).not.toContain(b);
  });
});
