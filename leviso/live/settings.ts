import { existsSync, readFileSync, renameSync } from "node:fs";
import { type ExecEvent, executeSteps } from "../../steps/execute.js";
import type { Step } from "../../steps/step.js";
import type { ProfileJson } from "../profile.js";
import { hostnameSteps, inRoot, localeSteps, type UserSpec, userSteps } from "../rootfs/index.js";

/**
 * Live settings: hostname, locale, keymap, time zone, the live user and its autologin.
 *
 * The files come from the installer's own rootfs functions (`hostnameSteps`, `localeSteps`,
 * `userSteps`) and run through the installer's executor (`executeSteps`), so the live image and
 * an installed system are configured by one code path. What only a live image needs (sudo
 * without a password for a locked account, getty autologin) is added as steps of the same kind.
 */

export const LIVE_SUDOERS = "/etc/sudoers.d/20-live-user";
export const LIVE_UID = 1000;

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

/** The live user as the installer's createUser sees one: uid 1000, password locked. */
export function liveUserSpec(u: NonNullable<ProfileJson["live"]["user"]>): UserSpec {
  return {
    username: u.name,
    sudo: u.sudo,
    fullName: "Live user",
    shell: u.shell,
    groups: u.groups,
    password: { locked: true },
    uid: LIVE_UID,
  };
}

function userExists(root: string, name: string): boolean {
  const passwd = inRoot(root, "/etc/passwd");
  return (
    existsSync(passwd) &&
    readFileSync(passwd, "utf8")
      .split("\n")
      .some((l) => l.startsWith(`${name}:`))
  );
}

/** Every step the live stage runs, in order; pure apart from reading the root's /etc/passwd. */
export function liveSettingsSteps(root: string, live: ProfileJson["live"]): Step[] {
  const steps: Step[] = [
    ...hostnameSteps(root, live.hostname, "live"),
    ...localeSteps(root, { locale: live.locale, keymap: live.keymap, timezone: live.timezone }, "live"),
  ];
  const u = live.user;
  if (!u) return steps;
  const userPart = userSteps(root, liveUserSpec(u), { idPrefix: "live" });
  // A resumed build may find the user made by an interrupted run; useradd would refuse it.
  const made = userExists(root, u.name);
  steps.push(...userPart.filter((s) => !(made && s.id.endsWith(".useradd"))));
  const base = { phase: "users", source: "createUser", destructive: false } as const;
  if (u.sudo) {
    // wheel's drop-in asks for a password, and the live account has none (locked).
    steps.push({
      ...base,
      id: `live.${u.name}.sudoers-nopasswd`,
      title: `Let ${u.name} use sudo without a password (live session)`,
      changes: inRoot(root, LIVE_SUDOERS),
      action: {
        kind: "writeFile",
        path: inRoot(root, LIVE_SUDOERS),
        content: `# Written by leviso for the live session.\n${u.name} ALL=(ALL) NOPASSWD: ALL\n`,
        mode: 0o440,
        check: ["visudo", "-cf", "{}"],
      },
    });
  }
  if (u.autologin) {
    for (const [path, content] of Object.entries(autologinDropins(u.name))) {
      steps.push({
        ...base,
        id: `live.${u.name}.autologin.${path.split("/")[4]}`,
        title: `Log ${u.name} in automatically (${path.split("/")[4]})`,
        changes: inRoot(root, path),
        action: { kind: "writeFile", path: inRoot(root, path), content, mode: 0o644 },
      });
    }
  }
  return steps;
}

export interface LiveSettingsResult {
  /** Files the steps changed, as paths inside the root. */
  files: string[];
  user: string | null;
  steps: number;
  /** The executor's journal, kept in the work directory (not in the image). */
  journal: string;
}

export async function applyLiveSettings(
  root: string,
  live: ProfileJson["live"],
  opts: { journal: string; onLine?: (line: string) => void },
): Promise<LiveSettingsResult> {
  const steps = liveSettingsSteps(root, live);
  const onEvent = (e: ExecEvent) => {
    if (e.type === "start") opts.onLine?.(`[${e.index + 1}/${e.total}] ${e.step.title}`);
    else if (e.type === "output") opts.onLine?.(e.line);
  };
  const r = await executeSteps(steps, { target: root, journalScratch: opts.journal, onEvent });
  // The executor leaves its journal in TARGET/var/log for an installed system; a live image
  // must not ship a build-time install log, so it goes back to the work directory.
  if (r.journalPath !== opts.journal) renameSync(r.journalPath, opts.journal);
  if (!r.ok) {
    const f = r.failed;
    throw new Error(
      `live settings: step "${f?.step.title}" failed: ${f?.message}${f?.output.length ? `\n${f.output.join("\n")}` : ""}\n(journal: ${opts.journal})`,
    );
  }
  const files = [
    ...new Set(
      steps
        .map((s) => ("path" in s.action ? s.action.path : undefined))
        .filter((p): p is string => p !== undefined)
        .map((p) => p.slice(root.replace(/\/+$/, "").length) || "/"),
    ),
  ];
  if (live.user) files.push("/etc/passwd", "/etc/shadow", "/etc/group", `/home/${live.user.name}`);
  return { files, user: live.user?.name ?? null, steps: steps.length, journal: opts.journal };
}
