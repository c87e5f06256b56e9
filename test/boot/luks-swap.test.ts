import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { LIVE_CMDLINE_ENV } from "../../leviso/disk/liveConsole.js";
import { defaultFatalPatterns } from "../../leviso/qemu/console.js";
import { SerialSession } from "../../leviso/qemu/session.js";
import { type InstalledImage, installToImage } from "../e2e/installToImage.js";
import { buildDebianBootRepo } from "../fixtures-build/debian-boot-rpms.js";
import { describeBoot } from "../helpers/env.js";
import {
  bootCommands,
  bootMarker,
  bootOneAtATime,
  bootTestTimeoutMs,
  consoleLog,
  markerFacts,
  testAccel,
} from "./helpers/boot-env.js";
import { measureContention, scaledLimitMs } from "./helpers/contention.js";
import {
  cryptsetupShimDir,
  dataSegment,
  encryptDataSegment,
  hostHasDeviceMapper,
  removeCryptsetupShim,
  volumeKey,
} from "./helpers/luks-nodm.js";
import { buildMarkerRpm } from "./helpers/marker-rpm.js";

/**
 * An encrypted root AND swap (round 27's F16, fixB27): the installer writes crypttab's line for the
 * swap partition by its PARTUUID with the key file /dev/urandom and the `swap` option, fstab's
 * swap on /dev/mapper/cryptswap, and never runs mkswap on the partition (no plaintext signature
 * stays on the disk). The disk then boots twice (BIOS, GRUB on the unencrypted /boot; the same
 * passphrase typed each time): both times the swap comes up on the plain dm-crypt mapping with
 * the line's cipher and key size, and the partition's first 4 KiB as they are on the disk (the
 * swap signature, encrypted) differ between the boots: a new random key at each boot.
 *
 * The swap's part of the boot is systemd-cryptsetup's on a real system; the test system has no
 * service manager, so the marker init does that part from the line as crypttab(5) reads it
 * (README, shortcut 3). Both boots start from the same image (QEMU snapshot), so the difference is
 * the key's alone. Under TCG each boot spends minutes in argon2id after the passphrase; CI runs it
 * (LEVITATE_BOOT_TESTS=1, and KVM with LEVITATE_QEMU_ACCEL=kvm where /dev/kvm exists).
 */

const PASSPHRASE = "correct horse battery";
const typeDelayMs = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const installBaseMs = 300_000;
const installMaxFactor = 6;
const LIVE_CMDLINE = "root=live:CDLABEL=LEVITATE rd.live.image console=tty0 console=ttyS0,115200";

const blkid = (dev: string, tag = "UUID") => {
  try {
    return execFileSync("blkid", ["-c", "/dev/null", "-s", tag, "-o", "value", dev], {
      encoding: "utf8",
    }).trim();
  } catch {
    return ""; // no signature of that kind (blkid exits 2)
  }
};

describeBoot(
  "encrypted root and random-key swap boot",
  [
    ...bootCommands,
    "losetup",
    "sfdisk",
    "mkfs.ext4",
    "grub-install",
    "openssl",
    "useradd",
    "cryptsetup",
    "python3",
  ],
  () => {
    const installs: InstalledImage[] = [];
    afterAll(async () => {
      for (const inst of installs) await inst.cleanup();
    }, 120_000);

    it(
      "BIOS: crypttab's /dev/urandom line, no swap signature on the disk, a new key at each of two boots",
      async () => {
        const repo = await buildDebianBootRepo();
        const rpms = execFileSync("find", [repo.repoDir, "-name", "*.rpm"], { encoding: "utf8" })
          .trim()
          .split("\n");
        const shim = hostHasDeviceMapper() ? undefined : cryptsetupShimDir();
        const contention = measureContention();
        const installLimitMs = scaledLimitMs(installBaseMs, contention.factor, installMaxFactor);
        const inst = await installToImage({
          timeoutMs: installLimitMs,
          firmware: "bios",
          filesystem: "ext4",
          username: "vince",
          imageBytes: 7 * 2 ** 30,
          swapSize: "256M",
          noStandInBase: true,
          extraBaseRpms: [...rpms, await buildMarkerRpm()],
          partitionArgs: { encrypt: true },
          passwordStdin: [PASSPHRASE],
          env: {
            [LIVE_CMDLINE_ENV]: LIVE_CMDLINE,
            ...(shim ? { PATH: `${shim}:${process.env.PATH ?? "/usr/sbin:/usr/bin"}` } : {}),
          },
        });
        installs.push(inst);
        try {
          expect(
            inst.exitCode,
            `levitate install failed:\n${inst.stdout.slice(-3000)}\n${inst.stderr.slice(-3000)}`,
          ).toBe(0);
          const parts = [1, 2, 3, 4, 5].map((n) => `${inst.loopDevice}p${n}`).filter((p) => existsSync(p));
          const luksDev = parts.find((p) => blkid(p, "TYPE") === "crypto_LUKS");
          expect(luksDev, `no LUKS partition among ${parts.join(" ")}`).toBeDefined();
          const luksUuid = blkid(luksDev as string);

          // crypttab: the root by its LUKS UUID, the swap by its PARTUUID with a random key.
          const crypttab = readFileSync(join(inst.target, "etc/crypttab"), "utf8")
            .split("\n")
            .filter(Boolean);
          expect(crypttab[0]).toBe(`luks-${luksUuid} UUID=${luksUuid} none luks`);
          const m = /^cryptswap PARTUUID=(\S+) \/dev\/urandom swap,cipher=aes-xts-plain64,size=512$/.exec(
            crypttab[1] ?? "",
          );
          expect(m, `crypttab: ${crypttab.join(" | ")}`).not.toBeNull();
          const swapDev = parts.find((p) => blkid(p, "PARTUUID") === m?.[1]);
          expect(swapDev, `no partition with PARTUUID ${m?.[1]}`).toBeDefined();
          expect(readFileSync(join(inst.target, "etc/fstab"), "utf8")).toMatch(
            /^\/dev\/mapper\/cryptswap none swap defaults 0 0$/m,
          );
          // No mkswap at install: nothing on the partition says "swap" in plaintext.
          expect(blkid(swapDev as string, "TYPE")).toBe("");

          if (shim) {
            const seg = dataSegment(luksDev as string);
            const key = volumeKey(luksDev as string, PASSPHRASE);
            const sys = `/sys/class/block/${(luksDev as string).slice("/dev/".length)}`;
            const start = Number(readFileSync(`${sys}/start`, "utf8")) * 512;
            const size = Number(readFileSync(`${sys}/size`, "utf8")) * 512;
            execFileSync("umount", ["-R", inst.target]);
            removeCryptsetupShim(shim, ["cryptroot"]);
            await inst.detach();
            encryptDataSegment(inst.imagePath, start, size, seg, key);
          } else await inst.detach();

          const boot = (n: number) =>
            bootOneAtATime(async () => {
              const s = SerialSession.startQemu(
                {
                  image: inst.imagePath,
                  media: "disk",
                  firmware: "bios",
                  accel: testAccel(),
                  snapshot: true,
                },
                {
                  logFile: consoleLog(`luks-swap-${n}`),
                  hardLimitMs: 20 * 60_000,
                  fatal: [...defaultFatalPatterns, /must be installed for pthread/, /^Wrong password$/],
                },
              );
              try {
                await s.expect(/Enter passphrase for \S+:/, 10 * 60_000, "the LUKS passphrase prompt");
                await sleep(typeDelayMs);
                s.send(`${PASSPHRASE}\n`);
                await s.expect(bootMarker, 12 * 60_000, "the boot marker after the passphrase");
                const lines = s.lastLines(300);
                await s.waitExit(60_000);
                return lines;
              } finally {
                await s.close();
              }
            });
          const heads: string[] = [];
          for (const n of [1, 2]) {
            const lines = await boot(n);
            const facts = markerFacts(lines);
            expect(facts.root).toBe(`/dev/mapper/luks-${luksUuid} ext4`);
            const swap = lines.find((l) => l.startsWith("LEVITATE-SWAP "));
            expect(swap, `boot ${n}: no LEVITATE-SWAP line`).toBeDefined();
            expect(swap).not.toContain("error=");
            expect(swap).toMatch(/ name=cryptswap /);
            expect(swap).toMatch(/ type=PLAIN /);
            expect(swap).toMatch(/ cipher=aes-xts-plain64 /);
            expect(swap).toMatch(/ keysize=512 bits /);
            // /proc/swaps names the mapping (dm-N or /dev/mapper/cryptswap)
            expect(swap).toMatch(/ swaps=\S*(dm-\d+|mapper\/cryptswap)/);
            heads.push(/ head=([0-9a-f]{16})/.exec(swap ?? "")?.[1] ?? "");
          }
          expect(heads[0]).toMatch(/^[0-9a-f]{16}$/);
          // The same image both times (snapshot): the encrypted signature differs only by the key.
          expect(heads[1]).not.toBe(heads[0]);
          process.stderr.write(
            `luks-swap (bios): contention ${contention.factor.toFixed(2)}, load ${loadavg()[0]?.toFixed(1)}; swap heads ${heads.join(" ")}\n`,
          );
        } finally {
          if (shim) removeCryptsetupShim(shim, ["cryptroot"]);
          await inst.cleanup();
        }
      },
      bootTestTimeoutMs * 2 + installMaxFactor * installBaseMs + 15 * 60_000,
    );
  },
);
