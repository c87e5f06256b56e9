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
  // services of a desktop or a time server, which the live system and the installed one may have
  "colord",
  "flatpak",
  "gdm",
  "geoclue",
  "lightdm",
  "nscd",
  "ntp",
  "pipewire",
  "rtkit",
  "sddm",
  "systemd",
  // groups that give root (ROOT_GRANTING_GROUPS, ROOT_EQUIVALENT_GROUPS): a person named so gets a
  // group of that name (useradd --user-group), and the software adopts it later (attacker 11 L1)
  "docker",
  "lxd",
  "incus-admin",
  "shadow",
]);

/** Why `name` cannot be a new person's account, or undefined. */
export function reservedUsernameProblem(name: string): string | undefined {
  if (RESERVED_USERNAMES.has(name) || name.startsWith("systemd-"))
    return `${name} is a system account or group name; choose a person's name such as alice`;
  return undefined;
}

/**
 * Groups that make their members administrators (sudoers' `%wheel ALL=(ALL) ALL` on Rocky; `sudo`
 * on Debian-likes): joining one is sudo, so it is asked for with `sudo: true`, where the plan shows it.
 */
export const SUDO_GROUPS: ReadonlySet<string> = new Set(["wheel", "sudo", "admin"]);

/**
 * Groups that are sudo by another name once their software runs (attacker 7 L9, attacker 11 L1):
 * docker's, lxd's and incus's (incus-admin; attacker 13 M2) daemons run any container as root for their members, libvirt's any virtual
 * machine with this machine's disks. Accepted (people ask for docker without sudo, and CONTRACTS'
 * data expects it), but said in the plan (leviso/rootfs/users.ts) and given only on words that give
 * them, as sudo is (agent/safety/rootGroups.ts).
 */
export const ROOT_GRANTING_GROUPS: ReadonlySet<string> = new Set(["docker", "lxd", "incus-admin", "libvirt"]);

/**
 * Groups that are root by another name: raw read and write of every disk (disk), of memory (kmem,
 * mem), the password hashes (shadow), root's own files (root). A person never needs one for daily
 * work, and a plan giving one would hand out root without saying so.
 */
export const ROOT_EQUIVALENT_GROUPS: ReadonlyMap<string, string> = new Map([
  ["root", "root's own group"],
  ["disk", "raw read and write access to every disk"],
  ["shadow", "read access to every password hash"],
  ["kmem", "raw access to kernel memory"],
  ["mem", "raw access to memory"],
]);

/** Why these groups cannot be given as asked, or [] (the user's `sudo` decides administration). */
export function groupProblems(groups: readonly string[], sudo: boolean): string[] {
  const out: string[] = [];
  for (const g of groups) {
    if (SUDO_GROUPS.has(g) && !sudo)
      out.push(
        `the ${g} group lets its members use sudo: set "sudo": true instead (the plan then says so), or leave ${g} out`,
      );
    const why = ROOT_EQUIVALENT_GROUPS.get(g);
    if (why)
      out.push(
        `the ${g} group is as good as root (${why}); leave it out, and use "sudo": true for a person who administers the system`,
      );
  }
  return out;
}

const checkGroups = (a: { username: string; groups: string[]; sudo: boolean }, ctx: z.RefinementCtx) => {
  for (const message of groupProblems(a.groups, a.sudo))
    ctx.addIssue({ code: "custom", path: ["groups"], message });
  // useradd --user-group makes the user's own group; listed here it would be made first by
  // groupadd, and useradd then refuses the user (after the disk was erased).
  if (a.groups.includes(a.username))
    ctx.addIssue({
      code: "custom",
      path: ["groups"],
      message: `groups names ${a.username}, the user's own group, which the user gets anyway: leave ${a.username} out of groups`,
    });
};

const baseArgs = z.strictObject({
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
const args = baseArgs.superRefine(checkGroups);

/** A crypt(3) SHA-512 ($6$) or yescrypt ($y$) hash: the only form a password may take in a plan file. */
export const PASSWORD_HASH_PATTERN = "^\\$(6|y)\\$[./A-Za-z0-9$=]{8,200}$";

/** SHA-crypt's rounds above this make every login burn seconds of CPU; glibc's default is 5000. */
export const MAX_SHA_CRYPT_ROUNDS = 1_000_000;
const SHA512_CRYPT = /^\$6\$(?:rounds=(\d{1,10})\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{86}$/;
const YESCRYPT = /^\$y\$[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{1,86}\$[./A-Za-z0-9]{43}$/;
const HASH_HOWTO = "make one with `openssl passwd -6` (or mkpasswd -m yescrypt)";

const CRYPT64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** yescrypt's memory per login, in MiB: mkpasswd's default (cost 5) takes 16, each step doubles it and the time. */
export const YESCRYPT_MIB = { min: 1, max: 64 } as const;

/**
 * Why yescrypt's params field (`j9T`: flavour, log2 N, r, each one crypt64 character as
 * libxcrypt writes them) cannot be used, or undefined. Other flavours, multi-character values
 * and extra parameters make libxcrypt answer `*0` (no one can log in); a large N*r makes each
 * login attempt take seconds and gigabytes (`jFT`: 24 s, 1 GiB), which a password-guessing bot
 * turns into an exhausted machine.
 */
export function yescryptParamsProblem(params: string): string | undefined {
  const [flavour, n, r] = [...params].map((c) => CRYPT64.indexOf(c));
  if (params.length !== 3 || flavour !== 47 || n === undefined || r === undefined || n > 47 || r > 47)
    return `passwordHash's yescrypt parameters ${params} are not ones mkpasswd makes (three characters such as j9T): libxcrypt refuses most others (then no one can log in), and the rest set a cost this check cannot read: ${HASH_HOWTO}`;
  const mib = (128 * 2 ** (n + 1) * (r + 1)) / 2 ** 20;
  if (mib < YESCRYPT_MIB.min || mib > YESCRYPT_MIB.max)
    return `passwordHash's yescrypt parameters ${params} make each login use ${mib} MiB${mib > YESCRYPT_MIB.max ? " and seconds of CPU" : ", too little to slow down guessing"}; use ${YESCRYPT_MIB.min} to ${YESCRYPT_MIB.max} MiB (mkpasswd's default, $y$j9T$, uses 16): ${HASH_HOWTO}`;
  return undefined;
}

/**
 * Why `hash` is not a well-formed crypt(3) hash, or undefined. A malformed one is accepted by
 * useradd/chpasswd and matches no password: an unattended install would end with an account
 * nobody can log into, reported as a success. The message never quotes the hash.
 */
export function passwordHashProblem(hash: string): string | undefined {
  if (hash.startsWith("$6$")) {
    const m = SHA512_CRYPT.exec(hash);
    if (!m)
      return `passwordHash is not a whole SHA-512 crypt hash ($6$[rounds=N$]salt$ then 86 characters of ./A-Za-z0-9): ${HASH_HOWTO}`;
    const rounds = m[1] === undefined ? 5000 : Number(m[1]);
    if (rounds < 1000 || rounds > MAX_SHA_CRYPT_ROUNDS)
      return `passwordHash has rounds=${rounds}; use 1000 to ${MAX_SHA_CRYPT_ROUNDS} (more makes every login take minutes of CPU): ${HASH_HOWTO}`;
    return undefined;
  }
  if (hash.startsWith("$y$")) {
    if (!YESCRYPT.test(hash))
      return `passwordHash is not a whole yescrypt hash ($y$params$salt$ then 43 characters of ./A-Za-z0-9): ${HASH_HOWTO}`;
    return yescryptParamsProblem(hash.split("$")[2] ?? "");
  }
  return `passwordHash must be a crypt(3) hash starting with $6$ or $y$: ${HASH_HOWTO}`;
}

const planArgs = baseArgs
  .extend({
    passwordHash: z
      .string()
      .regex(new RegExp(PASSWORD_HASH_PATTERN), {
        message: `passwordHash must be a crypt(3) hash starting with $6$ or $y$: ${HASH_HOWTO}`,
        abort: true,
      })
      .refine((h) => passwordHashProblem(h) === undefined, {
        error: (i) => passwordHashProblem(String(i.input)) ?? "not a crypt(3) hash",
      })
      .optional()
      .describe(
        "crypt(3) hash ($6$ or $y$) of the password; plan files only. Without it the password is asked when the plan runs",
      ),
  })
  .superRefine(checkGroups);

export const createUser = {
  name: "createUser",
  description:
    "Create a user account, optionally with sudo rights. The password is asked when the plan runs.",
  modes: ["live", "installed"],
  args,
  planArgs,
  examples: ["create user vince with sudo", "add a user anna", "same for bob"],
} as const satisfies ToolSpec<typeof args, typeof planArgs>;
