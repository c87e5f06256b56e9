import { existsSync, readFileSync } from "node:fs";

/**
 * The live system's `console=` arguments, carried onto the installed system's kernel command
 * line, as Anaconda does: a machine installed over a serial console (a server, a VM, the boot
 * tests) must find its console there again after the reboot, not on an absent screen. Only
 * `console=`, in the order given: the kernel writes to every console named, and the last one is
 * /dev/console, where the passphrase prompt and the login appear.
 */

/** A console value a boot menu, a shell `echo "..."` and /etc/kernel/cmdline all hold as is. */
const SAFE_VALUE = /^[A-Za-z0-9_.,:/@-]+$/;

/** What the live command line gives the installed one, and what it could not carry. */
export interface ConsoleArgs {
  /** `console=VALUE` words, in the live order (a repeated one at its last place). */
  args: string[];
  /** `console=` words left out: characters GRUB or the menu plugin would read as syntax. */
  dropped: string[];
}

/**
 * The kernel's reading of a command line: words split by spaces, a double-quoted part may hold
 * spaces (the quotes are not part of the value), `--` ends the kernel's part (the rest is init's).
 */
export function cmdlineWords(cmdline: string): string[] {
  const words: string[] = [];
  let cur = "";
  let quoted = false;
  let started = false;
  for (const ch of cmdline) {
    if (ch === '"') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && /\s/.test(ch)) {
      if (started) words.push(cur);
      cur = "";
      started = false;
    } else {
      cur += ch;
      started = true;
    }
  }
  if (started) words.push(cur);
  const end = words.indexOf("--");
  return end < 0 ? words : words.slice(0, end);
}

/** The `console=` words of a command line (see {@link ConsoleArgs}). */
export function consoleArgsOf(cmdline: string): ConsoleArgs {
  const consoles = cmdlineWords(cmdline).filter((w) => w.startsWith("console="));
  const args: string[] = [];
  const dropped: string[] = [];
  for (const [i, w] of consoles.entries()) {
    if (!SAFE_VALUE.test(w.slice("console=".length))) dropped.push(w);
    // Repeated: its last place decides which console is /dev/console.
    else if (!consoles.slice(i + 1).includes(w)) args.push(w);
  }
  return { args, dropped };
}

/** Where the live system's command line and the live medium are (tests point them elsewhere). */
export interface LiveConsoleSource {
  env?: NodeJS.ProcessEnv;
  /** dracut's live mount point: it exists on the live ISO only (facts/probe/probe.ts detectMode). */
  liveMount?: string;
  procCmdline?: string;
}

/** The variable that gives the live command line's text instead of /proc/cmdline (tests). */
export const LIVE_CMDLINE_ENV = "LEVITATE_LIVE_CMDLINE";

/**
 * The console arguments to carry: from `LEVITATE_LIVE_CMDLINE` when set, else from /proc/cmdline
 * on the live ISO only. An install run from another system (a loop image on a workstation)
 * carries none: that machine's consoles are not the installed one's.
 */
export function liveConsoleArgs(src: LiveConsoleSource = {}): ConsoleArgs {
  const env = src.env ?? process.env;
  const given = env[LIVE_CMDLINE_ENV];
  if (given !== undefined) return consoleArgsOf(given);
  if (!existsSync(src.liveMount ?? "/run/initramfs/live")) return { args: [], dropped: [] };
  try {
    return consoleArgsOf(readFileSync(src.procCmdline ?? "/proc/cmdline", "utf8"));
  } catch {
    return { args: [], dropped: [] };
  }
}

/** For a step's title: which consoles the installed system gets, and which it could not. */
export function describeConsoleArgs(c: ConsoleArgs): string {
  const parts: string[] = [];
  if (c.args.length) parts.push(`${c.args.join(" ")} carried from the live system's command line`);
  if (c.dropped.length)
    parts.push(
      `not carried: ${c.dropped.join(" ")} (characters a boot menu would read as syntax; add it by hand in the boot menu's editor)`,
    );
  return parts.join("; ");
}

/** A kernel serial console: `console=ttyS<unit>[,<speed>[<parity>[<bits>]]]` (Documentation/admin-guide/serial-console). */
const SERIAL_CONSOLE = /^console=ttyS(\d+)(?:,(\d+)([noe])?([5-8])?)?$/;
const GRUB_PARITY = { n: "no", o: "odd", e: "even" } as const;

/**
 * GRUB's own terminal on the serial line the kernel was given, so a person at a serial console
 * sees the boot menu (and can pick an entry) before the kernel speaks there, as Anaconda sets
 * GRUB_TERMINAL="serial console" when the install ran with console=ttyS. The last serial console
 * counts (GRUB drives one port); the screen and keyboard stay too. No serial console: nothing.
 * The kernel's default speed is 9600, GRUB's too: a console= without one gets --speed=9600.
 * BIOS menus only: under UEFI, GRUB's `console` terminal is the firmware's, which OVMF (and a
 * server's console redirection) already mirrors to the serial port; with these lines there every
 * line of the menu came twice, in two geometries (measured in QEMU: docs/installer.md).
 */
export function grubSerialLines(c: ConsoleArgs): string[] {
  const m = [...c.args]
    .reverse()
    .map((a) => SERIAL_CONSOLE.exec(a))
    .find((x) => x !== null);
  if (!m) return [];
  const [, unit, speed, parity, bits] = m;
  return [
    [
      `serial --unit=${unit} --speed=${speed ?? "9600"}`,
      ...(parity ? [`--parity=${GRUB_PARITY[parity as keyof typeof GRUB_PARITY]}`] : []),
      ...(bits ? [`--word=${bits}`] : []),
    ].join(" "),
    "terminal_input serial console",
    "terminal_output serial console",
  ];
}
