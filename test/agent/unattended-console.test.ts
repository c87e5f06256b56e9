import { describe, expect, it } from "vitest";
import { runCommand } from "../../agent/unattended/cli.js";

/**
 * The unattended install runs `levitate install --plan` as a child whose output is shown and
 * logged. A plan may ask a passphrase at the console; its masked prompt has no newline until it
 * is answered, so it must reach the screen as it is drawn, not when the line ends.
 */
describe("the unattended install's child output", () => {
  it("a prompt without a newline is shown before the child goes on; the log still gets whole lines", async () => {
    const shown: { at: number; chunk: string }[] = [];
    const logged: string[] = [];
    const t0 = Date.now();
    const code = await runCommand(
      ["sh", "-c", 'printf "Disk encryption passphrase: "; sleep 1; echo "****"; echo done >&2; exit 3'],
      (l) => logged.push(l),
      (chunk) => shown.push({ at: Date.now() - t0, chunk }),
    );
    expect(code).toBe(3);
    const prompt = shown.find((s) => s.chunk.includes("Disk encryption passphrase: "));
    expect(prompt, "the prompt reached the screen").toBeDefined();
    const answered = shown.find((s) => s.chunk.includes("****"));
    // On screen a second before the child printed the rest of its line.
    expect((answered?.at ?? 0) - (prompt?.at ?? 0)).toBeGreaterThan(500);
    expect(logged).toEqual(["Disk encryption passphrase: ****", "done"]);
    expect(shown.map((s) => s.chunk).join("")).toContain("done\n");
  });

  it("without a raw writer, lines only (the power-off and umount commands)", async () => {
    const logged: string[] = [];
    expect(await runCommand(["sh", "-c", "printf 'a\\nb'"], (l) => logged.push(l))).toBe(0);
    expect(logged).toEqual(["a", "b"]);
  });
});
