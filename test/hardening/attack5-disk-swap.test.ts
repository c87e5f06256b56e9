import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { readDiskIdentity } from "../../steps/diskIdentity.js";
import { executeSteps } from "../../steps/execute.js";
import { recheckDisk } from "../../steps/recheckDisk.js";
import type { CheckDiskAction, Step } from "../../steps/step.js";
import { describeRoot } from "../helpers/env.js";

/**
 * Attacker 5, F5: the plan was confirmed for a blank loop image; before the first write the loop
 * device was re-attached to another image of the same size holding a whole-disk ext4 "precious".
 * The re-check (path, size, serial, partitions) passed and wipefs/sfdisk wrote it. Now it compares
 * the medium's identity too (steps/diskIdentity.ts) and refuses a whole-disk filesystem the facts
 * never showed.
 */

const SIZE = 64 * 1024 * 1024;
const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8" }).trim();

describeRoot(
  "attack5 F5: another medium behind the same path",
  ["losetup", "wipefs", "blkid", "mkfs.ext4"],
  () => {
    let dir: string;
    let loop: string | undefined;
    let blank: string;
    let precious: string;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "attack5-swap-"));
      blank = join(dir, "blank.img");
      precious = join(dir, "precious.img");
      sh("truncate", ["-s", String(SIZE), blank, precious]);
      sh("mkfs.ext4", ["-q", "-F", "-L", "precious", precious]);
      loop = sh("losetup", ["--find", "--show", blank]);
    });
    afterEach(() => {
      if (loop) execFileSync("losetup", ["-d", loop], { stdio: "ignore" });
      loop = undefined;
      rmSync(dir, { recursive: true, force: true });
    });

    const action = (disk: string): CheckDiskAction => ({
      kind: "checkDisk",
      disk,
      sizeBytes: SIZE,
      partitions: [],
    });
    /** Detaches the loop device and attaches `image` at the same path. */
    const reattach = (image: string) => {
      const at = loop as string;
      sh("losetup", ["-d", at]);
      loop = undefined;
      sh("losetup", [at, image]);
      loop = at;
    };

    it("the same blank disk passes the re-check", async () => {
      const disk = loop as string;
      const before = await readDiskIdentity(disk);
      expect(before.loop?.file).toBe(blank);
      expect(await recheckDisk(action(disk), undefined, undefined, before)).toEqual([]);
    });

    it("another image behind the same loop path is refused: backing file and whole-disk ext4 named", async () => {
      const disk = loop as string;
      const before = await readDiskIdentity(disk);
      reattach(precious);
      const problems = await recheckDisk(action(disk), undefined, undefined, before);
      expect(problems.join("\n")).toMatch(/another medium now sits behind .*backing file is .*precious\.img/);
      expect(problems.join("\n")).toMatch(/ext4 labelled "precious" .*on the whole disk/);
    });

    it("a whole-disk filesystem the facts never showed is refused without any earlier snapshot", async () => {
      const disk = loop as string;
      reattach(precious);
      const problems = await recheckDisk(action(disk));
      expect(problems.join("\n")).toMatch(
        /now carries ext4 labelled "precious" .*on the whole disk.*wipefs --all/,
      );
    });

    it("another image of the same size with no signature at all is still refused (backing file, inode)", async () => {
      const disk = loop as string;
      const other = join(dir, "other.img");
      sh("truncate", ["-s", String(SIZE), other]);
      const before = await readDiskIdentity(disk);
      reattach(other);
      const problems = await recheckDisk(action(disk), undefined, undefined, before);
      expect(problems.join("\n")).toMatch(/backing file is .*other\.img/);
    });

    it("the install swapped mid-way stops at the re-check and never runs the erase", async () => {
      const disk = loop as string;
      const target = join(dir, "mnt");
      const step = (id: string, action: Step["action"], destructive = false): Step => ({
        id,
        phase: "partition",
        source: "install",
        title: id,
        changes: "",
        destructive,
        action,
      });
      const steps: Step[] = [
        // what the attacker did between the confirmation and the re-check
        step("swap", {
          kind: "run",
          argv: ["sh", "-c", `losetup -d ${disk} && losetup ${disk} ${precious}`],
        }),
        step("recheck", action(disk)),
        step("wipe", { kind: "run", argv: ["wipefs", "--all", "--force", disk] }, true),
      ];
      const result = await executeSteps(steps, { target, journalScratch: join(dir, "journal.log") });
      expect(result.failed?.step.id).toBe("recheck");
      expect(result.failed?.message ?? "").toMatch(/another medium now sits behind/);
      expect(sh("blkid", ["-p", "-o", "value", "-s", "LABEL", disk])).toBe("precious");
    });
  },
);
