import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { defaultFatalPatterns } from "../../leviso/qemu/console.js";
import { SerialSession } from "../../leviso/qemu/session.js";
import { describeBoot } from "../helpers/env.js";
import { bootCommands, bootOneAtATime, bootSlotWaitMs, testAccel } from "./helpers/boot-env.js";
import {
  buildChainIso,
  type ChainIso,
  chainPlanFacts,
  FD_VERSION,
  makePlansIso,
} from "./helpers/chain-fixtures.js";
import { ChainRun } from "./helpers/chain-stages.js";

/**
 * The whole chain in one run, as a user meets it, driven over the serial console only: the ISO
 * built from the test RPM repository boots with an empty disk and a small ISO labelled PLANS;
 * `levitate.plan=LABEL=PLANS:/web01.json` on its kernel command line starts the unattended install
 * (profile/airootfs autostart → `levitate install --from-cmdline`), which installs from the ISO's
 * own repository (no network) and powers off. Then the installed disk boots alone under OVMF, and
 * the plan's user logs in on the serial console with the password whose hash was in the plan.
 * Every test-only shortcut is in test/boot/README.md.
 */

const F = chainPlanFacts;
/** Under TCG on 2 shared cores the install (RPMs, an initramfs made by dracut) takes minutes. */
const installLimitMs = 30 * 60_000;
/** The installed boot, the login and the checks, `levitate ask` (Node under TCG) among them. */
const loginLimitMs = 20 * 60_000;

/** Lines that end the live stage early: the install refused or failed, or returned to the shell. */
const liveFatal = [
  ...defaultFatalPatterns,
  /Unattended install failed/,
  /Nothing was installed/,
  /LEVITATE-CHAIN live-end/,
];

describeBoot(
  "the chain: ISO → unattended install (levitate.plan=) → the installed system, over the serial console",
  [...bootCommands, "mkfs.fat", "mcopy", "unshare", "openssl", "truncate"],
  () => {
    let iso: ChainIso;
    let work = "";
    const run = new ChainRun("chain-uefi");

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), "levitate-chain-"));
      iso = await run.stage("build-iso", async () => buildChainIso((l) => process.stderr.write(`${l}\n`)));
    }, 40 * 60_000);

    afterAll(() => {
      process.stderr.write(`${run.summary()}\n`);
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it(
      "UEFI: installs unattended from the PLANS ISO offline, powers off; the disk boots; the plan's user logs in and finds its settings",
      async () => {
        const hash = execFileSync("openssl", ["passwd", "-6", "-stdin"], {
          input: `${F.password}\n`,
          encoding: "utf8",
        }).trim();
        const plan = {
          version: 1,
          mode: "live",
          shutdown: "poweroff",
          steps: [
            {
              tool: "partitionDisk",
              // No bootloader: the default UEFI chain, shim → GRUB (Debian's signed ones, wrapped).
              args: { disk: "/dev/vda", filesystem: "ext4", efiSize: "512M" },
            },
            {
              tool: "createUser",
              args: { username: F.username, sudo: true, fullName: "Chain Test", passwordHash: hash },
            },
            { tool: "setLocale", args: { locale: F.locale, keymap: F.keymap, timezone: F.timezone } },
            { tool: "setHostname", args: { hostname: F.hostname } },
            { tool: "installRecipe", args: { name: F.recipe } },
          ],
        };
        const plansIso = makePlansIso(work, { "web01.json": JSON.stringify(plan, null, 2) });
        const disk = join(work, "disk.img");
        writeFileSync(disk, "");
        execFileSync("truncate", ["-s", "6G", disk]);

        await run.stage("install", (log) =>
          bootOneAtATime(async () => {
            const s = SerialSession.startQemu(
              {
                image: iso.iso,
                media: "cdrom",
                firmware: "uefi",
                accel: testAccel(),
                memoryMiB: 2048,
                extraDisks: [disk],
                extraCdroms: [plansIso],
              },
              { logFile: log, hardLimitMs: installLimitMs + 60_000, fatal: liveFatal },
            );
            try {
              await s.expect(/LEVITATE-CHAIN live up firmware=uefi/, 10 * 60_000, "the live system's init");
              await s.expect(
                /reading the plan from \/web01\.json on the volume labelled PLANS/,
                5 * 60_000,
                "the unattended install to start",
              );
              await s.expect(
                /Installing in 5 s: press any key to cancel/,
                5 * 60_000,
                "the plan and the countdown",
              );
              await s.expect(/Unattended install: starting\./, 60_000, "the countdown to end");
              await s.expect(/Unattended install: done\./, installLimitMs, "the install to finish");
              await s.expect(/Powering off\./, 60_000, "the power-off");
              const code = await s.waitExit(3 * 60_000);
              if (code === null) throw s.failure("the machine did not power off within 3 minutes");
            } finally {
              await s.close();
            }
          }),
        );

        await run.stage("login", (log) =>
          bootOneAtATime(async () => {
            const s = SerialSession.startQemu(
              { image: disk, media: "disk", firmware: "uefi", accel: testAccel(), snapshot: true },
              { logFile: log, hardLimitMs: loginLimitMs + 60_000 },
            );
            try {
              const up = await s.expect(
                /LEVITATE-CHAIN installed up firmware=(\w+) root=(\S+ \S+)/,
                loginLimitMs,
                "the installed system's init",
              );
              expect(up[1]).toBe("uefi");
              expect(up[2]).toBe("/dev/vda2 ext4");
              await s.expect(/login: $/m, 3 * 60_000, "the login prompt");
              s.send(`${F.username}\n`);
              await s.expect(/Password: $/m, 60_000, "the password prompt");
              s.send(`${F.password}\n`);
              await s.expect(/\$ $/m, 2 * 60_000, "the user's shell prompt");
              const sh = (cmd: string) => s.sh(cmd, 2 * 60_000);

              expect((await sh("id -un; busybox hostname; cat /etc/hostname")).out.split("\n")).toEqual([
                F.username,
                F.hostname,
                F.hostname,
              ]);
              expect((await sh("cat /etc/locale.conf")).out).toContain(`LANG=${F.locale}`);
              expect((await sh("cat /etc/vconsole.conf")).out).toContain(`KEYMAP=${F.keymap}`);
              // glibc reads the zone from /etc/localtime: Berlin is CET or CEST, never UTC.
              const tz = await sh("readlink /etc/localtime; date +%Z");
              expect(tz.out.split("\n")[0]).toBe(`../usr/share/zoneinfo/${F.timezone}`);
              expect(tz.out.split("\n")[1]).toMatch(/^CES?T$/);
              expect((await sh("id -Gn")).out.split(" ")).toContain("wheel");
              // sudo without the password is refused; with it (typed at sudo's prompt) it works.
              const nopw = await sh("sudo -n true");
              expect(nopw.rc).not.toBe(0);
              expect(nopw.out).toMatch(/password is required/);
              s.send("sudo -k; sudo id -u; echo SUDO-RC=$?\n");
              await s.expect(
                new RegExp(`\\[sudo\\] password for ${F.username}: ?$`, "m"),
                2 * 60_000,
                "sudo's prompt",
              );
              s.send(`${F.password}\n`);
              const sudo = await s.expect(/\n(\d+)\nSUDO-RC=(\d+)/, 2 * 60_000, "sudo's answer");
              expect([sudo[1], sudo[2]]).toEqual(["0", "0"]);
              // The recipe installed from the live medium runs. By its path: recipes install into
              // /usr/local/bin, which Debian's /etc/profile adds to PATH, but base-files writes that
              // file in a maintainer script, which wrapped packages never run.
              expect(await sh("/usr/local/bin/hello")).toEqual({ out: "hello from the chain test", rc: 0 });
              // The unattended run's log and the installer's journal are on the installed system,
              // and the password is in neither.
              const logs = await sh(
                // Both logs are root's (0600); sudo -n works now that the password was given (its ticket).
                `sudo -n grep -c 'Unattended install: starting' /var/log/levitate-unattended.log 2>/dev/null; sudo -n test -s /var/log/levitate-install.log 2>/dev/null && echo journal; sudo -n grep -c '${F.password}' /var/log/levitate-unattended.log /var/log/levitate-install.log 2>/dev/null`,
              );
              expect(logs.out.split("\n").slice(0, 2)).toEqual(["1", "journal"]);
              // Not readable by the user: it names disks, plan sources and every step's output.
              expect((await sh("cat /var/log/levitate-unattended.log >/dev/null 2>&1; echo $?")).out).toBe(
                "1",
              );
              expect(logs.out).toMatch(/levitate-unattended\.log:0\n.*levitate-install\.log:0/);
              // The toolkit came with the base set (levitate-toolkit from the ISO's repository):
              // the user asks for fd in words, sudo asks for the password, fd is installed offline
              // from the recipes the package brought (its source is on the installed disk).
              // On PATH (/bin is a link to usr/bin, which comes first in the user's PATH).
              expect(
                (await sh('readlink -f "$(command -v levitate)" "$(command -v recipe)"')).out.split("\n"),
              ).toEqual(["/usr/bin/levitate", "/usr/bin/recipe"]);
              s.send('sudo -k; sudo levitate ask "add fd" --backend rules --yes; echo ASK-RC=$?\n');
              await s.expect(
                new RegExp(`\\[sudo\\] password for ${F.username}: ?$`, "m"),
                2 * 60_000,
                "sudo's prompt before levitate ask",
              );
              s.send(`${F.password}\n`);
              const ask = await s.expect(/ASK-RC=(\d+)/, 8 * 60_000, "levitate ask to install fd");
              expect(ask[1]).toBe("0");
              const fd = await sh("/usr/local/bin/fd --version");
              expect(fd.rc).toBe(0);
              expect(fd.out).toMatch(new RegExp(`^fd(find)? ${FD_VERSION.replace(/\./g, "\\.")}$`));
            } finally {
              await s.close();
            }
          }),
        );
        process.stderr.write(`${run.summary()}\n`);
      },
      // Both boots, and a wait for the boot slot before each (another file's QEMU may hold it).
      installLimitMs + loginLimitMs + 2 * bootSlotWaitMs + 5 * 60_000,
    );
  },
);
