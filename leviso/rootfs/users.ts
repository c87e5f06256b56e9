import { inRoot } from "../../steps/rootPath.js";
import type { Step } from "../../steps/step.js";

/**
 * Users inside a root: the installer's createUser and leviso's live-image user both come from
 * here. Everything runs through shadow-utils' `--root` (they chroot into the root and use its
 * /etc/login.defs), so the host's own user database is never touched.
 */

export type PasswordSource =
  /** Asked when the plan runs, hashed with `openssl passwd -6`, and set with `chpasswd -e`. */
  | { ask: true }
  /** A crypt(3) hash ($6$ or $y$), e.g. from a plan file. Fed via stdin, never argv. */
  | { hash: string }
  /** No password: the account is locked for password logins (live image with autologin). */
  | { locked: true };

export interface UserSpec {
  username: string;
  sudo: boolean;
  fullName?: string;
  shell: string;
  groups: string[];
  password: PasswordSource;
  /** Numeric uid (live images pin 1000); useradd picks one when absent. */
  uid?: number;
}

/** The drop-in that gives the wheel group sudo; validated with `visudo -cf` before it lands. */
export const SUDOERS_DROPIN = "/etc/sudoers.d/10-wheel";
export const SUDOERS_CONTENT =
  "# Written by levitate: members of wheel may run any command as root.\n%wheel ALL=(ALL:ALL) ALL\n";

export interface UserStepsOptions {
  /** Step ids start with this (default `createUser`). */
  idPrefix?: string;
  /** Preset secrets the caller must hand to the executor (the hash from a plan file). */
  presetSecrets?: Map<string, string>;
}

/** Name of the secret holding a user's crypt hash at execution. */
export function hashSecretName(username: string): string {
  return `hash:${username}`;
}

/**
 * Steps that create `spec.username` inside `root`. Pure: returns data for the executor.
 * With `password: {hash}` the hash goes into `opts.presetSecrets` (so plan output never shows
 * it); the caller passes that map to the executor.
 */
/**
 * Groups that give more than their name says, accepted (a person may want them) but said in the
 * plan: a group made here before its software exists is the one that software adopts later
 * (attacker 7 L9: docker for a user without sudo, said nowhere). A sudo user has root already.
 */
export const POWERFUL_GROUPS: ReadonlyMap<string, string> = new Map([
  [
    "docker",
    "can run containers as root through the docker daemon once docker is installed: as good as sudo",
  ],
  ["lxd", "can run containers as root through lxd once it is installed: as good as sudo"],
  ["incus-admin", "can run containers as root through incus once it is installed: as good as sudo"],
  [
    "libvirt",
    "can run virtual machines with any disk of this machine once libvirt is installed: as good as sudo",
  ],
  ["input", "can read every key typed on this machine's keyboards, other people's passwords included"],
]);

export function userSteps(root: string, spec: UserSpec, opts: UserStepsOptions = {}): Step[] {
  const id = `${opts.idPrefix ?? "createUser"}.${spec.username}`;
  const u = spec.username;
  const base = { phase: "users", source: "createUser" } as const;
  const steps: Step[] = [];
  const groups = [...new Set([...(spec.sudo ? ["wheel"] : []), ...spec.groups])];
  // Bases differ in which groups they ship; -f makes an existing group a no-op.
  for (const g of groups) {
    const power = POWERFUL_GROUPS.get(g);
    steps.push({
      ...base,
      id: `${id}.group.${g}`,
      title: `Make sure group ${g} exists${power && !spec.sudo ? ` (${u} ${power})` : ""}`,
      changes: `${inRoot(root, "/etc/group")}: adds group ${g} if missing`,
      destructive: false,
      action: { kind: "run", argv: ["groupadd", "--root", root, "-f", "-r", g] },
    });
  }
  const useradd = ["useradd", "--root", root, "--create-home", "--user-group", "--shell", spec.shell];
  if (spec.fullName) useradd.push("--comment", spec.fullName);
  if (groups.length) useradd.push("--groups", groups.join(","));
  if (spec.uid !== undefined) useradd.push("--uid", String(spec.uid));
  useradd.push(u);
  steps.push({
    ...base,
    id: `${id}.useradd`,
    title: `Create user ${u}${spec.sudo ? " (may use sudo)" : ""}`,
    changes: `${inRoot(root, "/etc/passwd")}, shadow, group; home ${inRoot(root, `/home/${u}`)}`,
    destructive: false,
    action: { kind: "run", argv: useradd },
  });
  const hash = hashSecretName(u);
  if ("ask" in spec.password) {
    steps.unshift(
      {
        ...base,
        id: `${id}.password.ask`,
        phase: "prepare",
        title: `Ask for ${u}'s password`,
        changes: "nothing (kept in memory)",
        destructive: false,
        action: {
          kind: "askSecret",
          secret: `password:${u}`,
          prompt: `Password for ${u}`,
          confirm: true,
          minLength: 1,
        },
      },
      {
        ...base,
        id: `${id}.password.hash`,
        phase: "prepare",
        title: `Hash ${u}'s password (SHA-512 crypt)`,
        changes: "nothing (kept in memory)",
        destructive: false,
        action: {
          kind: "run",
          argv: ["openssl", "passwd", "-6", "-stdin"],
          stdin: `{{secret:password:${u}}}\n`,
          captureSecret: hash,
        },
      },
    );
  } else if ("hash" in spec.password) {
    opts.presetSecrets?.set(hash, spec.password.hash);
  }
  if (!("locked" in spec.password)) {
    steps.push({
      ...base,
      id: `${id}.password.set`,
      title: `Set ${u}'s password (as a hash, through stdin)`,
      changes: `${inRoot(root, "/etc/shadow")}: ${u}'s password hash`,
      destructive: false,
      action: {
        kind: "run",
        argv: ["chpasswd", "--root", root, "--encrypted"],
        stdin: `${u}:{{secret:${hash}}}\n`,
      },
    });
  }
  if (spec.sudo) steps.push(sudoersStep(root, id));
  return steps;
}

/** The wheel drop-in, checked with `visudo -cf` on a temporary copy before it replaces anything. */
export function sudoersStep(root: string, idPrefix = "createUser"): Step {
  return {
    id: `${idPrefix}.sudoers`,
    phase: "users",
    source: "createUser",
    title: "Let the wheel group use sudo",
    changes: inRoot(root, SUDOERS_DROPIN),
    destructive: false,
    action: {
      kind: "writeFile",
      path: inRoot(root, SUDOERS_DROPIN),
      content: SUDOERS_CONTENT,
      mode: 0o440,
      check: ["visudo", "-cf", "{}"],
    },
  };
}
