import { z } from "zod";
import type { ToolSpec } from "./types.js";

export const USERNAME_PATTERN = "^[a-z_][a-z0-9_-]{0,31}$";

/**
 * Names a person's account may not take: the system accounts and groups a Rocky/Fedora/Debian
 * base system has (creating one would fail, or worse, hand a person a daemon's files or a
 * privileged group's rights), and names that mean an administrator to people and programs.
 * `admin` is allowed: Rocky has no such account or group, our sudoers grants nothing to it, and it
 * is one of the names people most often ask for on a server.
 */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  "root",
  "bin",
  "daemon",
  "adm",
  "lp",
  "sync",
  "shutdown",
  "halt",
  "mail",
  "operator",
  "games",
  "ftp",
  "nobody",
  "nogroup",
  "nfsnobody",
  "sys",
  "tty",
  "disk",
  "kmem",
  "wheel",
  "sudo",
  "staff",
  "users",
  "dialout",
  "cdrom",
  "floppy",
  "tape",
  "audio",
  "video",
  "input",
  "kvm",
  "render",
  "utmp",
  "utempter",
  "lock",
  "mem",
  "man",
  "news",
  "uucp",
  "proxy",
  "www-data",
  "backup",
  "list",
  "irc",
  "gnats",
  "dbus",
  "polkitd",
  "sshd",
  "chrony",
  "tss",
  "sssd",
  "rpc",
  "rpcuser",
  "apache",
  "nginx",
  "postfix",
  "avahi",
  "colord",
  "geoclue",
  "rtkit",
  "pipewire",
  "gdm",
  "unbound",
  "dnsmasq",
  "saslauth",
  "libstoragemgmt",
  "setroubleshoot",
  "cockpit-ws",
  "cockpit-wsinstance",
  "clevis",
  "flatpak",
  "usbmuxd",
  "qemu",
  "libvirt",
  "mysql",
  "postgres",
  "systemd-journal",
  "ssh_keys",
]);

/** Why `name` cannot be a new person's account, or undefined. */
export function reservedUsernameProblem(name: string): string | undefined {
  if (RESERVED_USERNAMES.has(name) || name.startsWith("systemd-"))
    return `${name} is a system account or group name; choose a person's name such as alice`;
  return undefined;
}

const args = z.strictObject({
  username: z
    .string()
    .max(32)
    .regex(new RegExp(USERNAME_PATTERN), {
      message: "a username starts with a lowercase letter or _, then up to 31 of a-z 0-9 _ -",
    })
    .refine((n) => reservedUsernameProblem(n) === undefined, {
      error: (i) => reservedUsernameProblem(String(i.input)) ?? "a reserved name",
    })
    .describe("Login name: lowercase letters, digits, _ and -, starting with a letter or _"),
  sudo: z
    .boolean()
    .default(false)
    .describe("Let the user run commands as root with sudo (adds them to wheel)"),
  fullName: z
    .string()
    .max(64)
    .regex(/^[^:\n]*$/, { message: "a full name cannot contain ':' or a newline" })
    .optional()
    .describe("The person's full name (GECOS field)"),
  shell: z
    .string()
    .max(64)
    .regex(/^\/[A-Za-z0-9/_.+-]*$/, { message: "a shell is an absolute path such as /bin/bash" })
    .default("/bin/bash")
    .describe("Login shell, an absolute path"),
  groups: z
    .array(
      z
        .string()
        .max(32)
        .regex(/^[a-z_][a-z0-9_-]{0,31}$/, { message: "a group name looks like a username" }),
    )
    .max(16)
    .default([])
    .describe("Extra groups to add the user to"),
});

/** A crypt(3) SHA-512 ($6$) or yescrypt ($y$) hash: the only form a password may take in a plan file. */
export const PASSWORD_HASH_PATTERN = "^\\$(6|y)\\$[./A-Za-z0-9$=]{8,200}$";

const planArgs = args.extend({
  passwordHash: z
    .string()
    .regex(new RegExp(PASSWORD_HASH_PATTERN), {
      message:
        "passwordHash must be a crypt(3) hash starting with $6$ or $y$ (make one with `openssl passwd -6`)",
    })
    .optional()
    .describe(
      "crypt(3) hash ($6$ or $y$) of the password; plan files only. Without it the password is asked when the plan runs",
    ),
});

export const createUser = {
  name: "createUser",
  description:
    "Create a user account, optionally with sudo rights. The password is asked when the plan runs.",
  modes: ["live", "installed"],
  args,
  planArgs,
  examples: ["create user vince with sudo", "add a user anna", "same for bob"],
} as const satisfies ToolSpec<typeof args, typeof planArgs>;
