import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { executeSteps } from "../../steps/execute.js";

/**
 * Attack 6 M2: the install journal was opened as /tmp/levitate-install-PID-EPOCHMS.log with
 * O_CREAT|O_APPEND, following links: a local user who planted links for the next milliseconds had
 * root append the journal to a file of their choice. It now lives in a fresh 0700 directory, is
 * created exclusively and 0600, and a journal path the caller names is never opened through a link.
 */
describe("the install journal is never written through a planted link (attack 6 M2)", () => {
  let dir: string;
  let savedTmp: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "attack6-journal-"));
    savedTmp = process.env.TMPDIR;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    rmSync(dir, { recursive: true, force: true });
  });

  it("links planted at the old predictable names for the next seconds are left alone; the journal is private", async () => {
    const tmp = join(dir, "tmp");
    mkdirSync(tmp);
    const victim = join(dir, "victim");
    writeFileSync(victim, "ORIGINAL CONTENT\n");
    const now = Date.now();
    for (let i = -200; i < 8000; i++)
      symlinkSync(victim, join(tmp, `levitate-install-${process.pid}-${now + i}.log`));
    process.env.TMPDIR = tmp;
    const target = join(dir, "target"); // no /var: the journal stays in its scratch place
    mkdirSync(target);

    const r = await executeSteps([], { target });

    expect(readFileSync(victim, "utf8")).toBe("ORIGINAL CONTENT\n");
    expect(dirname(dirname(r.journalPath))).toBe(tmp);
    expect(statSync(dirname(r.journalPath)).mode & 0o777).toBe(0o700);
    expect(statSync(r.journalPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(r.journalPath, "utf8")).toMatch(/"event":"begin"[\s\S]*"event":"end"/);
  });

  it("a journal path the caller names that is a link is refused, naming the fix; the link's file is untouched", async () => {
    const victim = join(dir, "victim");
    writeFileSync(victim, "ORIGINAL CONTENT\n");
    const link = join(dir, "journal.log");
    symlinkSync(victim, link);
    const target = join(dir, "target");
    mkdirSync(target);
    const err = await executeSteps([], { target, journalScratch: link }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/journal .*journal\.log is a symbolic link; name a plain file/);
    expect(readFileSync(victim, "utf8")).toBe("ORIGINAL CONTENT\n");
  });

  it("a journal copied into the target leaves neither file nor private directory behind", async () => {
    const tmp = join(dir, "tmp");
    mkdirSync(tmp);
    process.env.TMPDIR = tmp;
    const target = join(dir, "target");
    mkdirSync(join(target, "var/log"), { recursive: true });
    const r = await executeSteps([], { target });
    expect(r.journalPath).toBe(join(target, "var/log/levitate-install.log"));
    expect(statSync(r.journalPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(r.journalPath, "utf8")).toContain('"event":"end"');
    expect(readdirSync(tmp)).toEqual([]);
  });
});
