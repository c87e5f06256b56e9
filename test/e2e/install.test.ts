import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeRoot } from "../helpers/env.js";
import { type InstalledImage, imageFingerprint, installToImage } from "./installToImage.js";

const COMMANDS = [
  "losetup",
  "sfdisk",
  "partx",
  "wipefs",
  "mkfs.ext4",
  "mkfs.btrfs",
  "mkswap",
  "btrfs",
  "blkid",
  "useradd",
  "chpasswd",
  "visudo",
  "rpm",
  "rpmbuild",
  "grub-install",
  "openssl",
];

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8" }).trim();

function checkInstalled(get: () => InstalledImage, filesystem: "ext4" | "btrfs") {
  const read = (p: string) => readFileSync(join(get().target, p), "utf8");

  it("exits 0 and says done", () => {
    const inst = get();
    expect(inst.stderr).toBe("");
    expect(inst.exitCode).toBe(0);
    expect(inst.stdout).toMatch(/Done: \d+ steps/);
  });

  it("wrote an MBR table with /boot, swap and root (sfdisk -J)", () => {
    const table = JSON.parse(sh("sfdisk", ["-J", get().loopDevice])) as {
      partitiontable: { label: string; partitions: { node: string; type: string; bootable?: boolean }[] };
    };
    expect(table.partitiontable.label).toBe("dos");
    expect(table.partitiontable.partitions.map((p) => p.type)).toEqual(["83", "82", "83"]);
    expect(table.partitiontable.partitions[0]?.bootable).toBe(true);
  });

  it(`made the filesystems (blkid): ext4 /boot, swap, ${filesystem} root`, () => {
    const dev = get().loopDevice;
    const type = (n: number) => sh("blkid", ["-c", "/dev/null", "-s", "TYPE", "-o", "value", `${dev}p${n}`]);
    expect([type(1), type(2), type(3)]).toEqual(["ext4", "swap", filesystem]);
  });

  it("fstab names the real UUIDs", () => {
    const dev = get().loopDevice;
    const uuid = (n: number) => sh("blkid", ["-c", "/dev/null", "-s", "UUID", "-o", "value", `${dev}p${n}`]);
    const fstab = read("etc/fstab");
    expect(fstab).toContain(`UUID=${uuid(1)} /boot ext4`);
    expect(fstab).toContain(`UUID=${uuid(2)} none swap`);
    if (filesystem === "btrfs") {
      for (const [sub, where] of [
        ["@", "/"],
        ["@home", "/home"],
        ["@log", "/var/log"],
      ])
        expect(fstab).toContain(`UUID=${uuid(3)} ${where} btrfs subvol=${sub},`);
    } else expect(fstab).toContain(`UUID=${uuid(3)} / ext4 defaults 0 1`);
    expect(fstab).not.toContain("{{");
  });

  if (filesystem === "btrfs") {
    it("created the @, @home and @log subvolumes", () => {
      const list = sh("btrfs", ["subvolume", "list", get().target]);
      for (const s of ["@", "@home", "@log"]) expect(list).toMatch(new RegExp(`path ${s}$`, "m"));
    });
  }

  it("created the user with the hash, in wheel, with a validated sudoers drop-in", () => {
    const inst = get();
    expect(read("etc/passwd")).toMatch(/^vince:x:1000:1000:Vince Test:\/home\/vince:\/bin\/bash$/m);
    const shadow = read("etc/shadow")
      .split("\n")
      .find((l) => l.startsWith("vince:"));
    expect(shadow?.split(":")[1]).toBe(inst.passwordHash);
    expect(read("etc/group")).toMatch(/^wheel:x:\d+:vince$/m);
    expect(read("etc/sudoers.d/10-wheel")).toContain("%wheel ALL=(ALL:ALL) ALL");
    expect(sh("visudo", ["-cf", join(inst.target, "etc/sudoers.d/10-wheel")])).toMatch(/parsed OK/);
    expect(existsSync(join(inst.target, "home/vince"))).toBe(true);
  });

  it("set locale, keymap, time zone and hostname", () => {
    expect(read("etc/locale.conf")).toBe("LANG=de_DE.UTF-8\n");
    expect(read("etc/vconsole.conf")).toBe("KEYMAP=de\n");
    expect(readlinkSync(join(get().target, "etc/localtime"))).toBe("../usr/share/zoneinfo/Europe/Berlin");
    expect(read("etc/hostname")).toBe("atlas\n");
  });

  it("installed the recipe from the loopback server, and its recipe says installed = true", () => {
    expect(read("usr/local/bin/hello")).toContain("hello from levitate");
    expect(read("etc/recipes/hello.rhai")).toMatch(/^let installed = true;/m);
  });

  it("installed GRUB with an entry for the installed kernel, root by UUID", () => {
    const inst = get();
    const rootUuid = sh("blkid", ["-c", "/dev/null", "-s", "UUID", "-o", "value", `${inst.loopDevice}p3`]);
    const cfg = read("boot/grub/grub.cfg");
    expect(cfg).toContain("linux /vmlinuz-6.1.0-test");
    expect(cfg).toContain(`root=UUID=${rootUuid}`);
    expect(cfg).toContain("initrd /initramfs-6.1.0-test.img");
    expect(existsSync(join(inst.target, "boot/grub/i386-pc/core.img"))).toBe(true);
  });

  it("kept a journal in the target without the password hash", () => {
    const inst = get();
    const journal = read("var/log/levitate-install.log");
    expect(journal).toContain('"id":"partitionDisk.sfdisk"');
    expect(journal).toContain('"event":"end","ok":true');
    expect(journal).not.toContain(inst.passwordHash);
    expect(inst.stdout).not.toContain(inst.passwordHash);
  });
}

describeRoot("levitate install --plan into a loop-mounted image", COMMANDS, () => {
  for (const filesystem of ["ext4", "btrfs"] as const) {
    describe(`${filesystem}, BIOS (MBR + GRUB)`, () => {
      let inst: InstalledImage;
      beforeAll(async () => {
        inst = await installToImage({ filesystem, firmware: "bios", swapSize: "256M" });
      }, 300_000);
      afterAll(async () => {
        await inst?.cleanup();
      }, 60_000);
      checkInstalled(() => inst, filesystem);
    });
  }

  describe("--dry-run of the same plan", () => {
    let inst: InstalledImage;
    let before = "";
    beforeAll(async () => {
      inst = await installToImage({
        filesystem: "ext4",
        dryRun: true,
        swapSize: "256M",
        prepareImage: (image) => {
          // An old system's partition table: the dry-run must leave it alone.
          execFileSync("sfdisk", ["-q", image], { input: "label: gpt\nsize=100MiB, type=L\ntype=L\n" });
          before = imageFingerprint(image);
        },
      });
    }, 300_000);
    afterAll(async () => {
      await inst?.cleanup();
    }, 60_000);

    it("prints every step's command and touches nothing (same image checksum, nothing mounted)", async () => {
      expect(inst.exitCode).toBe(0);
      expect(inst.stdout).toContain("sfdisk --wipe always --wipe-partitions always");
      expect(inst.stdout).toContain("chpasswd --root");
      expect(inst.stdout).toContain("Dry run: nothing was changed.");
      await inst.detach();
      expect(before).not.toBe("");
      expect(imageFingerprint(inst.imagePath)).toBe(before);
      expect(existsSync(join(inst.target, "etc"))).toBe(false);
    }, 120_000);
  });
});
