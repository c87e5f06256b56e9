/**
 * A turn typed as command-line flags ("--disk /dev/sda --fs xfs --user ops:sudo --user deploy"),
 * said back in words, one clause a flag, so that each flag's value stays with its flag: "ops:sudo"
 * gives ops sudo and never the next user. Only a turn that starts with a flag is read so ("rm -rf /
 * --no-preserve-root" stays a shell command); a flag not known here is left out of the words.
 */

/** "NAME:sudo", "NAME:admin", "NAME:wheel": the user with sudo. */
const SUDO_SUFFIX = /^([a-z_][a-z0-9_-]*):(?:sudo|admin|wheel|root|sudoer)$/i;

function flagWords(name: string, value: string | undefined): string | undefined {
  const v = value ?? "";
  const list = (x: string) => x.split(",").filter(Boolean).join(" and ");
  switch (name) {
    case "disk":
    case "target":
    case "device":
    case "drive":
      return v && `install on ${v}`;
    case "fs":
    case "filesystem":
      return v && `filesystem ${v}`;
    case "swap":
      return v && `swap ${v}`;
    case "root":
    case "root-size":
      return v && `root ${v}`;
    case "encrypt":
    case "luks":
      return "encrypted";
    case "separate-home":
    case "home":
      return "separate home";
    case "use":
      return v === "free" ? "in the free space" : v === "whole" ? "the whole disk" : undefined;
    case "keep":
      return v && `keep ${v}`;
    case "user":
    case "username": {
      const m = SUDO_SUFFIX.exec(v);
      if (m) return `user ${m[1]} with sudo`;
      return /^[a-z_][a-z0-9_-]*$/i.test(v) ? `user ${v}` : undefined;
    }
    case "hostname":
    case "host":
      return v && `hostname ${v}`;
    case "recipes":
    case "recipe":
    case "install":
    case "packages":
    case "pkgs":
      return v && `install ${list(v)}`;
    case "remove":
    case "uninstall":
      return v && `remove ${list(v)}`;
    case "locale":
    case "lang":
    case "language":
      return v && `language ${v}`;
    case "keymap":
    case "keyboard":
      return v && `keyboard ${v}`;
    case "timezone":
    case "tz":
      return v && `timezone ${v}`;
    default:
      return undefined;
  }
}

/** The flags as words, one clause each; undefined when the turn does not start with a flag. */
export function flagsAsWords(text: string): string | undefined {
  const parts = text.trim().split(/\s+/);
  if (!/^--[a-z]/i.test(parts[0] ?? "")) return undefined;
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!p.startsWith("--")) continue;
    const eq = p.indexOf("=");
    const name = (eq > 0 ? p.slice(2, eq) : p.slice(2)).toLowerCase();
    let value = eq > 0 ? p.slice(eq + 1) : undefined;
    if (value === undefined && parts[i + 1] !== undefined && !parts[i + 1]!.startsWith("--"))
      value = parts[++i];
    const said = flagWords(name, value);
    if (said) out.push(said);
  }
  return out.length ? out.join(" . ") : undefined;
}
