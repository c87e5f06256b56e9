import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Conversation } from "../../agent/conversation.js";
import { describeProtection } from "../../agent/safety/read.js";
import { applyCalls } from "../../agent/session/apply.js";
import { FactsSchema } from "../../facts/schema.js";

/** Issue 14 item 2: what the user keeps is printed under the plan they confirm. */
const facts = FactsSchema.parse(
  JSON.parse(readFileSync(new URL("./fixtures/live-samsung-wd.json", import.meta.url), "utf8")),
);

describe("the plan before confirmation lists what is kept", () => {
  it("'keep the samsung' shows 'kept: /dev/sda … Samsung SSD 870 EVO' under the compiled plan", async () => {
    const conv = new Conversation(facts);
    conv.record("keep the samsung", { reply: "OK" });
    conv.record("use the nvme", {
      calls: [
        {
          tool: "partitionDisk",
          args: {
            disk: "/dev/nvme0n1",
            use: "whole",
            filesystem: "ext4",
            encrypt: false,
            separateHome: false,
            efiSize: "1G",
          },
        },
      ],
    });
    const lines: string[] = [];
    const r = await applyCalls(conv.pending, facts, {
      dryRun: true,
      out: (l) => lines.push(l),
      kept: conv.protections.map((p) => describeProtection(p, facts)),
    });
    expect(r.status).not.toBe("invalid");
    const text = lines.join("\n");
    expect(text).toMatch(/kept: \/dev\/sda .*Samsung SSD 870 EVO/);
    // under the plan, before the dry-run previews
    expect(text.indexOf("kept: /dev/sda")).toBeLessThan(text.indexOf("Dry run"));
  });
});
