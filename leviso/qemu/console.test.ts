import { describe, expect, it } from "vitest";
import { BootFailure, ConsoleWatcher, cleanLine } from "./console.js";

describe("ConsoleWatcher", () => {
  it("finds the marker across chunk boundaries and returns its groups", async () => {
    const w = new ConsoleWatcher({ marker: /LEVITATE-BOOT-OK uptime=(\S+)/, timeoutMs: 5000 });
    w.push("[    1.0] kernel line\r\nLEVITATE-BOOT-O");
    w.push("K uptime=12.5\r\nafter\n");
    const r = await w.result;
    expect(r.groups).toEqual(["12.5"]);
    expect(r.lines).toEqual(["[    1.0] kernel line", "LEVITATE-BOOT-OK uptime=12.5"]);
  });

  it("times out with exactly the last 50 console lines", async () => {
    const w = new ConsoleWatcher({ marker: /NEVER/, timeoutMs: 50 });
    for (let i = 1; i <= 120; i++) w.push(`line ${i}\n`);
    w.push("half a line");
    const err = await w.result.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BootFailure);
    const f = err as BootFailure;
    expect(f.lastLines).toHaveLength(50);
    expect(f.lastLines[0]).toBe("line 72");
    expect(f.lastLines[49]).toBe("half a line");
    expect(f.message).toMatch(
      /^no boot marker \/NEVER\/ within 0 s after 0\.\d s\n--- last 50 console lines ---\nline 72\n/,
    );
    expect(f.message).not.toContain("line 71\n");
  });

  it("fails fast on a kernel panic instead of waiting for the timeout", async () => {
    const w = new ConsoleWatcher({ marker: /LEVITATE-BOOT-OK/, timeoutMs: 60_000 });
    w.push("ok\n[    3.1] Kernel panic - not syncing: VFS: Unable to mount root fs\nmore\n");
    await expect(w.result).rejects.toThrow(
      /boot failed: console printed "\[ {4}3\.1\] Kernel panic - not syncing/,
    );
    expect(w.elapsedMs).toBeLessThan(5000);
  });

  it("reports QEMU's exit, and a marker on the last unterminated line still counts", async () => {
    const gone = new ConsoleWatcher({ marker: /OK/, timeoutMs: 60_000 });
    gone.push("booting\n");
    gone.end("QEMU exited (code 1)");
    await expect(gone.result).rejects.toThrow(
      /^QEMU exited \(code 1\) after .*\n--- last 1 console lines ---\nbooting\n/,
    );

    const last = new ConsoleWatcher({ marker: /OK/, timeoutMs: 60_000 });
    last.push("booting\nOK");
    last.end();
    await expect(last.result).resolves.toMatchObject({ line: "OK" });
  });

  it("sends every line to onLine and ignores input after the verdict", async () => {
    const seen: string[] = [];
    const w = new ConsoleWatcher({ marker: /two/, timeoutMs: 5000, onLine: (l) => seen.push(l) });
    w.push("one\ntwo\nthree\n");
    await w.result;
    w.push("four\n");
    expect(seen).toEqual(["one", "two"]);
    expect(w.done).toBe(true);
  });
});

describe("cleanLine", () => {
  it("drops terminal escapes and resolves carriage-return overwrites", () => {
    expect(cleanLine("\u001b[2J\u001b[01;01HBooting `LevitateOS'\u001b[0m")).toBe("Booting `LevitateOS'");
    expect(cleanLine("progress 10%\rprogress 100%\r")).toBe("progress 100%");
    expect(cleanLine("tab\tkept\u0007")).toBe("tab\tkept");
  });
});
