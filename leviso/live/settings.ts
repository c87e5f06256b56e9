import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { runTool } from "../exec.js";
import type { ProfileJson } from "../profile.js";

/**
 * Live settings: hostname, locale, keymap, time zone, the live user and its autologin.
 *
 * ADAPTER: the installer's rootfs functions (leviso/rootfs: hostnameSteps, localeSteps,
 * userSteps) are the single source of truth for these files; until they are committed this
 * module writes the same files the same way (systemd-firstboot layout, shadow-utils `--root`).
 * Switch `applyLiveSettings` to them once `git log -- leviso/rootfs` shows them.
 */

function setKeys(path: string, keys: Record<string, string>): void {
  const lines = existsSync(path) ? readFileSync(path, "utf8").split("\n").filter(Boolean) : [];
  for (const [k, v] of Object.entries(keys)) {
    const i = lines.findIndex((l) => l.startsWith(`${k}=`));
    if (i >= 0) lines[i] = `${k}=${v}`;
    else lines.push(`${k}=${v}`);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${lines.join("\n")}\n`, { mode: 0o644 });
}

function write(root: string, path: string, content: string, mode = 0o644): void {
  const abs = join(root, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content, { mode });
}

export interface LiveSettingsResult {
  files: string[];
  user: string | null;
}

/** The getty drop-ins that log the live user in on tty1 and the first serial port. */
export function autologinDropins(user: string): Record<string, string> {
  const body = (tty: string, term: string) =>
    `# Written by leviso: the live image logs ${user} in without a password.\n[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin ${user} --noclear ${tty} ${term}\n`;
  return {
    "/etc/systemd/system/getty@tty1.service.d/autologin.conf": body("%I", "$TERM"),
    "/etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf": body(
      "--keep-baud 115200,57600,38400,9600 %I",
      "$TERM",
    ),
  };
}

export async function applyLiveSettings(
  root: string,
  live: ProfileJson["live"],
): Promise<LiveSettingsResult> {
  const files: string[] = [];
  write(root, "/etc/hostname", `${live.hostname}\n`);
  files.push("/etc/hostname");
  setKeys(join(root, "etc/locale.conf"), { LANG: live.locale });
  setKeys(join(root, "etc/vconsole.conf"), { KEYMAP: live.keymap });
  const localtime = join(root, "etc/localtime");
  rmSync(localtime, { force: true });
  symlinkSync(`../usr/share/zoneinfo/${live.timezone}`, localtime);
  files.push("/etc/locale.conf", "/etc/vconsole.conf", "/etc/localtime");

  const u = live.user;
  if (!u) return { files, user: null };
  const groups = u.sudo ? ["wheel"] : [];
  for (const g of groups) await runTool(["groupadd", "--root", root, "-f", "-r", g]);
  const passwd = existsSync(join(root, "etc/passwd")) ? readFileSync(join(root, "etc/passwd"), "utf8") : "";
  // A resumed build may find the user made by an interrupted run.
  if (!passwd.split("\n").some((l) => l.startsWith(`${u.name}:`)))
    await runTool([
      "useradd",
      "--root",
      root,
      "--create-home",
      "--user-group",
      "--shell",
      u.shell,
      "--uid",
      "1000",
      "--comment",
      "Live user",
      ...(groups.length ? ["--groups", groups.join(",")] : []),
      u.name,
    ]);
  files.push("/etc/passwd", "/etc/shadow", "/etc/group", `/home/${u.name}`);
  if (u.sudo) {
    // The live account has no password (locked), so sudo must not ask for one.
    write(
      root,
      "/etc/sudoers.d/20-live-user",
      `# Written by leviso for the live session.\n${u.name} ALL=(ALL) NOPASSWD: ALL\n`,
      0o440,
    );
    files.push("/etc/sudoers.d/20-live-user");
  }
  if (u.autologin) {
    for (const [path, content] of Object.entries(autologinDropins(u.name))) {
      write(root, path, content);
      files.push(path);
    }
  }
  return { files, user: u.name };
}
