import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeLayout, DiskTooSmallError } from "../../leviso/disk/layout.js";
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
  "mkfs.xfs",
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

const GPT = {
  esp: "C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
  swap: "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F",
  root: "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709",
  home: "933AC7E1-2EB4-4F13-B844-0E14E2AEF915",
};

/**
 * The smallest disk the layout rules accept with a separate /home, for the helper's 512M ESP and
 * 256M swap: 2 MiB of partition table, 512 MiB + 256 MiB, a 4 GiB root and a 2 GiB /home.
 */
const SEPARATE_HOME_IMAGE_BYTES = (2 + 512 + 256 + 4096 + 2048) * 1024 ** 2;

function checkInstalled(
  get: () => InstalledImage,
  filesystem: "ext4" | "btrfs" | "xfs",
  firmware: "bios" | "uefi",
  separateHome = false,
) {
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
  } else if (separateHome) {
    it("wrote a GPT with the ESP, swap, root and /home, sized by the small-disk rule (sfdisk -J)", () => {
      const table = JSON.parse(sh("sfdisk", ["-J", get().loopDevice])) as {
        partitiontable: {
          label: string;
          sectorsize?: number;
          partitions: { type: string; name?: string; start: number; size: number }[];
        };
      };
      expect(table.partitiontable.label).toBe("gpt");
      const parts = table.partitiontable.partitions;
      expect(parts.map((p) => [p.type, p.name])).toEqual([
        [GPT.esp, "ESP"],
        [GPT.swap, "swap"],
        [GPT.root, "root"],
        [GPT.home, "home"],
      ]);
      const MiB = 1024 ** 2;
      const bytes = parts.map((p) => p.size * (table.partitiontable.sectorsize ?? 512));
      // The ESP and swap as asked; root gets 4 GiB (half of 6 GiB, at least 4 GiB); /home the
      // rest: 2 GiB plus the MiB of partition table the layout reserved and GPT did not use.
      expect(bytes.slice(0, 3)).toEqual([512 * MiB, 256 * MiB, 4096 * MiB]);
      expect(bytes[3]).toBeGreaterThanOrEqual(2048 * MiB);
      expect(bytes[3]).toBeLessThanOrEqual(2049 * MiB);
      // Back to back from 1 MiB, nothing overlapping.
      const sector = table.partitiontable.sectorsize ?? 512;
      expect(parts[0]?.start).toBe(MiB / sector);
      for (let i = 1; i < parts.length; i++) {
        const prev = parts[i - 1] as { start: number; size: number };
        expect(parts[i]?.start).toBe(prev.start + prev.size);
      }
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

  it(`made the filesystems (blkid): ${bootFs} ${firmware === "uefi" ? "ESP" : "/boot"}, swap, ${filesystem} root${separateHome ? `, ${filesystem} /home` : ""}`, () => {
    const dev = get().loopDevice;
    const type = (n: number) => sh("blkid", ["-c", "/dev/null", "-s", "TYPE", "-o", "value", `${dev}p${n}`]);
    const types = [type(1), type(2), type(3), ...(separateHome ? [type(4)] : [])];
    expect(types).toEqual([bootFs, "swap", filesystem, ...(separateHome ? [filesystem] : [])]);
  });

  it("fstab names the real UUIDs", () => {
    const dev = get().loopDevice;
    const uuid = (n: number) => uuidOf(`${dev}p${n}`);
    const fstab = read("etc/fstab");
    if (firmware === "uefi") expect(fstab).toContain(`UUID=${uuid(1)} /boot/efi vfat umask=0077 0 2`);
    else expect(fstab).toContain(`UUID=${uuid(1)} /boot ext4`);
    expect(fstab).toContain(`UUID=${uuid(2)} none swap`);
    if (filesystem === "btrfs") {
      for (const [sub, where] of [
        ["@", "/"],
        ["@home", "/home"],
        ["@log", "/var/log"],
      ])
        expect(fstab).toContain(`UUID=${uuid(3)} ${where} btrfs subvol=${sub},`);
    } else if (filesystem === "xfs") expect(fstab).toContain(`UUID=${uuid(3)} / xfs defaults 0 0`);
    else expect(fstab).toContain(`UUID=${uuid(3)} / ext4 defaults 0 1`);
    if (separateHome) {
      expect(fstab).toContain(
        `UUID=${uuid(4)} /home ${filesystem} defaults 0 ${filesystem === "ext4" ? 2 : 0}`,
      );
      expect(new Set([1, 2, 3, 4].map(uuid)).size).toBe(4);
    }
    expect(fstab).not.toContain("{{");
    // One line per mount point: nothing else claims /home or swap.
    const lines = fstab.split("\n").filter((l) => l && !l.startsWith("#"));
    expect(lines.filter((l) => l.split(/\s+/)[1] === "/home")).toHaveLength(
      separateHome || filesystem === "btrfs" ? 1 : 0,
    );
    expect(lines.filter((l) => l.split(/\s+/)[2] === "swap")).toEqual([
      `UUID=${uuid(2)} none swap defaults 0 0`,
    ]);
  });

  if (separateHome) {
    it("installed /home onto its own partition: the user's home lives there, not on root", () => {
      const inst = get();
      const where = (p: string) =>
        sh("findmnt", ["-n", "-o", "SOURCE,FSTYPE", "--target", join(inst.target, p)]).split(/\s+/);
      expect(where("home/vince")).toEqual([`${inst.loopDevice}p4`, filesystem]);
      expect(where("etc")).toEqual([`${inst.loopDevice}p3`, filesystem]);
    });
  }

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
    // The locale exists there: its language pack came with the base (attacker 7 M4).
    expect(existsSync(join(get().target, "usr/lib/locale/de_DE.utf8/LC_IDENTIFICATION"))).toBe(true);
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

    it("left /boot/efi as an empty mount point, removed its staging tree, and wrote no firmware entry", () => {
      const inst = get();
      expect(readdirSync(join(inst.target, "boot/efi"))).toEqual([]);
      expect(existsSync(espStagingDir(inst.target))).toBe(false);
      const journal = read("var/log/levitate-install.log");
      expect(journal).toMatch(
        /"id":"install.esp.copy","action":"MTOOLS_SKIP_CHECK=1 mcopy -s -Q -i \/dev\/loop\d+p1 /,
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

  // Swap and a separate /home, made for real: the smallest disk the layout rules accept for them.
  describe("xfs, UEFI, swap and a separate /home (GPT + systemd-boot)", () => {
    let inst: InstalledImage;
    beforeAll(async () => {
      inst = await installToImage({
        filesystem: "xfs",
        firmware: "uefi",
        swapSize: "256M",
        separateHome: true,
        imageBytes: SEPARATE_HOME_IMAGE_BYTES,
      });
    }, 300_000);
    afterAll(async () => {
      await inst?.cleanup();
    }, 60_000);
    checkInstalled(() => inst, "xfs", "uefi", true);

    it("used the smallest disk the layout accepts: one MiB less is refused as too small", () => {
      const req = {
        disk: inst.loopDevice,
        firmware: "uefi",
        filesystem: "xfs",
        swapBytes: 256 * 1024 ** 2,
        encrypt: false,
        separateHome: true,
        efiBytes: 512 * 1024 ** 2,
      } as const;
      expect(computeLayout({ ...req, diskBytes: SEPARATE_HOME_IMAGE_BYTES }).partitions).toHaveLength(4);
      expect(() => computeLayout({ ...req, diskBytes: SEPARATE_HOME_IMAGE_BYTES - 1024 ** 2 })).toThrow(
        DiskTooSmallError,
      );
    });
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
        `MTOOLS_SKIP_CHECK=1 mcopy -s -Q -i ${esp} ${stage}/EFI ${stage}/loader ${stage}/levitate ::/`,
      );
      expect(inst.stdout).not.toContain("efibootmgr");
      await inst.detach();
      expect(imageFingerprint(inst.imagePath)).toBe(before);
      expect(existsSync(stage)).toBe(false);
    }, 120_000);
  });
});
