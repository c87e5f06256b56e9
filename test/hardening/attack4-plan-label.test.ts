import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runUnattended, type UnattendedDeps } from "../../agent/unattended/run.js";
import { fetchPlan, oneMediumEach } from "../../agent/unattended/source.js";
import { describeRoot } from "../helpers/env.js";

/**
 * Attack round 4. M1: two volumes carrying the plan's label: blkid -l picked one silently (a
 * forgotten second stick made from the same image decided which disk was erased), and the
 * success path never said which device the plan came from. L2: a link loop on the plan volume
 * was reported as "does not exist". L3: `--target` was silently ignored by `--from-cmdline`.
 */
const REPO = join(import.meta.dirname, "../..");
const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

describeRoot(
  "the plan's label on two volumes is refused, naming both; the device read is said; a link loop is a loop",
  ["losetup", "mkfs.ext4", "blkid", "mount"],
  () => {
    const work = mkdtempSync(join(tmpdir(), "levitate-attack4-label-"));
    const label = `A4${process.pid % 100000}`;
    const loops: string[] = [];
    const volume = (name: string, files: (m: string) => void) => {
      const img = join(work, `${name}.img`);
      sh("truncate", ["-s", "32M", img]);
      sh("mkfs.ext4", ["-q", "-L", label, img]);
      const dev = sh("losetup", ["--find", "--show", img]);
      loops.push(dev);
      const m = join(work, `m-${name}`);
      mkdirSync(m);
      sh("mount", [dev, m]);
      try {
        files(m);
      } finally {
        sh("umount", [m]);
      }
      return dev;
    };
    let first = "";
    beforeAll(() => {
      first = volume("one", (m) => {
        writeFileSync(join(m, "good.json"), '{"version":1}\n');
        symlinkSync("loop.json", join(m, "loop.json"));
        symlinkSync("b.json", join(m, "a.json"));
        symlinkSync("a.json", join(m, "b.json"));
      });
    });
    afterAll(() => {
      for (const l of loops) spawnSync("losetup", ["-d", l], { stdio: "ignore" });
      rmSync(work, { recursive: true, force: true });
    });
    const opts = { waitMs: 3000, pollMs: 200, mountBase: work };
    const message = (p: Promise<string>) =>
      p.then(
        () => "read",
        (e: Error) => e.message,
      );

    it("one volume: read, and onRead names the device it came from (M1)", async () => {
      const told: string[] = [];
      expect(
        await fetchPlan(
          { kind: "label", label, path: "/good.json" },
          { ...opts, onRead: (l) => told.push(l) },
        ),
      ).toBe('{"version":1}\n');
      expect(told).toEqual([`read the plan from /good.json on ${first} (label ${label})`]);
    }, 60_000);

    it("a link loop is reported as a loop, not as a missing file (L2)", async () => {
      for (const path of ["/loop.json", "/a.json"]) {
        const err = await message(fetchPlan({ kind: "label", label, path }, opts));
        expect(err).toContain(`${path} on ${first} (label ${label}) is a link loop`);
        expect(err).not.toContain("does not exist");
      }
      // A missing file still says so.
      expect(await message(fetchPlan({ kind: "label", label, path: "/nope.json" }, opts))).toContain(
        "does not exist",
      );
    }, 60_000);

    it("two volumes with the label: refused before either is read, both named (M1)", async () => {
      const second = volume("two", (m) => writeFileSync(join(m, "good.json"), '{"version":2}\n'));
      try {
        const err = await message(fetchPlan({ kind: "label", label, path: "/good.json" }, opts));
        expect(err).toContain(`2 volumes are labelled ${label}`);
        expect(err).toContain(first);
        expect(err).toContain(second);
        expect(err).toContain("the plan is read from none of them");

        // The unattended run stops there, on the console, with nothing installed.
        const lines: string[] = [];
        let installed = false;
        const deps: UnattendedDeps = {
          cmdline: `levitate.plan=LABEL=${label}:/good.json`,
          facts: async () => {
            throw new Error("facts are not needed: the plan was never read");
          },
          out: (l) => lines.push(l),
          waitForKey: async () => false,
          interactive: false,
          workDir: join(work, "unattended"),
          fetch: opts,
          install: async () => {
            installed = true;
            return 0;
          },
          afterInstall: async () => {},
          shutdown: async () => {},
        };
        const r = await runUnattended(deps);
        expect(r.code).not.toBe(0);
        expect(installed).toBe(false);
        expect(lines.join("\n")).toMatch(/2 volumes are labelled .*Nothing was installed/);
      } finally {
        spawnSync("losetup", ["-d", second], { stdio: "ignore" });
        loops.splice(loops.indexOf(second), 1);
      }
    }, 90_000);
  },
);

describe("the same medium seen twice is one volume (an ISO written to a stick)", () => {
  it("a partition inside a listed disk is dropped; two disks or two partitions stay two", () => {
    const parent = (d: string) => (/^\/dev\/sd[a-z]\d+$/.test(d) ? d.replace(/\d+$/, "") : null);
    expect(oneMediumEach(["/dev/sdb", "/dev/sdb1"], parent)).toEqual(["/dev/sdb"]);
    expect(oneMediumEach(["/dev/sdb1", "/dev/sdb"], parent)).toEqual(["/dev/sdb"]);
    expect(oneMediumEach(["/dev/sdb", "/dev/sdc"], parent)).toEqual(["/dev/sdb", "/dev/sdc"]);
    expect(oneMediumEach(["/dev/sdb1", "/dev/sdb2"], parent)).toEqual(["/dev/sdb1", "/dev/sdb2"]);
    expect(oneMediumEach(["/dev/sdb1", "/dev/sdc"], parent)).toEqual(["/dev/sdb1", "/dev/sdc"]);
  });
});

describe("--target with --from-cmdline (L3)", () => {
  it("is refused with the reason and the two ways to do it, before any plan is read", () => {
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(REPO, "cli/levitate.ts"),
        "install",
        "--from-cmdline",
        "--cmdline",
        "levitate.plan=LABEL=NOSUCH:/x.json",
        "--target",
        "/tmp/scratch",
        "--dry-run",
      ],
      { cwd: REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--target is not used by --from-cmdline");
    expect(r.stderr).toContain('Put "target": "/tmp/scratch" in the plan');
    expect(r.stdout).not.toContain("reading the plan");
  }, 120_000);
});
