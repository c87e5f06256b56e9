import { describe, expect, it } from "vitest";
import { applyCalls } from "../../agent/session/apply.js";
import { FactsSchema } from "../../facts/schema.js";

/** Issue 18: the chat and `ask` check the live install target as `install --plan` does. */
describe("the chat's install target", () => {
  const facts = (target: string) =>
    FactsSchema.parse({
      mode: "live",
      target,
      disks: [{ path: "/dev/sda", sizeBytes: 500e9 }],
      recipes: ["ripgrep"],
    });
  const call = [
    {
      tool: "partitionDisk" as const,
      args: {
        disk: "/dev/sda",
        use: "whole" as const,
        filesystem: "ext4" as const,
        encrypt: false,
        separateHome: false,
        efiSize: "1G",
      },
    },
    { tool: "createUser" as const, args: { username: "kim", sudo: true, shell: "/bin/bash", groups: [] } },
  ];

  for (const target of ["/", "//", "/mnt/..", "/./", "/etc"]) {
    it(`refuses ${JSON.stringify(target)} before showing a plan`, async () => {
      const lines: string[] = [];
      const r = await applyCalls(call, facts(target), { dryRun: true, target, out: (l) => lines.push(l) });
      expect(r.status).toBe("invalid");
      expect(r.error).toMatch(/system director|cannot be|is \/|target/i);
      expect(lines).toEqual([]);
    });
  }

  it("accepts /mnt for a dry run", async () => {
    const lines: string[] = [];
    const r = await applyCalls(call, facts("/mnt"), {
      dryRun: true,
      target: "/mnt",
      out: (l) => lines.push(l),
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("dry-run");
  });
});
