import { expect } from "vitest";
import type { SerialSession } from "../../../leviso/qemu/session.js";

/**
 * What both chain runs check on the installed system, as the created user on the serial console:
 * the login with the password (a hash in the plan, or typed at the installer's prompt), then the
 * settings the plan or the conversation asked for, sudo with and without the password, and the
 * recipe's binary.
 */

export interface ChainUser {
  username: string;
  password: string;
  hostname: string;
  locale: string;
  keymap: string;
  timezone: string;
}

/** Logs in at busybox's getty and returns a shell-command runner in the user's shell. */
export async function loginOverSerial(
  s: SerialSession,
  u: ChainUser,
): Promise<(cmd: string) => Promise<{ out: string; rc: number }>> {
  await s.expect(/login: $/m, 3 * 60_000, "the login prompt");
  s.send(`${u.username}\n`);
  await s.expect(/Password: $/m, 60_000, "the password prompt");
  s.send(`${u.password}\n`);
  await s.expect(/\$ $/m, 2 * 60_000, "the user's shell prompt");
  return (cmd: string) => s.sh(cmd, 2 * 60_000);
}

/** Runs `command` under sudo after `sudo -k`, typing the password at sudo's prompt; returns its marker line. */
export async function sudoWithPassword(
  s: SerialSession,
  u: ChainUser,
  command: string,
  marker: string,
  timeoutMs = 2 * 60_000,
): Promise<RegExpExecArray> {
  s.send(`sudo -k; sudo ${command}; echo ${marker}=$?\n`);
  await s.expect(
    new RegExp(`\\[sudo\\] password for ${u.username}: ?$`, "m"),
    2 * 60_000,
    `sudo's prompt before ${command}`,
  );
  s.send(`${u.password}\n`);
  return s.expect(new RegExp(`\\n([\\s\\S]*?)${marker}=(\\d+)`), timeoutMs, `sudo ${command}`);
}

/** Hostname, locale, keymap, time zone, wheel, sudo refused without the password and accepted with it, the recipe. */
export async function checkInstalledSettings(
  s: SerialSession,
  sh: (cmd: string) => Promise<{ out: string; rc: number }>,
  u: ChainUser,
): Promise<void> {
  expect((await sh("id -un; busybox hostname; cat /etc/hostname")).out.split("\n")).toEqual([
    u.username,
    u.hostname,
    u.hostname,
  ]);
  expect((await sh("cat /etc/locale.conf")).out).toContain(`LANG=${u.locale}`);
  expect((await sh("cat /etc/vconsole.conf")).out).toContain(`KEYMAP=${u.keymap}`);
  // glibc reads the zone from /etc/localtime: Berlin is CET or CEST, never UTC.
  const tz = await sh("readlink /etc/localtime; date +%Z");
  expect(tz.out.split("\n")[0]).toBe(`../usr/share/zoneinfo/${u.timezone}`);
  expect(tz.out.split("\n")[1]).toMatch(/^CES?T$/);
  expect((await sh("id -Gn")).out.split(" ")).toContain("wheel");
  // sudo without the password is refused; with it (typed at sudo's prompt) it works.
  const nopw = await sh("sudo -n true");
  expect(nopw.rc).not.toBe(0);
  expect(nopw.out).toMatch(/password is required/);
  const sudo = await sudoWithPassword(s, u, "id -u", "SUDO-RC");
  expect([sudo[1]?.trim().split("\n").pop(), sudo[2]]).toEqual(["0", "0"]);
  // The recipe installed from the live medium runs. By its path: recipes install into
  // /usr/local/bin, which Debian's /etc/profile adds to PATH, but base-files writes that
  // file in a maintainer script, which wrapped packages never run.
  expect(await sh("/usr/local/bin/hello")).toEqual({ out: "hello from the chain test", rc: 0 });
}
