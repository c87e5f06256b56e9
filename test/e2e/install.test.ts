import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { espStagingDir, LOADER_CONF } from "../../leviso/disk/steps.js";
import { describeRoot } from "../helpers/env.js";
import {
  espList,
  espRead,
  HOST_SYSTEMD_BOOT,
  type InstalledImage,
  imageFingerprint,
  installToImage,
} from "./installToImage.js";

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
  "mkfs.vfat",
  "mcopy",
  "mdir",
];

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8" }).trim();

const uuidOf = (dev: string) => sh("blkid", ["-c", "/dev/null", "-s", "UUID", "-o", "value", dev]);

function checkInstalled(get: () => InstalledImage, filesystem: "ext4" | "btrfs", firmware: "bios" | "uefi") {
  const read = (p: string) => readFileSync(join(get().target, p), "utf8");
  const bootFs = firmware === "uefi" ? "vfat" : "ext4";

  it("exits 0 and says done", () => {
    const inst = get();
    expect(inst.stderr).toBe("");
    expect(inst.exitCode).toBe(0);
    expect(inst.stdout).toMatch(/Done: \d+ steps/);
  });

  if (firmware === "bios") {
    it("wrote an MBR table with /boot, swap and root (sfdisk -J)", () => {
      const table = JSON.parse(sh("sfdisk", ["-J", get().loopDevice])) as {
        partitiontable: { label: string; partitions: { node: string; type: string; bootable?: boolean }[] };
      };
      expect(table.partitiontable.label).toBe("dos");
      expect(table.partitiontable.partitions.map((p) => p.type)).toEqual(["83", "82", "83"]);
      expect(table.partitiontable.partitions[0]?.bootable).toBe(true);
    });
  } else {
    it("wrote a GPT with the ESP, swap and root (sfdisk -J)", () => {
      const table = JSON.parse(sh("sfdisk", ["-J", get().loopDevice])) as {
        partitiontable: { label: string; partitions: { type: string; name?: string }[] };
      };
      expect(table.partitiontable.label).toBe("gpt");
      expect(table.partitiontable.partitions.map((p) => [p.type, p.name])).toEqual([
        ["C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "ESP"],
        ["0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", "swap"],
        ["4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709", "root"],
      ]);
    });
  }

  it(`made the filesystems (blkid): ${bootFs} ${firmware === "uefi" ? "ESP" : "/boot"}, swap, ${filesystem} root`, () => {
    const dev = get().loopDevice;
    const type = (n: number) => sh("blkid", ["-c", "/dev/null", "-s", "TYPE", "-o", "value", `${dev}p${n}`]);
    expect([type(1), type(2), type(3)]).toEqual([bootFs, "swap", filesystem]);
  });

  it("fstab names the real UUIDs", () => {
    const dev = get().loopDevice;
    const uuid = (n: number) => uuidOf(`${dev}p${n}`);
    const fstab = read("etc/fstab");
    if (firmware === "uefi") expect(fstab).toContain(`UUID=${uuid(1)} /efi vfat umask=0077 0 2`);
    else expect(fstab).toContain(`UUID=${uuid(1)} /boot ext4`);
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

  if (firmware === "bios") {
    it("installed GRUB with an entry for the installed kernel, root by UUID", () => {
      const inst = get();
      const rootUuid = uuidOf(`${inst.loopDevice}p3`);
      const cfg = read("boot/grub/grub.cfg");
      expect(cfg).toContain("linux /vmlinuz-6.1.0-test");
      expect(cfg).toContain(`root=UUID=${rootUuid}`);
      expect(cfg).toContain("initrd /initramfs-6.1.0-test.img");
      expect(existsSync(join(inst.target, "boot/grub/i386-pc/core.img"))).toBe(true);
    });
  } else {
    // Read from outside, with mtools, on the partition itself: nothing mounted the ESP.
    it("put systemd-boot on the ESP, also at the fallback path, byte for byte the target's binary", () => {
      const esp = `${get().loopDevice}p1`;
      const files = espList(esp);
      expect(files).toEqual(
        expect.arrayContaining([
          "::/EFI/BOOT/BOOTX64.EFI",
          "::/EFI/systemd/systemd-bootx64.efi",
          "::/loader/loader.conf",
          "::/loader/entries/levitate.conf",
          "::/levitate/vmlinuz-6.1.0-test",
          "::/levitate/initramfs-6.1.0-test.img",
        ]),
      );
      const sdboot = readFileSync(HOST_SYSTEMD_BOOT);
      expect(espRead(esp, "::/EFI/BOOT/BOOTX64.EFI").equals(sdboot)).toBe(true);
      expect(espRead(esp, "::/EFI/systemd/systemd-bootx64.efi").equals(sdboot)).toBe(true);
      // No pinned default: the newest kernel-install entry boots after a kernel update.
      expect(espRead(esp, "::/loader/loader.conf").toString()).toBe(LOADER_CONF);
    });

    it("the loader entry names the installed kernel and initramfs and the root by UUID", () => {
      const inst = get();
      const esp = `${inst.loopDevice}p1`;
      const rootUuid = uuidOf(`${inst.loopDevice}p3`);
      const flags = filesystem === "btrfs" ? " rootflags=subvol=@" : "";
      expect(espRead(esp, "::/loader/entries/levitate.conf").toString()).toBe(
        `title LevitateOS\nlinux /levitate/vmlinuz-6.1.0-test\ninitrd /levitate/initramfs-6.1.0-test.img\noptions root=UUID=${rootUuid}${flags} rw\n`,
      );
      // kernel-install gives a newer kernel's entry the same options.
      expect(read("etc/kernel/cmdline")).toBe(`root=UUID=${rootUuid}${flags} rw\n`);
      expect(espRead(esp, "::/levitate/vmlinuz-6.1.0-test").toString()).toBe(read("boot/vmlinuz-6.1.0-test"));
      expect(espRead(esp, "::/levitate/initramfs-6.1.0-test.img").toString()).toBe(
        read("boot/initramfs-6.1.0-test.img"),
      );
    });

    it("left /efi as an empty mount point, removed its staging tree, and wrote no firmware entry", () => {
      const inst = get();
      expect(readdirSync(join(inst.target, "efi"))).toEqual([]);
      expect(existsSync(espStagingDir(inst.target))).toBe(false);
      const journal = read("var/log/levitate-install.log");
      expect(journal).toMatch(
        /"id":"install.esp.copy","action":"MTOOLS_SKIP_CHECK=1 mcopy -s -Q -D o -i \/dev\/loop\d+p1 /,
      );
      expect(journal).not.toContain("efibootmgr");
    });
  }

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
      checkInstalled(() => inst, filesystem, "bios");
    });
  }

  // The kernel here cannot mount vfat; the installer never needs to.
  describe("btrfs, UEFI (GPT + systemd-boot, ESP filled with mtools)", () => {
    let inst: InstalledImage;
    beforeAll(async () => {
      inst = await installToImage({ filesystem: "btrfs", firmware: "uefi", swapSize: "256M" });
    }, 300_000);
    afterAll(async () => {
      await inst?.cleanup();
    }, 60_000);
    checkInstalled(() => inst, "btrfs", "uefi");
  });

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

  describe("UEFI without systemd-boot in the base system", () => {
    let inst: InstalledImage;
    beforeAll(async () => {
      inst = await installToImage({ filesystem: "ext4", firmware: "uefi", noSystemdBoot: true });
    }, 300_000);
    afterAll(async () => {
      await inst?.cleanup();
    }, 60_000);

    it("stops at the boot manager with a message naming the package, before writing the ESP", () => {
      expect(inst.exitCode).toBe(1);
      const out = `${inst.stdout}\n${inst.stderr}`;
      expect(out).toContain(
        `${inst.target}/usr/lib/systemd/boot/efi/systemd-bootx64.efi is missing: the base system has no systemd-boot EFI binary`,
      );
      expect(out).toContain("systemd-boot-unsigned");
      expect(espList(`${inst.loopDevice}p1`)).toEqual([]);
    });
  });

  describe("--dry-run of a UEFI plan", () => {
    let inst: InstalledImage;
    let before = "";
    beforeAll(async () => {
      inst = await installToImage({
        filesystem: "ext4",
        firmware: "uefi",
        dryRun: true,
        prepareImage: (image) => {
          before = imageFingerprint(image);
        },
      });
    }, 300_000);
    afterAll(async () => {
      await inst?.cleanup();
    }, 60_000);

    it("shows the staging copies, the entry and the mtools argv, and writes nothing", async () => {
      expect(inst.exitCode).toBe(0);
      const stage = espStagingDir(inst.target);
      const esp = `${inst.loopDevice}p1`;
      expect(inst.stdout).toContain(`mkfs.vfat -F 32 -n ESP ${esp}`);
      expect(inst.stdout).toContain(
        `cp ${inst.target}/usr/lib/systemd/boot/efi/systemd-bootx64.efi ${stage}/EFI/BOOT/BOOTX64.EFI`,
      );
      expect(inst.stdout).toContain(`| options root=UUID={{uuid:${inst.loopDevice}p2}} rw`);
      expect(inst.stdout).toContain(
        `MTOOLS_SKIP_CHECK=1 mcopy -s -Q -D o -i ${esp} ${stage}/EFI ${stage}/loader ${stage}/levitate ::/`,
      );
      expect(inst.stdout).not.toContain("efibootmgr");
      await inst.detach();
      expect(imageFingerprint(inst.imagePath)).toBe(before);
      expect(existsSync(stage)).toBe(false);
    }, 120_000);
  });
});
