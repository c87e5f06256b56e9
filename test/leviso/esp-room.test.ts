import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installBootloaderSteps } from "../../leviso/disk/bootloader.js";
import { computeLayout } from "../../leviso/disk/layout.js";
import { GiB } from "../../steps/size.js";
import type { Step } from "../../steps/step.js";
import { describeWithTools } from "../helpers/env.js";

const uefi = computeLayout({
  disk: "/dev/vda",
  diskBytes: 20 * GiB,
  firmware: "uefi",
  filesystem: "ext4",
  encrypt: false,
  separateHome: false,
  efiBytes: GiB,
});
const none = { console: { args: [], dropped: [] } };

describe("the ESP room check comes right before the copy", () => {
  for (const bootloader of ["grub", "systemd-boot"] as const)
    it(`${bootloader}: same device and staged directories as mcopy, nothing between them`, () => {
      const steps = installBootloaderSteps(uefi, "/mnt", { ...none, bootloader });
      const i = steps.findIndex((s) => s.id === "install.esp.copy");
      const room = steps[i - 1];
      const copy = steps[i];
      expect(room?.id).toBe("install.esp.room");
      if (room?.action.kind !== "run" || copy?.action.kind !== "run") throw new Error("run steps expected");
      const [sh, c, , name, dev, ...paths] = room.action.argv;
      expect([sh, c, name, dev]).toEqual(["sh", "-c", "esp-room", "/dev/vda1"]);
      const m = copy.action.argv;
      expect(paths).toEqual(m.slice(m.indexOf("-i") + 2, -1));
      expect(paths.length).toBeGreaterThan(0);
    });

  it("BIOS has no ESP and no check", () => {
    const bios = computeLayout({
      disk: "/dev/vda",
      diskBytes: 20 * GiB,
      firmware: "bios",
      filesystem: "ext4",
      encrypt: false,
      separateHome: false,
      efiBytes: GiB,
    });
    expect(installBootloaderSteps(bios, "/mnt", none).some((s) => s.id === "install.esp.room")).toBe(false);
  });
});

describeWithTools(
  "the ESP room check on a real FAT",
  ["mkfs.vfat", "mdir", "minfo", "mcopy", "stat", "sed"],
  () => {
    let dir = "";
    let esp = "";
    let free = 0;
    let cluster = 0;
    let room: Step | undefined;
    const env = { ...process.env, MTOOLS_SKIP_CHECK: "1" };
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "levitate-esproom-"));
      esp = join(dir, "esp.img");
      execFileSync("mkfs.vfat", ["-C", esp, "34000"], { stdio: "pipe" });
      free = Number(
        /([\d ,.]+) bytes free/
          .exec(execFileSync("mdir", ["-i", esp, "::/"], { env, encoding: "utf8" }))?.[1]
          ?.replace(/\D/g, ""),
      );
      const info = execFileSync("minfo", ["-i", esp, "::"], { env, encoding: "utf8" });
      cluster =
        Number(/^sector size: (\d+)/m.exec(info)?.[1]) * Number(/^cluster size: (\d+)/m.exec(info)?.[1]);
      room = installBootloaderSteps(uefi, "/mnt", { ...none, bootloader: "grub" }).find(
        (s) => s.id === "install.esp.room",
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** Stages `bytes` in EFI/big (plus a small file) and runs the check against the image. */
    function check(name: string, bytes: number) {
      const stage = join(dir, name);
      mkdirSync(join(stage, "EFI"), { recursive: true });
      writeFileSync(join(stage, "EFI/small.cfg"), "x");
      execFileSync("truncate", ["-s", String(bytes), join(stage, "EFI/big.efi")]);
      if (room?.action.kind !== "run") throw new Error("no room step");
      const [sh, c, script, argv0] = room.action.argv;
      const r = spawnSync(
        sh as string,
        [c as string, script as string, argv0 as string, esp, join(stage, "EFI")],
        {
          encoding: "utf8",
        },
      );
      const copied = spawnSync("mcopy", ["-s", "-Q", "-i", esp, join(stage, "EFI"), `::/${name}`], { env });
      spawnSync("mdeltree", ["-i", esp, `::/${name}`], { env });
      return { ...r, copyOk: copied.status === 0 };
    }

    it("fits: exit 0, and mcopy indeed copies it", () => {
      expect(free).toBeGreaterThan(30 * 2 ** 20);
      // The directory and the small file take a cluster each; the big one the rest less one.
      const r = check("fits", free - 4 * cluster);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/free, the boot files need/);
      expect(r.copyOk).toBe(true);
    });

    it("one cluster too many: exit 1 naming the partition, its free space and the need, before any copy; mcopy could not have done it", () => {
      const r = check("toobig", free - cluster + 1);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`the EFI system partition ${esp} has `);
      expect(r.stderr).toContain(`(${free} bytes); the boot files need `);
      expect(r.stderr).toContain(
        `(${free + 2 * cluster} bytes in ${cluster}-byte clusters): nothing was copied onto it`,
      );
      expect(r.copyOk).toBe(false);
    });
  },
);
