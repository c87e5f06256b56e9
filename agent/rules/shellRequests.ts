/**
 * Shell commands typed as requests, said in the words the readers know (tester 11 W11): "rm -rf
 * tmux" and "rm /usr/bin/git" remove a program, "mkfs.btrfs /dev/vdb" installs onto that disk with
 * that filesystem (a filesystem made is a disk to be used), "recipe remove htop" is this toolkit's
 * own command, "hostnamectl set-hostname box", "localectl set-keymap de", "timedatectl set-timezone
 * Europe/Berlin" set what they set. Nothing runs them: each becomes
 * the plan step it asks for, shown before it runs, and the destructive gate judges an erase or a
 * removal as it judges the words (agent/safety/destructiveGate.ts): the disk or program stays
 * exactly as typed, and a take-back later in the turn ("... jk don't", "actually no") still takes it
 * back, because it is read after this.
 *
 * Only a command whose every argument is understood is restated. "rm -rf /", "rm -rf ~/photos",
 * "mkfs.ext4 /dev/sda1" (a partition), a pipe, a redirection or a
 * command substitution leave the whole turn as typed, and the refusal of shell commands answers it
 * (agent/rules/refusals.ts). "wipefs -a /dev/sdb" and "dd if=/dev/zero of=/dev/sda" only destroy:
 * no install asks for them (they are pasted from a wiki more often than meant), so they stay
 * refused too. Commands joined by `&&` or `;` are restated one sentence each, and only
 * when every one of them is a command known here (users are read by the people readers).
 */

export interface ShellKnown {
  /** Program names: recipes and installed programs, lower case. */
  programs: ReadonlySet<string>;
  /** Whole disks, "/dev/sda". */
  disks: ReadonlySet<string>;
}

const SEPARATOR = /\s*(?:&&|;)\s*/;
/** Shell syntax that no restatement reads: pipes, redirections, substitutions, globs, `||`. */
const UNREAD = /\|\||[|`<>*]|\$\(|\$\{|\$[a-z_]/i;
/** Commands that others restate (package managers, user commands): a statement of its own. */
const OTHERS =
  /^(?:sudo\s+)?(?:apt|apt-get|aptitude|dnf|yum|zypper|pacman|yay|paru|brew|snap|flatpak|apk|pkg|nix-env|emerge|xbps-install|xbps-remove|eopkg|useradd|adduser|usermod|userdel|deluser|groupadd|gpasswd|passwd)\b/i;
const FILESYSTEMS = new Set(["ext4", "btrfs", "xfs", "ext3", "ext2", "f2fs", "vfat", "fat", "exfat", "ntfs"]);

/** The restated words, or the text unchanged. */
export function restateShellRequests(text: string, known: ShellKnown): string {
  // a trailing take-back or comment after the command: "rm -rf tmux jk don't", "mkfs.ext4 /dev/sda. actually no"
  const head = /^\s*(?:sudo\s+)?(?:rm|mkfs(?:\.[a-z0-9]+)?|hostnamectl|localectl|timedatectl|recipe)\b/i;
  if (!head.test(text) && !SEPARATOR.test(text)) return text;
  // the command ends where a sentence of words starts: ". ", "! ", " — ", ", then", " jk", " lol"
  const cut =
    /(?:\.+\s|[!?]+\s|\s[—–]\s|\s-\s|,\s|\s(?=(?:jk|lol|lmao|haha|nvm|no\s+wait|wait|actually|sorry|please|pls|thanks|thx)\b))/i.exec(
      text,
    );
  const command = cut ? text.slice(0, cut.index) : text.replace(/[.!]+\s*$/, "");
  const rest = cut ? text.slice(cut.index) : text.slice(command.length);
  if (UNREAD.test(command)) return text;
  const statements = command.split(SEPARATOR).filter((s) => s.trim());
  if (!statements.length) return text;
  const said: string[] = [];
  for (const s of statements) {
    const words = restateOne(s.trim(), known);
    if (words === undefined) {
      if (statements.length > 1 && OTHERS.test(s.trim())) said.push(s.trim());
      else return text;
    } else said.push(words);
  }
  // nothing of ours among the statements: others read them as typed
  if (said.every((w, k) => w === statements[k]!.trim())) return text;
  return `${said.join(". ")}${rest}`;
}

function restateOne(statement: string, known: ShellKnown): string | undefined {
  const words = statement.split(/\s+/);
  let i = 0;
  if (/^sudo$/i.test(words[0]!)) i++;
  const cmd = words[i]?.toLowerCase() ?? "";
  const args = words.slice(i + 1);
  if (cmd === "rm") return removal(args, known);
  if (cmd === "recipe") return recipeCommand(args, known);
  if (cmd === "mkfs" || cmd.startsWith("mkfs.")) return format(cmd, args, known);
  if (cmd === "hostnamectl") return hostname(args);
  if (cmd === "localectl") return locale(args);
  if (cmd === "timedatectl") return timezone(args);
  return undefined;
}

/** "rm -rf tmux eza", "rm /usr/bin/git": programs by name or by their binary's path. */
function removal(args: readonly string[], known: ShellKnown): string | undefined {
  const names: string[] = [];
  for (const a of args) {
    if (/^-[a-z]+$/i.test(a) || /^--(?:force|recursive|verbose)$/i.test(a)) continue;
    const m = /^(?:(?:\/usr(?:\/local)?|~\/\.local|~\/\.cargo|\/opt)\/bin\/)?([a-z0-9][a-z0-9+._-]*)$/i.exec(
      a,
    );
    const name = m?.[1]?.toLowerCase();
    if (!name || !known.programs.has(name)) return undefined;
    names.push(name);
  }
  return names.length ? `remove ${listed(names)}` : undefined;
}

/** "recipe remove htop", "recipe install neovim": this toolkit's own command, said as the request. */
function recipeCommand(args: readonly string[], known: ShellKnown): string | undefined {
  const [sub, ...rest] = args.filter((a) => !a.startsWith("-"));
  const verb = /^(?:install|add)$/i.test(sub ?? "")
    ? "install"
    : /^(?:remove|rm|uninstall)$/i.test(sub ?? "")
      ? "remove"
      : undefined;
  const names = rest.map((n) => n.toLowerCase());
  if (!verb || !names.length || !names.every((n) => known.programs.has(n))) return undefined;
  return `${verb} ${listed(names)}`;
}

/** "mkfs.btrfs -f /dev/vdb", "mkfs -t xfs /dev/sda": that disk erased, with that filesystem. */
function format(cmd: string, args: readonly string[], known: ShellKnown): string | undefined {
  let fs = cmd.includes(".") ? cmd.slice(cmd.indexOf(".") + 1) : undefined;
  let disk: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (/^-t$/.test(a)) {
      fs = args[++k]?.toLowerCase();
      continue;
    }
    // options that take a value: a label, a uuid, a block size
    if (/^-[LUnbNIm]$/.test(a)) {
      k++;
      continue;
    }
    if (/^-/.test(a)) continue;
    if (disk || !known.disks.has(a)) return undefined;
    disk = a;
  }
  if (!disk || (fs && !FILESYSTEMS.has(fs))) return undefined;
  return fs && fs !== "vfat" && fs !== "fat" && fs !== "exfat" && fs !== "ntfs"
    ? `erase ${disk} and install with ${fs}`
    : fs
      ? undefined
      : `erase ${disk}`;
}

function hostname(args: readonly string[]): string | undefined {
  const plain = args.filter((a) => !a.startsWith("-"));
  if (plain.length !== 2 || !/^(?:set-hostname|hostname)$/i.test(plain[0]!)) return undefined;
  return /^[a-z0-9][a-z0-9-]*$/i.test(plain[1]!) ? `hostname ${plain[1]}` : undefined;
}

function locale(args: readonly string[]): string | undefined {
  const plain = args.filter((a) => !a.startsWith("-"));
  const [sub, value] = plain;
  if (plain.length !== 2 || !sub || !value) return undefined;
  if (/^set-(?:x11-)?keymap$/i.test(sub) && /^[a-z0-9_-]+$/i.test(value)) return `keyboard ${value}`;
  const lang = /^(?:LANG=)?([a-z]{2,3}_[A-Z]{2}(?:\.UTF-8|\.utf8)?)$/.exec(value)?.[1];
  if (/^set-locale$/i.test(sub) && lang) return `locale ${lang}`;
  return undefined;
}

function timezone(args: readonly string[]): string | undefined {
  const plain = args.filter((a) => !a.startsWith("-"));
  if (plain.length !== 2 || !/^set-timezone$/i.test(plain[0]!)) return undefined;
  return /^[A-Za-z_]+(?:\/[A-Za-z_+-]+){0,2}$/.test(plain[1]!) ? `timezone ${plain[1]}` : undefined;
}

function listed(names: readonly string[]): string {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
