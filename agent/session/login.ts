/**
 * The login check: a new system that nobody can log in to as an administrator is almost always a
 * mistake (the user planned a disk and programs and forgot the user). Root gets no password from
 * the installer, so someone must be a user with sudo, or root must be given a password (a plan
 * file's createUser root with a passwordHash). Before confirmation the chat asks; `levitate ask`
 * and `levitate install --plan` warn.
 */

type Call = { tool: string; args: Record<string, unknown> };

/** Why nobody could log in to what a live plan installs, or undefined when someone can. */
export function loginProblem(mode: "live" | "installed", calls: readonly Call[]): string | undefined {
  if (mode !== "live") return undefined;
  const users = calls.filter((c) => c.tool === "createUser");
  if (users.some((u) => u.args.sudo === true || u.args.username === "root")) return undefined;
  const names = users.map((u) => String(u.args.username));
  if (names.length === 0)
    return "Nobody will be able to log in to the new system: the plan creates no user, and root gets no password.";
  return `Nobody will be able to administer the new system: ${names.join(", ")} ${names.length === 1 ? "gets" : "get"} no sudo, and root gets no password.`;
}

/** The question the chat asks about it: what to say to fix it, or how to go on anyway. */
export function loginQuestion(problem: string, calls: readonly Call[]): string {
  const user = calls.find((c) => c.tool === "createUser")?.args.username;
  const fix = user ? `create user ${String(user)} with sudo` : "create user anna with sudo";
  return `${problem} Should one user get sudo? Say e.g. "${fix}", or "yes" again to install without one.`;
}
