import { describe, expect, it } from "vitest";
import { sayDiffLines } from "../../agent/rules/diffLines.js";
import { dialogue, fixtureFacts } from "./helpers/dialogue.js";

/**
 * Tester 18: edits typed as a diff lost their minus. "minus bat" asked "Go ahead with the plan?"
 * and a yes ran the plan with bat; "- sudo for nell" / "-sudo" kept nell's sudo ("Changed: create
 * user nell with sudo"); "- sda" picked the WD holding photos.
 */
const LAPTOP = fixtureFacts("findings22-t18-laptop"); // nvme0n1 Samsung+Windows, sda WD photos, sdb Crucial empty

type Step = { tool: string; args: Record<string, unknown> };
const erased = (pending: readonly Step[]) =>
  pending.flatMap((p) => (p.tool === "partitionDisk" && p.args.use === "whole" ? [String(p.args.disk)] : []));

describe("a minus takes a thing out", () => {
  for (const minus of ["minus bat", "-bat", "−bat", "- bat", "minus bat."])
    it(`"${minus}" with bat planned drops the install`, async () => {
      const { conv, last } = await dialogue(LAPTOP, ["use the crucial", "add bat", minus]);
      expect(conv.pending.some((p) => p.tool === "installRecipe" && p.args.name === "bat")).toBe(false);
      expect("confirm" in last).toBe(false);
    });

  it('"minus bat" and then "yes" never runs a plan with bat', async () => {
    const { conv } = await dialogue(LAPTOP, ["use the crucial", "add bat", "minus bat", "yes"]);
    expect(conv.pending.some((p) => p.tool === "installRecipe" && p.args.name === "bat")).toBe(false);
  });

  for (const minus of ["-sudo", "- sudo for nell", "minus sudo", "-sudo nell", "- admin for nell"])
    it(`"${minus}" takes nell's sudo away`, async () => {
      const { conv } = await dialogue(LAPTOP, ["user nell with sudo", minus]);
      const nell = conv.pending.find((p) => p.tool === "createUser" && p.args.username === "nell");
      expect((nell?.args as { sudo?: boolean } | undefined)?.sudo).toBe(false);
    });

  for (const minus of ["- sda", "-sda", "minus /dev/sda"])
    it(`"${minus}" keeps the WD, and a pick + yes after it never erases it`, async () => {
      const { conv } = await dialogue(LAPTOP, [minus, "the other one", "yes"]);
      expect(erased(conv.pending)).not.toContain("/dev/sda");
      const { conv: c2 } = await dialogue(LAPTOP, [minus]);
      expect((c2.protections ?? []).some((p) => p.kind === "disk" && p.disk === "/dev/sda")).toBe(true);
    });
});

describe("what stays a bullet or a request", () => {
  it('"- ripgrep" with nothing planned is a one-item list: ripgrep is installed', async () => {
    const { conv } = await dialogue(LAPTOP, ["- ripgrep"]);
    expect(conv.pending.some((p) => p.tool === "installRecipe" && p.args.name === "ripgrep")).toBe(true);
  });

  it("a bulleted list of programs is left to the list readers", () => {
    const ctx = { recipes: ["ripgrep", "fd", "bat"], pending: [] };
    expect(sayDiffLines("- ripgrep\n- fd\n- bat", ctx)).toBe("- ripgrep\n- fd\n- bat");
  });

  it("a diff with plus and minus lines is said line by line", () => {
    const ctx = {
      recipes: ["jq", "bat"],
      pending: [{ tool: "installRecipe", args: { name: "bat" } }] as never,
    };
    expect(sayDiffLines("+jq\n-bat", ctx)).toBe("add jq. drop bat.");
    expect(sayDiffLines("+ sudo for ana\n- sudo for ben", ctx)).toBe("sudo for ana. no sudo for ben.");
  });

  it('"+1" is a vote, not an edit; "-5%" and prose with dashes are left as typed', () => {
    const ctx = { recipes: ["jq"], pending: [] };
    expect(sayDiffLines("+1", ctx)).toBe("+1");
    expect(sayDiffLines("install jq - the json tool", ctx)).toBe("install jq - the json tool");
  });
});
