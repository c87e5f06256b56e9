/**
 * Which paths may be a new account's login shell (attacker 11 M1). useradd takes any string as a
 * shell and only warns, so a shell the target lacks gives an account nobody can log into: for the
 * only sudo user of a new system, the same as "nobody can administer it", found only after the
 * disk was erased. A shell is therefore checked where it will run:
 * - its path names one file plainly: no empty, "." or ".." part, no part starting with "-"
 *   ("/usr/bin/../../tmp/x", "/", "/usr/bin/-c" were passed to useradd);
 * - a live install's target is the base system (recipes/base.list: bash, and setup's /etc/shells
 *   listing /bin/sh, /bin/bash, /usr/bin/sh, /usr/bin/bash) plus the recipes the same plan installs;
 * - an installed system's own /etc/shells decides (tools/planFile.ts, unlistedShell).
 */

/** The login shells of the base system `recipe bootstrap` installs: Rocky's /etc/shells (setup), all of them bash. */
export const BASE_LOGIN_SHELLS: readonly string[] = ["/bin/bash", "/usr/bin/bash", "/bin/sh", "/usr/bin/sh"];

/** Why `shell` is no plain path to one program, or undefined. */
export function shellPathProblem(shell: string): string | undefined {
  const parts = shell.split("/").slice(1);
  if (!shell.startsWith("/") || parts.some((p) => p === "" || p === "." || p === ".." || p.startsWith("-")))
    return 'a login shell is the whole path of a program, with no empty, "." or ".." part and no part starting with "-"';
  return undefined;
}

/** The recipe that provides `shell` when a plan installs it: /bin/NAME or /usr/bin/NAME of a recipe NAME. */
export function shellRecipe(shell: string): string | undefined {
  return /^\/(?:usr\/)?bin\/([a-z0-9][a-z0-9_.+-]*)$/.exec(shell)?.[1];
}

/**
 * Why `shell` will not be on a new system that has the base set and the recipes `installs`, or
 * undefined. `available`: the recipes this machine has, to say which fix exists.
 */
export function liveShellProblem(
  shell: string,
  installs: readonly string[],
  available: readonly string[],
): { message: string; hint: string } | undefined {
  if (BASE_LOGIN_SHELLS.includes(shell)) return undefined;
  const name = shellRecipe(shell);
  if (name !== undefined && installs.includes(name)) return undefined;
  const recipe = name !== undefined && available.includes(name);
  return {
    message: `${shell} is not a login shell of the new system: its base system has only bash and sh${recipe ? `, and the plan does not install ${name}` : name ? ` (no recipe installs ${name})` : ""}, so the user could not log in`,
    hint: recipe
      ? `add the ${name} recipe to the plan ("install ${name}"), or use /bin/bash (the default when no shell is given)`
      : "use /bin/bash (the default when no shell is given) or /bin/sh",
  };
}
