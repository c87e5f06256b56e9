/**
 * A createUser whose user is already on the installed system: the same account (a re-run of an
 * interrupted plan, attacker 7 L7) is already done; another one is refused before anything runs,
 * naming what differs. Read live from the target's /etc, since a --facts file may not list the
 * user that the interrupted run created.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface WantedUser {
  username: string;
  sudo?: boolean;
  fullName?: string;
  shell?: string;
  groups?: string[];
  passwordHash?: string;
}

export type ExistingUser =
  | { state: "absent" }
  | { state: "same" }
  | { state: "different"; differences: string[] };

function lines(root: string, file: string): string[][] | undefined {
  try {
    return readFileSync(join(root, file), "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.split(":"));
  } catch {
    return undefined;
  }
}

const list = (names: Iterable<string>) => [...names].sort().join(", ");

/** What the target's /etc says about `want.username`, compared with what the plan asks. */
export function existingUser(root: string, want: WantedUser): ExistingUser {
  const u = want.username;
  const entry = lines(root, "etc/passwd")?.find((f) => f[0] === u);
  if (!entry) return { state: "absent" };
  const differences: string[] = [];
  const shell = want.shell ?? "/bin/bash";
  if ((entry[6] ?? "") !== shell) differences.push(`its shell is ${entry[6] || "(none)"}, not ${shell}`);
  const gecos = entry[4] ?? "";
  if (gecos !== (want.fullName ?? ""))
    differences.push(
      `its full name is ${gecos ? `"${gecos}"` : "empty"}, not ${want.fullName ? `"${want.fullName}"` : "empty"}`,
    );
  const wanted = new Set([...(want.sudo ? ["wheel"] : []), ...(want.groups ?? [])]);
  const actual = new Set(
    (lines(root, "etc/group") ?? [])
      .filter((f) => f[0] !== u && (f[3] ?? "").split(",").includes(u))
      .map((f) => f[0]!),
  );
  const missing = [...wanted].filter((g) => !actual.has(g));
  const extra = [...actual].filter((g) => !wanted.has(g));
  if (missing.length) differences.push(`it is not in ${list(missing)}`);
  if (extra.length)
    differences.push(
      `it is also in ${list(extra)}${extra.includes("wheel") ? " (wheel: it may use sudo)" : ""}`,
    );
  const shadow = lines(root, "etc/shadow");
  const hash = shadow?.find((f) => f[0] === u)?.[1];
  // The hash is compared, never shown.
  if (!shadow) differences.push("its password cannot be compared (/etc/shadow cannot be read: run as root)");
  else if (want.passwordHash !== undefined && hash !== want.passwordHash)
    differences.push("its password is not the plan's passwordHash");
  else if (want.passwordHash === undefined && !hash?.startsWith("$"))
    differences.push("it has no password set");
  return differences.length ? { state: "different", differences } : { state: "same" };
}

/** The plan error for a user that exists with other settings. */
export function existingUserMessage(u: string, differences: string[]): { message: string; hint: string } {
  return {
    message: `user ${u} already exists with other settings: ${differences.join("; ")}`,
    hint: `drop this createUser step (${u} is there), make it match the account, or choose another username`,
  };
}
